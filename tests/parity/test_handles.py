"""``Current[T]`` resolves in the current scope on every call, in both modes."""

from __future__ import annotations

import asyncio
import threading

import pytest

from injectq import InjectionError

from .conftest import Builder

UNIT_OF_WORK = {
    "app/services.py": """
        from injectq import Current, scoped, singleton

        @scoped("request")
        class UnitOfWork:
            pass

        @singleton
        class Committer:
            def __init__(self, unit: Current[UnitOfWork]) -> None:
                self.unit = unit
    """
}


def test_current_handle_resolves_in_each_request(build: Builder) -> None:
    """A singleton holding Current[scoped] sees each request's own instance."""
    container = build(UNIT_OF_WORK)
    services = build.app("services")
    committer = container.get(services.Committer)
    seen = []
    for _ in range(3):
        with container.scope("request"):
            seen.append(committer.unit.get())
            assert committer.unit.get() is container.get(services.UnitOfWork)
    assert len({id(unit) for unit in seen}) == 3


def test_current_handle_follows_each_task_s_own_request(build: Builder) -> None:
    """Two racing tasks, each in its own request block, see their own unit through aget()."""
    container = build(UNIT_OF_WORK)
    services = build.app("services")
    committer = container.get(services.Committer)

    async def request(gate: asyncio.Event, other: asyncio.Event) -> tuple[object, object]:
        async with container.scope("request"):
            mine = await container.aget(services.UnitOfWork)
            other.set()
            await gate.wait()  # the other task is inside its own block now
            return mine, await committer.unit.aget()

    async def both() -> list[tuple[object, object]]:
        first, second = asyncio.Event(), asyncio.Event()
        return await asyncio.wait_for(
            asyncio.gather(request(first, second), request(second, first)), 10
        )

    (mine_a, seen_a), (mine_b, seen_b) = asyncio.run(both())
    assert seen_a is mine_a and seen_b is mine_b and mine_a is not mine_b


def test_current_handle_follows_each_thread_s_own_request(build: Builder) -> None:
    """Threads each in their own request block see their own unit through get()."""
    container = build(UNIT_OF_WORK)
    services = build.app("services")
    committer = container.get(services.Committer)
    barrier = threading.Barrier(4)
    seen: list[tuple[object, object]] = []

    def request() -> None:
        with container.scope("request"):
            mine = container.get(services.UnitOfWork)
            barrier.wait(timeout=10)  # every thread is inside its block
            seen.append((mine, committer.unit.get()))

    threads = [threading.Thread(target=request) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert not any(thread.is_alive() for thread in threads)
    assert len(seen) == 4 and all(got is mine for mine, got in seen)
    assert len({id(mine) for mine, _ in seen}) == 4


def test_current_handle_sees_an_override(build: Builder) -> None:
    """A handle built before an override resolves the fake while the override is open."""
    container = build(UNIT_OF_WORK)
    services = build.app("services")
    committer = container.get(services.Committer)
    fake = services.UnitOfWork()
    with container.override(services.UnitOfWork, fake), container.scope("request"):
        assert committer.unit.get() is fake
    with container.scope("request"):
        assert committer.unit.get() is not fake


ASYNC_UNIT = {
    "app/services.py": """
        from collections.abc import AsyncIterator

        from injectq import Current, resource, singleton

        class Unit:
            pass

        @resource("request")
        async def open_unit() -> AsyncIterator[Unit]:
            yield Unit()

        @singleton
        class Holder:
            def __init__(self, unit: Current[Unit]) -> None:
                self.unit = unit
    """
}


def test_current_handle_awaits_an_async_resource(build: Builder) -> None:
    """aget() on the handle awaits an async resource of the current block; get() names aget."""
    container = build(ASYNC_UNIT)
    services = build.app("services")
    holder = container.get(services.Holder)

    async def request() -> bool:
        async with container.scope("request"):
            unit = await holder.unit.aget()
            with pytest.raises(InjectionError, match="aget"):
                holder.unit.get()
            return unit is await container.aget(services.Unit)

    assert asyncio.run(asyncio.wait_for(request(), 10))


def test_static_and_runtime_readers_agree_on_handles(generator: Builder) -> None:
    """injectq-gen verify: Current[T] and Lazy[T] read the same from source and at runtime."""
    files = {
        "app/services.py": UNIT_OF_WORK["app/services.py"].replace(
            "from injectq import Current,", "from injectq import Current, Lazy,"
        )
        + """
        @singleton
        class Auditor:
            def __init__(self, committer: Lazy[Committer]) -> None:
                self.committer = committer
        """
    }
    code, out = generator.generate(files, (), (), "verify")
    assert code == 0, out
    assert "agree" in out


LAZY_CLOCK = {
    "app/services.py": """
        from injectq import Lazy, singleton

        @singleton
        class Clock:
            pass

        @singleton
        class Scheduler:
            def __init__(self, clock: Lazy[Clock]) -> None:
                self.clock = clock
    """
}


def test_lazy_handle_resolved_under_an_override_sees_it(build: Builder) -> None:
    """A Lazy built before an override and first resolved inside it resolves the fake."""
    container = build(LAZY_CLOCK)
    services = build.app("services")
    scheduler = container.get(services.Scheduler)
    fake = services.Clock()
    with container.override(services.Clock, fake):
        assert scheduler.clock.get() is fake
    assert scheduler.clock.get() is fake  # resolved once, then kept


def test_lazy_handle_resolved_outside_an_override_gets_the_singleton(build: Builder) -> None:
    """A Lazy first resolved with no override open resolves the container's singleton."""
    container = build(LAZY_CLOCK)
    services = build.app("services")
    scheduler = container.get(services.Scheduler)
    assert scheduler.clock.get() is container.get(services.Clock)
