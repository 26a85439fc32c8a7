"""0.5's resource lifecycle classes, registered in the global ResourceManager by hand."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from injectq import get_resource_manager
from injectq.decorators.resource import (
    AsyncResourceLifecycle,
    ResourceError,
    ResourceLifecycle,
    SyncResourceLifecycle,
)


def test_sync_lifecycle_enters_once_and_closes_generator() -> None:
    """initialize runs the generator to its yield once; shutdown runs its cleanup."""
    events: list[str] = []

    def connection() -> Iterator[str]:
        events.append("open")
        yield "conn"
        events.append("close")

    lifecycle = SyncResourceLifecycle(connection)
    with pytest.raises(ResourceError, match="Resource not initialized"):
        _ = lifecycle.resource
    assert lifecycle.initialize() == "conn" and lifecycle.initialize() == "conn"
    assert lifecycle.initialized and lifecycle.resource == "conn"
    lifecycle.shutdown()
    assert events == ["open", "close"] and not lifecycle.initialized
    assert (lifecycle.factory, lifecycle.is_async) == (connection, False)


async def test_async_lifecycle_is_awaited_and_refuses_sync_shutdown() -> None:
    """initialize is awaited; shutdown_async closes; a sync shutdown raises ResourceError."""
    events: list[str] = []

    async def client() -> AsyncIterator[str]:
        events.append("open")
        yield "client"
        events.append("close")

    lifecycle = AsyncResourceLifecycle(client)
    assert lifecycle.is_async and lifecycle.is_async_gen and not lifecycle.is_coroutine
    assert await lifecycle.initialize() == "client"
    assert await lifecycle.initialize() == "client"
    with pytest.raises(ResourceError, match="use shutdown_async"):
        lifecycle.shutdown()
    await lifecycle.shutdown_async()
    assert events == ["open", "close"]


async def test_manager_drives_hand_registered_lifecycles() -> None:
    """Lifecycles registered by name are initialized and shut down by the global manager."""
    events: list[str] = []

    def pool() -> Iterator[str]:
        yield "pool"
        events.append("pool closed")

    async def cache() -> AsyncIterator[str]:
        yield "cache"
        events.append("cache closed")

    manager = get_resource_manager()
    manager.register_resource("tests.compat.pool", SyncResourceLifecycle(pool))
    manager.register_resource("tests.compat.cache", AsyncResourceLifecycle(cache))
    assert manager.initialize_resource("tests.compat.pool") == "pool"
    assert await manager.initialize_async_resource("tests.compat.cache") == "cache"
    assert manager.get_resource("tests.compat.pool") == "pool"
    await manager.shutdown_async_resource("tests.compat.cache")
    manager.shutdown_resource("tests.compat.pool")
    assert events == ["cache closed", "pool closed"]


def test_resource_lifecycle_is_abstract() -> None:
    """As in 0.5, the base class needs a subclass that defines initialize."""
    with pytest.raises(TypeError):
        ResourceLifecycle(lambda: None)  # type: ignore[abstract]
