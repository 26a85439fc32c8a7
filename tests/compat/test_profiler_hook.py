"""An active DependencyProfiler records what containers resolve, with no manual instrumentation."""

from __future__ import annotations

from typing import Any

from examples.shop.cache import MemoryCache
from examples.shop.db import DatabaseService
from examples.shop.events import EventLog
from injectq import DependencyProfiler, InjectQ, inject


def _recorded(profiler: DependencyProfiler) -> list[tuple[Any, bool]]:
    return [(m.service_type, m.cache_hit) for m in profiler.get_metrics()]


def test_gets_are_recorded_with_cache_hits(shop: InjectQ) -> None:
    """The first get builds (a miss); the next finds the singleton (a hit)."""
    with DependencyProfiler() as profiler:
        first = shop.get(EventLog)
        assert shop.get(EventLog) is first
    assert _recorded(profiler) == [(EventLog, False), (EventLog, True)]


def test_singletons_built_before_profiling_are_hits(shop: InjectQ) -> None:
    """A key served from the ready singletons before start is recorded as a cache hit."""
    log = shop.get(EventLog)
    with DependencyProfiler() as profiler:
        assert shop.get(EventLog) is log
    assert _recorded(profiler) == [(EventLog, True)]


async def test_agets_are_recorded(shop: InjectQ) -> None:
    """aget reports its resolutions like get."""
    with DependencyProfiler() as profiler:
        await shop.aget(DatabaseService)
        await shop.aget(DatabaseService)
    assert _recorded(profiler) == [(DatabaseService, False), (DatabaseService, True)]


def test_nothing_is_recorded_after_stop(shop: InjectQ) -> None:
    """Stopping the last profiler detaches the hook from every container."""
    profiler = DependencyProfiler()
    profiler.start()
    shop.get(EventLog)
    profiler.stop()
    shop.get(EventLog)
    shop.get(MemoryCache)
    assert _recorded(profiler) == [(EventLog, False)]


def test_containers_created_while_profiling_are_observed() -> None:
    """A container made after start is hooked too."""
    with DependencyProfiler() as profiler:
        container = InjectQ()
        container.bind(EventLog)
        container.get(EventLog)
    assert _recorded(profiler) == [(EventLog, False)]


def test_an_override_ending_while_profiling_keeps_recording(shop: InjectQ) -> None:
    """Leaving an override block does not bring back the unobserved fast path."""
    fake = EventLog()
    with DependencyProfiler() as profiler:
        with shop.override(EventLog, fake):
            assert shop.get(EventLog) is fake
        shop.get(EventLog)
    assert [key for key, _ in _recorded(profiler)] == [EventLog, EventLog]


def test_inject_functions_are_recorded_even_after_their_fast_path(shop: InjectQ) -> None:
    """An @inject function that already resolves through compiled getters is recorded too."""

    @inject(container=shop)
    def handler(log: EventLog) -> EventLog:
        return log

    handler()
    handler()  # its fast path is installed now
    with DependencyProfiler() as profiler:
        handler()
        handler()
    assert _recorded(profiler) == [(EventLog, True), (EventLog, True)]
    handler()
    assert len(profiler.get_metrics()) == 2


def test_report_lists_container_resolutions(shop: InjectQ) -> None:
    """The report counts what the container resolved while profiling."""
    with DependencyProfiler() as profiler:
        for _ in range(3):
            shop.get(EventLog)
    assert "  Total resolutions: 3" in profiler.report().splitlines()


def test_stopping_the_last_profiler_restores_the_dictionary_fast_path(shop: InjectQ) -> None:
    """Unobserved, get() reads the singleton store and compiled getters directly again."""
    shop.get(EventLog)
    first, second = DependencyProfiler(), DependencyProfiler()
    first.start()
    second.start()
    with shop.override(MemoryCache, MemoryCache(max_size=1)):
        pass
    assert shop._ready == {} and shop._resolvers == {}
    first.stop()
    assert shop._ready == {}  # one profiler is still active
    second.stop()
    assert shop._ready is shop._stores.singletons
    assert shop._resolvers is shop._table.getters
