"""0.5's resource lifecycle classes, registered in the global ResourceManager by hand."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from injectq import InjectQ, get_resource_manager, resource
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


class _Client:
    """An async context manager that records being entered and left."""

    def __init__(self, events: list[str]) -> None:
        self.events = events

    async def __aenter__(self) -> str:
        self.events.append("enter")
        return "client"

    async def __aexit__(self, *exc: object) -> None:
        self.events.append("exit")


async def test_async_resource_returning_a_context_manager_is_entered_and_left(
    current: InjectQ,
) -> None:
    """An async @resource returning an async context manager: awaited, entered, then exited."""
    events: list[str] = []

    @resource
    async def open_client() -> _Client:
        return _Client(events)

    manager = get_resource_manager()
    name = open_client._resource_name  # type: ignore[attr-defined]  # set by @resource
    assert await manager.initialize_async_resource(name) == "client"
    assert manager.get_resource(name) == "client"
    assert events == ["enter"]
    await manager.shutdown_async_resource(name)
    assert events == ["enter", "exit"]


async def test_manager_refuses_async_resources_on_the_sync_calls(current: InjectQ) -> None:
    """initialize_resource and shutdown_resource name the async resource they refuse."""

    @resource
    async def open_cache() -> AsyncIterator[str]:
        yield "cache"

    manager = get_resource_manager()
    name = open_cache._resource_name  # type: ignore[attr-defined]  # set by @resource
    with pytest.raises(ResourceError) as caught:
        manager.initialize_resource(name)
    assert str(caught.value) == f"Cannot initialize async resource '{name}' synchronously"
    await manager.initialize_async_resource(name)
    with pytest.raises(ResourceError) as caught:
        manager.shutdown_resource(name)
    assert str(caught.value) == f"Cannot shutdown async resource '{name}' synchronously"
    await manager.shutdown_async_resource(name)
