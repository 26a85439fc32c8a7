"""0.5's ``DependencyProfiler``: timings and cache hits of resolutions, reports and exports.

A profiler records what it is told between ``start()`` and ``stop()``: by hand, with
``begin_resolution``/``end_resolution``, ``profile_resolution`` or ``profile_method`` (as in 0.5),
and from the container itself. While at least one profiler is active, the runtime reports each
``get``/``aget`` to :data:`resolution_hook` (see ``set_resolution_observer`` in ``_adapter``),
which hands it to every active profiler; with none active the runtime is not told anything.
"""

from __future__ import annotations

import inspect
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import wraps
from types import TracebackType
from typing import Any, TypeVar

from .._errors import InjectQError
from .._log import get_logger
from . import _adapter, _report

__all__ = [
    "AggregatedMetrics",
    "DependencyProfiler",
    "ProfilingError",
    "ResolutionHook",
    "ResolutionMetrics",
    "get_global_profiler",
    "profile_method",
    "profile_resolution",
    "resolution_hook",
]

_logger = get_logger("injectq.diagnostics")
F = TypeVar("F", bound=Callable[..., Any])


class ProfilingError(InjectQError):
    """A profiling operation failed."""


@dataclass
class ResolutionMetrics:
    """One recorded resolution."""

    service_type: Any
    resolution_time: float
    cache_hit: bool
    dependency_count: int
    stack_depth: int
    timestamp: float = field(default_factory=time.time)


@dataclass
class AggregatedMetrics:
    """Every recorded resolution of one key, summed up."""

    service_type: Any
    total_resolutions: int = 0
    total_time: float = 0.0
    average_time: float = 0.0
    min_time: float = float("inf")
    max_time: float = 0.0
    cache_hit_rate: float = 0.0
    cache_hits: int = 0
    cache_misses: int = 0

    def update(self, metrics: ResolutionMetrics) -> None:
        """Add one resolution."""
        self.total_resolutions += 1
        self.total_time += metrics.resolution_time
        self.average_time = self.total_time / self.total_resolutions
        self.min_time = min(self.min_time, metrics.resolution_time)
        self.max_time = max(self.max_time, metrics.resolution_time)
        if metrics.cache_hit:
            self.cache_hits += 1
        else:
            self.cache_misses += 1
        self.cache_hit_rate = self.cache_hits / self.total_resolutions


_Frame = tuple[Any, float, bool]  # (key, start time, begun by the container's hook)


class DependencyProfiler:
    """Records resolution timings and cache hits; usable as a context manager.

    Nested resolutions are timed separately (each task and thread keeps its own stack). With
    ``enable_stack_tracing`` each record also carries the nesting depth and the number of
    distinct keys being resolved around it.
    """

    def __init__(self, enable_stack_tracing: bool = False) -> None:
        self._metrics: list[ResolutionMetrics] = []
        self._aggregated: dict[Any, AggregatedMetrics] = {}
        self._stack: ContextVar[tuple[_Frame, ...]] = ContextVar(
            f"injectq_profiler_{id(self)}", default=()
        )
        self._enable_stack_tracing = enable_stack_tracing
        self._is_active = False
        self._lock = threading.RLock()

    def __enter__(self) -> DependencyProfiler:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        """Clear previous data and start recording (container resolutions included)."""
        with self._lock:
            self._metrics.clear()
            self._aggregated.clear()
            self._is_active = True
        resolution_hook.add(self)
        _logger.info("DependencyProfiler started")

    def stop(self) -> None:
        """Stop recording; the data stays until ``reset()`` or the next ``start()``."""
        self._is_active = False
        resolution_hook.discard(self)
        _logger.info("DependencyProfiler stopped")

    def is_active(self) -> bool:
        return self._is_active

    # -- recording --------------------------------------------------------------------------
    def begin_resolution(self, service_type: Any) -> None:
        """Mark the start of resolving ``service_type``."""
        if self._is_active:
            self._push(service_type, hooked=False)

    def end_resolution(self, service_type: Any, cache_hit: bool = False) -> None:
        """Mark the end of resolving ``service_type`` and record it."""
        if self._is_active:
            self._pop(service_type, cache_hit)

    def _push(self, service_type: Any, hooked: bool) -> None:
        stack = self._stack.get()
        self._stack.set((*stack, (service_type, time.perf_counter(), hooked)))
        _logger.debug("Begin resolution for %s", service_type)

    def _pop(self, service_type: Any, cache_hit: bool, hooked: bool = False) -> None:
        end = time.perf_counter()
        stack = self._stack.get()
        index = _innermost(stack, service_type, hooked)
        start = stack[index][1] if index is not None else end
        if index is not None:
            stack = stack[:index] + stack[index + 1 :]
            self._stack.set(stack)
        depth = count = 0
        if self._enable_stack_tracing:
            depth, count = len(stack), len({frame[0] for frame in stack})
        self._record(ResolutionMetrics(service_type, end - start, cache_hit, count, depth))

    def _record(self, metrics: ResolutionMetrics) -> None:
        with self._lock:
            self._metrics.append(metrics)
            aggregated = self._aggregated.get(metrics.service_type)
            if aggregated is None:
                aggregated = self._aggregated[metrics.service_type] = AggregatedMetrics(
                    metrics.service_type
                )
            aggregated.update(metrics)
        _logger.debug(
            "End resolution for %s (cache_hit=%s, time=%.4fs)",
            metrics.service_type,
            metrics.cache_hit,
            metrics.resolution_time,
        )

    def _hook_begin(self, service_type: Any) -> None:
        """A resolution reported by the container; one begun by hand for the same key (0.5's
        manual instrumentation around ``get``) is not counted twice."""
        if self._is_active and not _manual_on_top(self._stack.get(), service_type):
            self._push(service_type, hooked=True)

    def _hook_end(self, service_type: Any, cache_hit: bool) -> None:
        if self._is_active and _innermost(self._stack.get(), service_type, True) is not None:
            self._pop(service_type, cache_hit, hooked=True)

    @contextmanager
    def profile_resolution(self, service_type: Any, cache_hit: bool = False) -> Iterator[None]:
        """Record the block as one resolution of ``service_type``."""
        self.begin_resolution(service_type)
        try:
            yield
        finally:
            self.end_resolution(service_type, cache_hit)

    def profile_method(self, func: F) -> F:
        """Decorator: record each call as a resolution named ``module.qualname``.

        A coroutine function is timed until its result is ready, not until it returns a coroutine.
        """
        name = f"{func.__module__}.{func.__qualname__}"
        if inspect.iscoroutinefunction(func):

            @wraps(func)
            async def awaiting(*args: Any, **kwargs: Any) -> Any:
                with self.profile_resolution(name):
                    return await func(*args, **kwargs)

            return awaiting  # type: ignore[return-value]  # same signature as func

        @wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self.profile_resolution(name):
                return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]  # same signature as func

    # -- queries ----------------------------------------------------------------------------
    def get_metrics(self) -> list[ResolutionMetrics]:
        with self._lock:
            return list(self._metrics)

    def get_aggregated_metrics(self) -> dict[Any, AggregatedMetrics]:
        with self._lock:
            return dict(self._aggregated)

    def get_slowest_resolutions(self, limit: int = 10) -> list[ResolutionMetrics]:
        with self._lock:
            return sorted(self._metrics, key=lambda m: m.resolution_time, reverse=True)[:limit]

    def get_most_resolved(self, limit: int = 10) -> list[AggregatedMetrics]:
        with self._lock:
            ranked = sorted(self._aggregated.values(), key=lambda m: -m.total_resolutions)
            return ranked[:limit]

    def get_cache_performance(self) -> dict[str, float]:
        """``{"hit_rate", "hits", "misses"}`` over every recorded resolution."""
        with self._lock:
            hits = sum(1 for m in self._metrics if m.cache_hit)
            total = len(self._metrics)
            return {
                "hit_rate": hits / total if total else 0.0,
                "hits": hits,
                "misses": total - hits,
            }

    def get_timing_statistics(self) -> dict[str, float]:
        """Total, mean, median, min, max and standard deviation (empty with no data)."""
        with self._lock:
            times = [m.resolution_time for m in self._metrics]
        if not times:
            return {}
        return {
            "total_time": sum(times),
            "average_time": statistics.mean(times),
            "median_time": statistics.median(times),
            "min_time": min(times),
            "max_time": max(times),
            "std_dev": statistics.stdev(times) if len(times) > 1 else 0.0,
        }

    def reset(self) -> None:
        """Forget every recorded resolution (recording continues if active)."""
        with self._lock:
            self._metrics.clear()
            self._aggregated.clear()
        self._stack.set(())

    # -- output -----------------------------------------------------------------------------
    def report(self, detailed: bool = False) -> str:
        """0.5's text report (``=== InjectQ Dependency Profiling Report ===``)."""
        with self._lock:
            return _report.render(self, detailed)

    def export_csv(self, filename: str) -> None:
        """Every recorded resolution as CSV (UTF-8), one row each."""
        _report.write_csv(filename, self.get_metrics())

    def export_json(self, filename: str) -> None:
        """Statistics, per-key aggregates and every record, as JSON (UTF-8)."""
        _report.write_json(filename, self)


def _innermost(stack: tuple[_Frame, ...], service_type: Any, hooked: bool) -> int | None:
    for index in range(len(stack) - 1, -1, -1):
        key, _start, by_hook = stack[index]
        if by_hook == hooked and key == service_type:
            return index
    return None


def _manual_on_top(stack: tuple[_Frame, ...], service_type: Any) -> bool:
    return bool(stack) and not stack[-1][2] and stack[-1][0] == service_type


class ResolutionHook:
    """What the runtime notifies of each resolution while any profiler is active.

    The runtime calls ``begin_resolution(key)`` before resolving and
    ``end_resolution(key, cache_hit)`` after (``cache_hit``: the instance already existed);
    both hand the call to every active profiler.
    """

    def __init__(self) -> None:
        self._profilers: tuple[DependencyProfiler, ...] = ()
        self._lock = threading.Lock()

    def add(self, profiler: DependencyProfiler) -> None:
        with self._lock:
            if profiler in self._profilers:
                return
            self._profilers = (*self._profilers, profiler)
            if len(self._profilers) == 1:
                _adapter.set_resolution_observer(self)

    def discard(self, profiler: DependencyProfiler) -> None:
        with self._lock:
            if profiler not in self._profilers:
                return
            self._profilers = tuple(p for p in self._profilers if p is not profiler)
            if not self._profilers:
                _adapter.set_resolution_observer(None)

    @property
    def active(self) -> bool:
        return bool(self._profilers)

    def begin_resolution(self, service_type: Any) -> None:
        for profiler in self._profilers:
            profiler._hook_begin(service_type)

    def end_resolution(self, service_type: Any, cache_hit: bool = False) -> None:
        for profiler in self._profilers:
            profiler._hook_end(service_type, cache_hit)


resolution_hook = ResolutionHook()
"""The single observer the runtime is given while profilers are active."""

_global_profiler: DependencyProfiler | None = None
_global_lock = threading.Lock()


def get_global_profiler() -> DependencyProfiler:
    """The process-wide profiler used by the module-level helpers (created on first use)."""
    global _global_profiler
    with _global_lock:
        if _global_profiler is None:
            _global_profiler = DependencyProfiler()
        return _global_profiler


def profile_resolution(service_type: Any, cache_hit: bool = False) -> Any:
    """``get_global_profiler().profile_resolution(...)``."""
    return get_global_profiler().profile_resolution(service_type, cache_hit)


def profile_method(func: F) -> F:
    """``get_global_profiler().profile_method(func)``."""
    return get_global_profiler().profile_method(func)
