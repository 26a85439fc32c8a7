"""The deferred handles a parameter may ask for: ``Lazy[K]`` and ``Current[K]``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._declare.markers import Current, Lazy
from .keys import split

if TYPE_CHECKING:
    from .container import InjectQ
    from .plans import Getter

__all__ = ["current_handle", "handle_getter"]


def current_handle(container: InjectQ, rk: Any) -> Current[Any]:
    """A ``Current`` resolving ``rk`` through ``container`` (overrides and scopes apply)."""
    key, name = split(rk)
    return Current(lambda: container.get(key, name), lambda: container.aget(key, name))


def handle_getter(container: InjectQ, rk: Any, current: bool) -> Getter:
    """The getter of a handle argument: a new ``Lazy`` per build, or the one ``Current``."""
    if current:
        handle = current_handle(container, rk)
        return lambda: handle
    key, name = split(rk)
    get = container.get
    return lambda: Lazy(lambda: get(key, name))
