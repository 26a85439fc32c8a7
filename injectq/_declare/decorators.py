"""Class decorators: ``@singleton``, ``@transient``, ``@scoped``, ``@register_as``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, overload

from .._current import current_container
from .._errors import BindingError
from .._graph import normalize_scope
from .._log import ERROR, INFO, log

__all__ = ["register_as", "scoped", "singleton", "transient"]

C = TypeVar("C", bound=type)


def _register(
    cls: Any, key: Any, scope: str, container: Any, decorator: str, name: str | None = None
) -> None:
    """Bind ``key`` to ``cls``; ``decorator`` is how 0.5's messages name the decorator used."""
    if not isinstance(cls, type):
        message = f"{decorator} can only be applied to classes"
        log(_LOGGER, ERROR, message)
        raise BindingError(message)
    target = container if container is not None else current_container()
    target.bind(key, cls, scope=scope, name=name)
    setattr(cls, "__injectq_scope__", scope)  # noqa: B010


def _name(obj: Any) -> str:
    return getattr(obj, "__name__", str(obj))


_LOGGER = "injectq.decorators"


@overload
def singleton(cls: C, container: Any = None) -> C: ...
@overload
def singleton(cls: None = None, container: Any = None) -> Callable[[C], C]: ...


def singleton(cls: Any = None, container: Any = None) -> Any:
    """Bind the class to itself as a singleton in ``container`` (default: the current one)."""
    if cls is None:
        return lambda c: singleton(c, container)
    _register(cls, cls, "singleton", container, "@singleton")
    log(_LOGGER, INFO, "Registered singleton: %s", _name(cls))
    return cls


@overload
def transient(cls: C, container: Any = None) -> C: ...
@overload
def transient(cls: None = None, container: Any = None) -> Callable[[C], C]: ...


def transient(cls: Any = None, container: Any = None) -> Any:
    """Bind the class to itself as transient: a new instance per resolution."""
    if cls is None:
        return lambda c: transient(c, container)
    _register(cls, cls, "transient", container, "@transient")
    log(_LOGGER, INFO, "Registered transient: %s", _name(cls))
    return cls


@overload
def scoped(scope_name: C, container: Any = None) -> C: ...
@overload
def scoped(scope_name: str = "request", container: Any = None) -> Callable[[C], C]: ...


def scoped(scope_name: Any = "request", container: Any = None) -> Any:
    """Bind the class for a scope: ``@scoped("request")``; bare ``@scoped`` means request."""
    if isinstance(scope_name, type):
        _register(scope_name, scope_name, "request", container, "@scoped('request')")
        log(_LOGGER, INFO, "Registered scoped '%s': %s", "request", _name(scope_name))
        return scope_name
    name = normalize_scope(scope_name)

    def decorate(cls: C) -> C:
        _register(cls, cls, name, container, f"@scoped('{scope_name}')")
        log(_LOGGER, INFO, "Registered scoped '%s': %s", scope_name, _name(cls))
        return cls

    return decorate


def register_as(
    service_type: Any, scope: Any = "singleton", container: Any = None, *, name: str | None = None
) -> Callable[[C], C]:
    """Bind ``service_type`` to the decorated class."""
    lifetime = normalize_scope(scope)

    def decorate(cls: C) -> C:
        _register(cls, service_type, lifetime, container, f"@register_as({service_type})", name)
        log(
            _LOGGER,
            INFO,
            "Registered as %s with scope '%s': %s",
            _name(service_type),
            scope,
            _name(cls),
        )
        return cls

    return decorate
