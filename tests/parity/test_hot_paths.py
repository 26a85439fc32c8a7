"""The paths the accelerator compiles keep their hooks, in both modes and both implementations.

``make pytest`` runs the suite against the compiled accelerator and again with
``INJECTQ_PURE=1``: each test here goes through one compiled path (``get``/``aget`` dispatch,
a scope block entered and left) with what hooks into it (0.5's error translation, the profiler's
observer, overrides, threads).
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from injectq import InjectionError, InjectQ

from .conftest import Builder

SERVICES = {
    "app/services.py": """
        from collections.abc import Iterator

        from injectq import resource, scoped, singleton, transient

        EVENTS: list[str] = []

        @singleton
        class Config:
            pass

        @transient
        class Refuses:
            def __init__(self, config: Config) -> None:
                raise ValueError("no config for you")

        class Session:
            pass

        @resource("request")
        def open_session() -> Iterator[Session]:
            EVENTS.append("open")
            yield Session()
            EVENTS.append("close")

        @scoped("request")
        class Orders:
            def __init__(self, session: Session, config: Config) -> None:
                self.session, self.config = session, config
    """
}


class Recorder:
    """An observer as the profiler installs it: told of every resolution."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, Any, bool | None]] = []

    def begin_resolution(self, key: Any) -> None:
        self.seen.append(("begin", key, None))

    def end_resolution(self, key: Any, hit: bool) -> None:
        self.seen.append(("end", key, hit))


def _chained_to_value_error(error: BaseException) -> bool:
    return (
        isinstance(error, InjectionError)
        and isinstance(error.__cause__, ValueError)
        and error.__suppress_context__
        and str(error).startswith("Failed to instantiate")
    )


def test_a_failing_constructor_is_reported_alike_on_every_get(build: Builder) -> None:
    """The first get (compiling) and the next ones (the fast path) raise the same chained error."""
    container = build(SERVICES)
    services = build.app("services")
    errors = []
    for _ in range(3):
        with pytest.raises(InjectionError) as info:
            container.get(services.Refuses)
        errors.append(info.value)
    assert all(_chained_to_value_error(error) for error in errors)
    assert [str(error) for error in errors] == [str(errors[0])] * 3


def test_a_failing_constructor_is_reported_alike_on_every_aget(build: Builder) -> None:
    """``aget``'s fast path chains a constructor's error as its first call does."""
    container = build(SERVICES)
    services = build.app("services")

    async def twice() -> list[BaseException]:
        errors = []
        for _ in range(2):
            with pytest.raises(InjectionError) as info:
                await container.aget(services.Refuses)
            errors.append(info.value)
        return errors

    assert all(_chained_to_value_error(error) for error in asyncio.run(twice()))


def test_the_observer_sees_ready_singletons_until_it_is_removed(build: Builder) -> None:
    """A ready singleton, got or awaited, is reported to the observer while one is set."""
    container = build(SERVICES)
    config = build.app("services").Config
    ready = container.get(config)
    recorder = Recorder()
    InjectQ._set_resolution_observer(recorder)
    try:
        assert container.get(config) is ready
        assert asyncio.run(container.aget(config)) is ready
    finally:
        InjectQ._set_resolution_observer(None)
    assert container.get(config) is ready
    assert recorder.seen == [("begin", config, None), ("end", config, True)] * 2


def test_an_override_replaces_a_ready_singleton_for_get_and_aget(build: Builder) -> None:
    """Inside the block both fast paths serve the fake; after it, the real singleton again."""
    container = build(SERVICES)
    config = build.app("services").Config
    real, fake = container.get(config), object()
    with container.override(config, fake):
        assert container.get(config) is fake
        assert asyncio.run(container.aget(config)) is fake
    assert container.get(config) is real
    assert asyncio.run(container.aget(config)) is real


def test_blocks_in_two_threads_keep_their_own_instances(build: Builder) -> None:
    """Each thread's block builds its own session, shares the singleton and closes its own."""
    container = build(SERVICES)
    services = build.app("services")
    both_inside = threading.Barrier(2, timeout=10)
    seen: dict[int, Any] = {}

    def request(slot: int) -> None:
        with container.scope("request") as state:
            orders = container.get(services.Orders)
            assert container.get(services.Orders) is orders
            assert services.Orders in state
            both_inside.wait()
            seen[slot] = orders

    threads = [threading.Thread(target=request, args=(slot,)) for slot in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert not any(thread.is_alive() for thread in threads)
    assert seen[0].session is not seen[1].session
    assert seen[0].config is seen[1].config
    assert services.EVENTS == ["open", "open", "close", "close"]


def test_a_block_left_is_closed_and_empty(build: Builder) -> None:
    """Leaving a block closes its resource and drops its instances; it cannot be entered again."""
    container = build(SERVICES)
    services = build.app("services")
    block = container.scope("request")
    with block as state:
        container.get(services.Orders)
        assert services.EVENTS == ["open"]
    assert services.EVENTS == ["open", "close"]
    assert services.Orders not in state
    with pytest.raises(Exception, match="cannot be entered"), block:
        pass


def test_aget_resolves_when_awaited_in_the_block_current_then(build: Builder) -> None:
    """``aget`` returns a coroutine that does nothing until awaited: it resolves in the block
    current when it runs, also as a task, and a failure is raised at the await."""
    container = build(SERVICES)
    services = build.app("services")

    async def request() -> None:
        pending = container.aget(services.Orders)  # the fast path (compiled once below)
        failing = container.aget(services.Refuses)
        assert services.EVENTS == []
        async with container.scope("request") as state:
            orders = await pending
            assert services.Orders in state and services.EVENTS == ["open"]
            assert await asyncio.create_task(container.aget(services.Orders)) is orders
        assert services.EVENTS == ["open", "close"]
        with pytest.raises(InjectionError) as info:
            await failing
        assert _chained_to_value_error(info.value)

    async def with_compiled() -> None:
        async with container.scope("request"):
            await container.aget(services.Orders)
        with pytest.raises(InjectionError):
            await container.aget(services.Refuses)
        services.EVENTS.clear()
        await request()

    asyncio.run(asyncio.wait_for(with_compiled(), 10))
