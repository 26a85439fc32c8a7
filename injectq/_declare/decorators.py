"""Class decorators: ``@singleton``, ``@transient``, ``@scoped``, ``@register_as``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, overload

from .._current import current_container
from .._errors import BindingError
from .._graph import normalize_scope

__all__ = ["register_as", "scoped", "singleton", "transient"]

C = TypeVar("C", bound=type)


def _register(cls: Any, key: Any, scope: str, container: Any, name: str | None = None) -> None:
    if not isinstance(cls, type):
        raise BindingError(f"@{scope} applies to classes, got {cls!r}")
    target = container if container is not None else current_container()
    target.bind(key, cls, scope=scope, name=name)
    setattr(cls, "__injectq_scope__", scope)  # noqa: B010


@overload
def singleton(cls: C, container: Any = None) -> C: ...
@overload
def singleton(cls: None = None, container: Any = None) -> Callable[[C], C]: ...


def singleton(cls: Any = None, container: Any = None) -> Any:
    """Bind the class to itself as a singleton in ``container`` (default: the current one)."""
    if cls is None:
        return lambda c: singleton(c, container)
    _register(cls, cls, "singleton", container)
    return cls


@overload
def transient(cls: C, container: Any = None) -> C: ...
@overload
def transient(cls: None = None, container: Any = None) -> Callable[[C], C]: ...


def transient(cls: Any = None, container: Any = None) -> Any:
    """Bind the class to itself as transient: a new instance per resolution."""
    if cls is None:
        return lambda c: transient(c, container)
    _register(cls, cls, "transient", container)
    return cls


@overload
def scoped(scope_name: C, container: Any = None) -> C: ...
@overload
def scoped(scope_name: str = "request", container: Any = None) -> Callable[[C], C]: ...


def scoped(scope_name: Any = "request", container: Any = None) -> Any:
    """Bind the class for a scope: ``@scoped("request")``; bare ``@scoped`` means request."""
    if isinstance(scope_name, type):
        _register(scope_name, scope_name, "request", container)
        return scope_name
    name = normalize_scope(scope_name)

    def decorate(cls: C) -> C:
        _register(cls, cls, name, container)
        return cls

    return decorate


def register_as(
    service_type: Any, scope: Any = "singleton", container: Any = None, *, name: str | None = None
) -> Callable[[C], C]:
    """Bind ``service_type`` to the decorated class."""
    lifetime = normalize_scope(scope)

    def decorate(cls: C) -> C:
        _register(cls, service_type, lifetime, container, name)
        return cls

    return decorate
