"""Interleaved, calibrated timing with medians.

Each participant gets an inner loop count calibrated so one sample lasts about the target
time. Rounds then interleave the participants (the baseline first, the rest in a rotated
order so no library always runs right after another) and each participant's result is the
median of its per-operation times over all rounds.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from time import perf_counter_ns
from typing import Any

Sampler = Callable[[int], int]
"""Runs the operation ``n`` times and returns the elapsed nanoseconds."""


@dataclass(frozen=True, slots=True)
class Settings:
    rounds: int
    target_ns: int


FULL = Settings(rounds=25, target_ns=7_000_000)
QUICK = Settings(rounds=5, target_ns=3_000_000)


def sync_sampler(op: Callable[[], Any]) -> Sampler:
    def sample(n: int) -> int:
        loop = range(n)
        start = perf_counter_ns()
        for _ in loop:
            op()
        return perf_counter_ns() - start

    return sample


def async_sampler(op: Callable[[], Awaitable[Any]], loop: asyncio.AbstractEventLoop) -> Sampler:
    async def repeat(n: int) -> int:
        iterations = range(n)
        start = perf_counter_ns()
        for _ in iterations:
            await op()
        return perf_counter_ns() - start

    def sample(n: int) -> int:
        return loop.run_until_complete(repeat(n))

    return sample


def calibrate(sample: Sampler, target_ns: int) -> int:
    """The inner loop count that makes one sample last about ``target_ns``."""
    n = 1
    while True:
        elapsed = sample(n)
        if elapsed >= target_ns // 2 or n >= 1 << 24:
            break
        n *= 2 if elapsed > target_ns // 20 else 10
    return max(1, round(n * target_ns / max(elapsed, 1)))


def measure(samplers: Sequence[Sampler], settings: Settings) -> list[float]:
    """Median ns per operation for each sampler, measured in interleaved rounds."""
    counts = [calibrate(s, settings.target_ns) for s in samplers]
    times: list[list[float]] = [[] for _ in samplers]
    others = list(range(1, len(samplers)))
    gc_was_enabled = gc.isenabled()
    try:
        for round_index in range(settings.rounds):
            shift = round_index % len(others) if others else 0
            order = [0, *others[shift:], *others[:shift]]
            gc.collect()
            gc.disable()
            for i in order:
                times[i].append(samplers[i](counts[i]) / counts[i])
            if gc_was_enabled:
                gc.enable()
    finally:
        if gc_was_enabled:
            gc.enable()
    return [statistics.median(t) for t in times]
