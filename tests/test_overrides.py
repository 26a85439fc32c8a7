"""Overrides and the testing helpers: context-local, transitive, and leaving nothing behind."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from injectq import InjectQ, inject
from injectq.testing import (
    MockFactory,
    TestModule,
    create_test_module,
    override_dependency,
    test_container,
)


class Clock:
    def now(self) -> str:
        return "real"


class FakeClock(Clock):
    def now(self) -> str:
        return "fake"


class Scheduler:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock


class Report:
    def __init__(self, scheduler: Scheduler) -> None:
        self.scheduler = scheduler


@pytest.fixture
def graph(container: InjectQ) -> InjectQ:
    container.bind(Clock, Clock)
    container.bind(Scheduler, Scheduler)
    container.bind(Report, Report, scope="transient")
    return container


def test_override_reaches_transitive_dependents(graph: InjectQ) -> None:
    """Inside the block, everything depending on the key gets the fake, singletons included."""
    fake = FakeClock()
    with graph.override(Clock, fake):
        assert graph.get(Clock) is fake
        assert graph.get(Report).scheduler.clock is fake
    assert graph.get(Report).scheduler.clock is not fake


def test_singleton_built_before_the_block_stays_the_same(graph: InjectQ) -> None:
    """A singleton built before the block is the same object after it."""
    before = graph.get(Scheduler)
    with graph.override(Clock, FakeClock()):
        assert graph.get(Scheduler).clock.now() == "fake"
    assert graph.get(Scheduler) is before


def test_singleton_first_built_inside_the_block_does_not_survive(graph: InjectQ) -> None:
    """A singleton built from the fake is discarded with the block."""
    fake = FakeClock()
    with graph.override(Clock, fake):
        inside = graph.get(Scheduler)
    after = graph.get(Scheduler)
    assert after is not inside and after.clock is not fake


def test_override_of_a_factory_bound_key(container: InjectQ) -> None:
    """Overrides win over factories too."""
    container.bind_factory(Clock, Clock)
    fake = FakeClock()
    with container.override(Clock, fake):
        assert container.get(Clock) is fake
    assert container.get(Clock) is not fake


def test_override_leaves_no_concrete_binding(container: InjectQ) -> None:
    """After the block the fake's concrete type is not bound (0.5 left it behind)."""
    container.bind(Clock, Clock)
    with container.override(Clock, FakeClock()):
        pass
    assert not container.has(FakeClock) and FakeClock not in container


def test_named_override(container: InjectQ) -> None:
    """override(K, fake, name=...) replaces the named binding only."""
    container.bind(Clock, Clock, name="wall")
    container.bind(Clock, Clock)
    fake = FakeClock()
    with container.override(Clock, fake, name="wall"):
        assert container.get(Clock, name="wall") is fake
        assert container.get(Clock) is not fake


async def test_override_is_isolated_between_concurrent_tasks(graph: InjectQ) -> None:
    """An override in one task is invisible to a concurrent sibling task."""
    fake = FakeClock()
    inside = asyncio.Event()
    seen: dict[str, str] = {}

    async def overriding() -> None:
        with graph.override(Clock, fake):
            inside.set()
            await asyncio.sleep(0.01)
            seen["overriding"] = (await graph.aget(Report)).scheduler.clock.now()

    async def plain() -> None:
        await inside.wait()
        seen["plain"] = (await graph.aget(Report)).scheduler.clock.now()

    await asyncio.gather(overriding(), plain())
    assert seen == {"overriding": "fake", "plain": "real"}


def test_override_reaches_inject_functions(current: InjectQ) -> None:
    """@inject functions resolve through the override."""
    current.bind(Clock, Clock)

    @inject
    def now(clock: Clock) -> str:
        return clock.now()

    with current.override(Clock, FakeClock()):
        assert now() == "fake"
    assert now() == "real"


def test_no_override_keeps_the_fast_path(graph: InjectQ) -> None:
    """With no override active, get() reads the plain stores (the override path is unused)."""
    graph.get(Scheduler)
    singletons, getters = graph._stores.singletons, graph._table.getters
    assert graph._ready is singletons and graph._resolvers is getters
    with graph.override(Clock, FakeClock()):
        assert graph._ready is not singletons
    assert graph._ready is singletons


def test_test_container_is_global_and_current() -> None:
    """test_container() yields a fresh container used by get_instance() and @inject."""
    with test_container() as c:
        assert InjectQ.get_instance() is c
        c["x"] = 1

        @inject
        def read(x: int) -> int:
            return x

        assert read() == 1
    assert InjectQ.get_instance() is not c


def test_override_dependency_helper(container: InjectQ) -> None:
    """override_dependency wraps container.override."""
    container.bind(Clock, Clock)
    with override_dependency(Clock, FakeClock(), container):
        assert container.get(Clock).now() == "fake"
    assert container.get(Clock).now() == "real"


def test_mock_factory_and_test_module(container: InjectQ) -> None:
    """MockFactory mocks answer unknown methods; TestModule binds mocks and values fluently."""
    factory = MockFactory()
    mock = factory.create_mock(Clock, zone="UTC")
    assert mock.zone == "UTC" and mock.now() == "mock_now_result"
    assert factory.create_mock(Clock) is mock
    container.install(TestModule().mock(Clock, zone="X").bind_value("limit", 3))
    assert container.get(Clock).zone == "X" and container.get("limit") == 3
    container.install(create_test_module({"name": "n"}))
    assert container.get("name") == "n"


def test_plugin_fixtures(injectq_container: InjectQ, injectq_override: Callable[..., Any]) -> None:
    """The pytest plugin's fixtures: an isolated current container and an override helper."""
    assert InjectQ.get_instance() is injectq_container
    injectq_container.bind(Clock, Clock)
    injectq_override(Clock, FakeClock())
    assert injectq_container.get(Clock).now() == "fake"
