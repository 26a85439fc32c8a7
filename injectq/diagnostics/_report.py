"""The profiler's text report and its CSV and JSON exports, in 0.5's formats."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .profiling import AggregatedMetrics, DependencyProfiler, ResolutionMetrics

__all__ = ["render", "write_csv", "write_json"]

CSV_HEADER = [
    "service_type",
    "resolution_time",
    "cache_hit",
    "dependency_count",
    "stack_depth",
    "timestamp",
]


def render(profiler: DependencyProfiler, detailed: bool) -> str:
    """The report text: overall figures, the five slowest, the five most resolved."""
    metrics = profiler.get_metrics()
    if not metrics:
        return "No profiling data available."
    timing = profiler.get_timing_statistics()
    cache = profiler.get_cache_performance()
    lines = [
        "=== InjectQ Dependency Profiling Report ===\n",
        "Overall Statistics:",
        f"  Total resolutions: {len(metrics)}",
        f"  Total time: {timing['total_time']:.4f}s",
        f"  Average time: {timing['average_time']:.4f}s",
        f"  Median time: {timing['median_time']:.4f}s",
        f"  Cache hit rate: {cache['hit_rate']:.2%}",
        "",
        "Slowest Resolutions:",
    ]
    for i, m in enumerate(profiler.get_slowest_resolutions(5), 1):
        lines.append(f"  {i}. {m.service_type} - {m.resolution_time:.4f}s")
    lines += ["", "Most Frequently Resolved:"]
    for i, a in enumerate(profiler.get_most_resolved(5), 1):
        lines.append(f"  {i}. {a.service_type} - {a.total_resolutions} times")
    lines.append("")
    if detailed:
        lines.append("Detailed Service Metrics:")
        for a in sorted(
            profiler.get_aggregated_metrics().values(), key=lambda a: str(a.service_type)
        ):
            lines += _detail(a)
    return "\n".join(lines)


def _detail(a: AggregatedMetrics) -> list[str]:
    return [
        f"\n  {a.service_type}:",
        f"    Resolutions: {a.total_resolutions}",
        f"    Total time: {a.total_time:.4f}s",
        f"    Average time: {a.average_time:.4f}s",
        f"    Min/Max time: {a.min_time:.4f}s / {a.max_time:.4f}s",
        f"    Cache hit rate: {a.cache_hit_rate:.2%}",
    ]


def write_csv(filename: str, metrics: Sequence[ResolutionMetrics]) -> None:
    with Path(filename).open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(CSV_HEADER)
        for m in metrics:
            writer.writerow(
                [
                    str(m.service_type),
                    m.resolution_time,
                    m.cache_hit,
                    m.dependency_count,
                    m.stack_depth,
                    m.timestamp,
                ]
            )


def write_json(filename: str, profiler: DependencyProfiler) -> None:
    data = {
        "timing_statistics": profiler.get_timing_statistics(),
        "cache_performance": profiler.get_cache_performance(),
        "aggregated_metrics": {
            str(key): _aggregate(a) for key, a in profiler.get_aggregated_metrics().items()
        },
        "detailed_metrics": [_record(m) for m in profiler.get_metrics()],
    }
    with Path(filename).open("w", encoding="utf-8") as out:
        json.dump(data, out, indent=2)


def _aggregate(a: AggregatedMetrics) -> dict[str, Any]:
    return {
        "service_type": str(a.service_type),
        "total_resolutions": a.total_resolutions,
        "total_time": a.total_time,
        "average_time": a.average_time,
        "min_time": a.min_time,
        "max_time": a.max_time,
        "cache_hit_rate": a.cache_hit_rate,
        "cache_hits": a.cache_hits,
        "cache_misses": a.cache_misses,
    }


def _record(m: ResolutionMetrics) -> dict[str, Any]:
    return {
        "service_type": str(m.service_type),
        "resolution_time": m.resolution_time,
        "cache_hit": m.cache_hit,
        "dependency_count": m.dependency_count,
        "stack_depth": m.stack_depth,
        "timestamp": m.timestamp,
    }
