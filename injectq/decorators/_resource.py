"""0.5's ``injectq.decorators.resource``: ``resource``, the global ``ResourceManager`` and the
lifecycle classes 0.5 code registers in it by hand.

``SyncResourceLifecycle(factory)`` / ``AsyncResourceLifecycle(factory)`` drive one resource made
by a generator, async generator, (async) context manager or plain factory: ``initialize`` enters
it (awaited for the async one), ``shutdown`` / ``shutdown_async`` leave it.
"""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from typing import Any

from .._declare.resources import (
    ResourceManager,
    _Lifecycle,
    async_managed_resource,
    get_resource_manager,
    managed_resource,
    resource,
)
from .._errors import ResourceError

__all__ = [
    "AsyncResourceLifecycle",
    "ResourceError",
    "ResourceLifecycle",
    "ResourceManager",
    "SyncResourceLifecycle",
    "async_managed_resource",
    "get_resource_manager",
    "managed_resource",
    "resource",
]


class ResourceLifecycle(_Lifecycle, ABC):
    """One resource and its state; register it with ``get_resource_manager().register_resource``."""

    def __init__(self, factory: Callable[..., Any]) -> None:
        super().__init__(factory)
        self.factory = factory
        self.is_coroutine = inspect.iscoroutinefunction(factory)
        self.is_async_gen = inspect.isasyncgenfunction(factory)

    @abstractmethod
    def initialize(self, *args: Any, **kwargs: Any) -> Any:
        """Create (and enter) the resource; a second call returns the same one."""

    @property
    def resource(self) -> Any:
        """The initialized resource; ``ResourceError`` before ``initialize``."""
        if not self.initialized:
            raise ResourceError("Resource not initialized")
        return self.instance

    async def shutdown_async(self) -> None:
        """Leave the resource, awaiting an async exit."""
        await self.ashutdown()


class SyncResourceLifecycle(ResourceLifecycle):
    """A resource made by a plain or generator function, or a context-manager factory."""

    def initialize(self, *args: Any, **kwargs: Any) -> Any:
        if self.initialized:
            return self.instance
        return super(ResourceLifecycle, self).initialize(*args, **kwargs)


class AsyncResourceLifecycle(ResourceLifecycle):
    """A resource made by an async function, async generator or async context manager."""

    def initialize(self, *args: Any, **kwargs: Any) -> Awaitable[Any]:
        """Awaitable, as in 0.5: ``await lifecycle.initialize()``."""
        return self.ainitialize(*args, **kwargs)

    async def ainitialize(self, *args: Any, **kwargs: Any) -> Any:
        if self.initialized:
            return self.instance
        return await super().ainitialize(*args, **kwargs)

    def shutdown(self) -> None:
        """Refused: an async resource is left with ``await shutdown_async()``."""
        raise ResourceError("Cannot shutdown async resource synchronously - use shutdown_async()")
