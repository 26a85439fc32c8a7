"""0.5's DependencyProfiler (manual instrumentation) and the hook the container feeds it by."""

from __future__ import annotations

import asyncio
import csv
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from injectq import DependencyProfiler, InjectQ
from injectq.diagnostics.profiling import (
    AggregatedMetrics,
    ResolutionMetrics,
    get_global_profiler,
    profile_method,
    profile_resolution,
    resolution_hook,
)

from .services import CacheService, DatabaseService, UserService


@pytest.fixture
def profiler() -> Iterator[DependencyProfiler]:
    profiler = DependencyProfiler()
    yield profiler
    profiler.stop()


def _resolve(profiler: DependencyProfiler, key: Any, cache_hit: bool = False) -> None:
    profiler.begin_resolution(key)
    profiler.end_resolution(key, cache_hit=cache_hit)


def test_context_manager_starts_and_stops(profiler: DependencyProfiler) -> None:
    """`with profiler:` records between start and stop, and nothing after."""
    assert not profiler.is_active()
    with profiler:
        assert profiler.is_active()
        _resolve(profiler, UserService)
    _resolve(profiler, UserService)
    assert not profiler.is_active()
    [metrics] = profiler.get_metrics()
    assert isinstance(metrics, ResolutionMetrics)
    assert (metrics.service_type, metrics.cache_hit) == (UserService, False)
    assert metrics.resolution_time >= 0


def test_aggregates_hits_and_misses_per_key(profiler: DependencyProfiler) -> None:
    """get_aggregated_metrics sums each key; cache performance spans all keys."""
    profiler.start()
    for hit in (False, True, True):
        _resolve(profiler, UserService, cache_hit=hit)
    _resolve(profiler, "config")
    user = profiler.get_aggregated_metrics()[UserService]
    assert isinstance(user, AggregatedMetrics)
    assert (user.total_resolutions, user.cache_hits, user.cache_misses) == (3, 2, 1)
    assert user.cache_hit_rate == 2 / 3
    assert profiler.get_cache_performance() == {"hit_rate": 0.5, "hits": 2, "misses": 2}


def test_rankings_order_by_count_and_time(profiler: DependencyProfiler) -> None:
    """get_most_resolved ranks by count; get_slowest_resolutions by time, both limited."""
    profiler.start()
    for key, times in ((UserService, 3), (DatabaseService, 2), (CacheService, 1)):
        for _ in range(times):
            _resolve(profiler, key)
    assert [m.service_type for m in profiler.get_most_resolved(2)] == [
        UserService,
        DatabaseService,
    ]
    slowest = profiler.get_slowest_resolutions(4)
    assert len(slowest) == 4
    assert [m.resolution_time for m in slowest] == sorted(
        (m.resolution_time for m in slowest), reverse=True
    )


def test_nested_resolutions_are_timed_separately() -> None:
    """An inner resolution ends first and does not end the outer one's timer."""
    profiler = DependencyProfiler(enable_stack_tracing=True)
    with profiler:
        profiler.begin_resolution(UserService)
        _resolve(profiler, DatabaseService)
        profiler.end_resolution(UserService)
    inner, outer = profiler.get_metrics()
    assert (inner.service_type, inner.stack_depth, inner.dependency_count) == (
        DatabaseService,
        1,
        1,
    )
    assert (outer.service_type, outer.stack_depth) == (UserService, 0)
    assert outer.resolution_time >= inner.resolution_time


def test_profile_resolution_and_profile_method_record(profiler: DependencyProfiler) -> None:
    """The context manager records its key; the decorator records module.qualname per call."""
    profiler.start()
    with profiler.profile_resolution(UserService, cache_hit=True):
        pass

    @profiler.profile_method
    def build() -> str:
        return "built"

    assert build() == "built"
    keys = [m.service_type for m in profiler.get_metrics()]
    assert keys == [UserService, f"{__name__}.{build.__qualname__}"]
    assert build.__name__ == "build"


def test_timing_statistics_and_reset(profiler: DependencyProfiler) -> None:
    """get_timing_statistics has 0.5's keys; reset() empties everything."""
    assert profiler.get_timing_statistics() == {}
    profiler.start()
    _resolve(profiler, UserService)
    _resolve(profiler, DatabaseService)
    stats = profiler.get_timing_statistics()
    assert set(stats) == {
        "total_time",
        "average_time",
        "median_time",
        "min_time",
        "max_time",
        "std_dev",
    }
    profiler.reset()
    assert profiler.get_metrics() == [] and profiler.get_aggregated_metrics() == {}
    assert profiler.report() == "No profiling data available."


def test_report_follows_0_5_layout(profiler: DependencyProfiler) -> None:
    """report() opens with 0.5's title and sections; detailed adds per-key metrics."""
    profiler.start()
    _resolve(profiler, "config", cache_hit=True)
    lines = profiler.report().splitlines()
    assert lines[:4] == [
        "=== InjectQ Dependency Profiling Report ===",
        "",
        "Overall Statistics:",
        "  Total resolutions: 1",
    ]
    assert "  Cache hit rate: 100.00%" in lines
    assert "Slowest Resolutions:" in lines and "Most Frequently Resolved:" in lines
    assert "  1. config - 1 times" in lines
    detailed = profiler.report(detailed=True)
    assert "Detailed Service Metrics:\n\n  config:\n    Resolutions: 1\n" in detailed


def test_exports_write_csv_and_json(profiler: DependencyProfiler, tmp_path: Path) -> None:
    """export_csv writes 0.5's header and a row per record; export_json its four sections."""
    profiler.start()
    _resolve(profiler, UserService, cache_hit=True)
    profiler.export_csv(str(tmp_path / "m.csv"))
    profiler.export_json(str(tmp_path / "m.json"))
    rows = list(csv.reader((tmp_path / "m.csv").open(encoding="utf-8")))
    assert rows[0] == [
        "service_type",
        "resolution_time",
        "cache_hit",
        "dependency_count",
        "stack_depth",
        "timestamp",
    ]
    assert rows[1][0] == str(UserService) and rows[1][2] == "True"
    data = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert list(data) == [
        "timing_statistics",
        "cache_performance",
        "aggregated_metrics",
        "detailed_metrics",
    ]
    assert data["aggregated_metrics"][str(UserService)]["cache_hits"] == 1


def test_module_level_helpers_use_the_global_profiler() -> None:
    """get_global_profiler is one instance; profile_resolution/profile_method record on it."""
    glob = get_global_profiler()
    assert get_global_profiler() is glob
    glob.start()
    try:
        with profile_resolution("config"):
            pass
        profile_method(lambda: None)()
        assert len(glob.get_metrics()) == 2
    finally:
        glob.stop()
        glob.reset()


def test_threads_and_tasks_keep_their_own_stacks(profiler: DependencyProfiler) -> None:
    """Resolutions interleaved across threads and tasks each pair with their own begin."""
    profiler.start()

    async def task(key: str) -> None:
        profiler.begin_resolution(key)
        await asyncio.sleep(0)
        profiler.end_resolution(key)

    async def both() -> None:
        await asyncio.gather(task("a"), task("b"))

    worker = threading.Thread(target=lambda: asyncio.run(both()))
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert sorted(m.service_type for m in profiler.get_metrics()) == ["a", "b"]


# -- the hook the container feeds profilers through ----------------------------------------


class RecordingRuntime:
    """Stands in for the core: remembers the observer it was given, calls it like get() would."""

    def __init__(self) -> None:
        self.observer: Any = None
        self.changes: list[bool] = []

    def set_observer(self, observer: Any) -> None:
        self.observer = observer
        self.changes.append(observer is not None)

    def get(self, container: InjectQ, key: Any) -> Any:
        if self.observer is None:
            return container.get(key)
        hit = key in container._stores.singletons
        self.observer.begin_resolution(key)
        try:
            return container.get(key)
        finally:
            self.observer.end_resolution(key, hit)


@pytest.fixture
def runtime(monkeypatch: pytest.MonkeyPatch) -> RecordingRuntime:
    fake = RecordingRuntime()
    monkeypatch.setattr(
        InjectQ, "_set_resolution_observer", staticmethod(fake.set_observer), raising=False
    )
    return fake


def test_runtime_is_given_the_hook_only_while_profilers_are_active(
    runtime: RecordingRuntime,
) -> None:
    """The first start hands the runtime the hook; the last stop takes it away."""
    first, second = DependencyProfiler(), DependencyProfiler()
    first.start()
    second.start()
    assert runtime.observer is resolution_hook and resolution_hook.active
    first.stop()
    assert runtime.observer is resolution_hook
    second.stop()
    assert runtime.observer is None and not resolution_hook.active
    assert runtime.changes == [True, False]


def test_hooked_resolutions_are_recorded_with_cache_hits(
    runtime: RecordingRuntime, container: InjectQ
) -> None:
    """Every resolution the runtime reports is recorded, a built singleton as a cache hit."""
    container.bind(DatabaseService)
    with DependencyProfiler() as profiler:
        first = runtime.get(container, DatabaseService)
        assert runtime.get(container, DatabaseService) is first
    assert [(m.service_type, m.cache_hit) for m in profiler.get_metrics()] == [
        (DatabaseService, False),
        (DatabaseService, True),
    ]
    runtime.get(container, DatabaseService)  # stopped: the runtime no longer reports
    assert len(profiler.get_metrics()) == 2


def test_manual_instrumentation_around_a_hooked_get_counts_once(
    runtime: RecordingRuntime, container: InjectQ
) -> None:
    """0.5 code that wraps get() in profile_resolution is not double counted."""
    container.bind(DatabaseService)
    with DependencyProfiler() as profiler, profiler.profile_resolution(DatabaseService):
        runtime.get(container, DatabaseService)
    assert [m.service_type for m in profiler.get_metrics()] == [DatabaseService]


async def test_profile_method_times_a_coroutine_until_it_completes(
    profiler: DependencyProfiler,
) -> None:
    """An async method is recorded once its awaited work is done, with its result passed on."""
    profiler.start()
    gate = asyncio.Event()

    @profiler.profile_method
    async def fetch() -> str:
        await gate.wait()
        return "data"

    task = asyncio.ensure_future(fetch())
    await asyncio.sleep(0)
    assert profiler.get_metrics() == []  # still running: nothing recorded yet
    gate.set()
    assert await asyncio.wait_for(task, timeout=5) == "data"
    assert [m.service_type for m in profiler.get_metrics()] == [f"{__name__}.{fetch.__qualname__}"]
