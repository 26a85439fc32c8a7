"""Runs the selected workloads for the selected adapters and collects one cell per pair."""

from __future__ import annotations

import asyncio
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from benchmarks import timing
from benchmarks.adapters import Loaded
from benchmarks.adapters.base import Unsupported
from benchmarks.workloads import Workload


@dataclass(frozen=True, slots=True)
class Cell:
    """One result: a median time, or a reason why there is none."""

    ns: float | None = None
    na: str | None = None
    fail: str | None = None
    peak_bytes: int | None = None
    note: str | None = None
    base_ns: float | None = None  # the baseline of the ratio, when not this row's hand-written
    base_bytes: int | None = None


@dataclass(slots=True)
class Row:
    workload: Workload
    cells: list[Cell] = field(default_factory=list)


def _prepare(
    workload: Workload, column: Loaded, loop: asyncio.AbstractEventLoop
) -> tuple[Cell | None, Any]:
    """Build and verify one operation; a returned cell means there is nothing to time."""
    if column.adapter is None:
        if column.failed:
            return Cell(fail=column.error), None
        return Cell(na=column.error), None
    try:
        op = workload.build(column.adapter)
    except Unsupported as exc:
        return Cell(na=str(exc)), None
    except Exception as exc:
        return Cell(fail=f"setup: {type(exc).__name__}: {exc}"), None
    try:
        if workload.kind == "async":
            workload.verify(op, loop)
        else:
            workload.verify(op)
    except AssertionError as exc:
        return Cell(fail=str(exc)), None
    except Exception as exc:
        return Cell(fail=f"{type(exc).__name__}: {exc}"), None
    return None, op


def _peak_bytes(op: Callable[[], Any]) -> int:
    """Peak traced memory of one more call (after verification warmed the caches)."""
    tracemalloc.start()
    try:
        op()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def run_workload(
    workload: Workload,
    columns: Sequence[Loaded],
    settings: timing.Settings,
    loop: asyncio.AbstractEventLoop,
) -> Row:
    prepared = [_prepare(workload, column, loop) for column in columns]
    ready = [i for i, (cell, _) in enumerate(prepared) if cell is None]
    samplers = [
        timing.async_sampler(prepared[i][1], loop)
        if workload.kind == "async"
        else timing.sync_sampler(prepared[i][1])
        for i in ready
    ]
    medians = timing.measure(samplers, settings) if samplers else []
    timed = dict(zip(ready, medians, strict=True))
    row = Row(workload)
    for i, (cell, op) in enumerate(prepared):
        if cell is not None:
            row.cells.append(cell)
            continue
        peak = _peak_bytes(op) if workload.kind == "cold" else None
        adapter = columns[i].adapter
        note = adapter.notes.get(workload.key) if adapter is not None else None
        row.cells.append(Cell(ns=timed[i], peak_bytes=peak, note=note))
    return row


def run(
    workloads: Sequence[Workload],
    columns: Sequence[Loaded],
    settings: timing.Settings,
    progress: Callable[[str], None],
) -> list[Row]:
    loop = asyncio.new_event_loop()
    try:
        rows = []
        for workload in workloads:
            progress(f"{workload.key}: {workload.title}")
            rows.append(run_workload(workload, columns, settings, loop))
        return rows
    finally:
        loop.close()
