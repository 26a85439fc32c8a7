"""Public typing helpers and 0.5's scope base classes."""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar, Union, runtime_checkable

__all__ = [
    "AsyncFactory",
    "AsyncProvider",
    "AsyncResourceProvider",
    "Configurable",
    "Factory",
    "Injectable",
    "Provider",
    "Resolvable",
    "ResourceProvider",
    "Scope",
    "ScopeAware",
    "ScopeType",
    "ServiceFactory",
    "ServiceKey",
]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

ServiceKey = Union[type[Any], str]  # noqa: UP007 - a runtime alias on Python 3.10
ServiceFactory = Any


class ScopeType(str, enum.Enum):
    """The built-in lifetimes (``"scoped"`` is accepted too and means ``REQUEST``)."""

    SINGLETON = "singleton"
    TRANSIENT = "transient"
    REQUEST = "request"
    ACTION = "action"


class Scope(ABC):
    """Base of 0.5-style custom scopes: ``get(key, factory)`` returns the cached or new instance.

    Install one with ``container.register_scope(MyScope("tenant"))``; a plain name
    (``container.register_scope("tenant")``) gets InjectQ's own block-based storage instead.
    """

    def __init__(self, name: str, thread_safe: bool = True) -> None:
        self.name = name
        self.thread_safe = thread_safe

    @abstractmethod
    def get(self, key: Any, factory: Callable[[], Any]) -> Any:
        """The instance of ``key`` in this
        scope, created with ``factory``
        if needed.
        """

    async def aget(self, key: Any, factory: Callable[[], Awaitable[Any]]) -> Any:
        """Async twin of :meth:`get`: the scope caches one future per key, awaited by all."""
        import asyncio  # only async code gets here: asyncio is loaded already

        future = self.get(key, lambda: asyncio.ensure_future(factory()))
        return await asyncio.shield(future)

    @abstractmethod
    def clear(self) -> None:
        """Drop every instance of this scope."""

    def enter(self) -> None:  # noqa: B027 - optional hook
        """Called when a block of this scope starts."""

    def exit(self) -> None:  # noqa: B027 - optional hook
        """Called when a block of this scope ends."""


@runtime_checkable
class Injectable(Protocol):
    """Marker protocol for classes meant to be injected."""


@runtime_checkable
class Provider(Protocol[T_co]):
    """A callable producing an instance."""

    def __call__(self) -> T_co: ...


@runtime_checkable
class AsyncProvider(Protocol[T_co]):
    """A callable producing an awaitable of an instance."""

    def __call__(self) -> Awaitable[T_co]: ...


Factory = Provider
AsyncFactory = AsyncProvider


@runtime_checkable
class ResourceProvider(Protocol[T_co]):
    """A callable producing a resource (generator or context manager)."""

    def __call__(self) -> Any: ...


@runtime_checkable
class AsyncResourceProvider(Protocol[T_co]):
    """A callable producing an async resource."""

    def __call__(self) -> Any: ...


@runtime_checkable
class Resolvable(Protocol):
    """An object that resolves itself (0.5 protocol)."""

    def __injectq_resolve__(self) -> Any: ...


@runtime_checkable
class Configurable(Protocol):
    """An object with a ``configure`` method (0.5 protocol)."""

    def configure(self, *args: Any, **kwargs: Any) -> None:
        """Apply configuration."""


@runtime_checkable
class ScopeAware(Protocol):
    """An object told which scope it lives in (0.5 protocol)."""

    def set_scope(self, scope: Any) -> None:
        """Receive the scope the object lives in."""
