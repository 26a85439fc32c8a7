"""Floors: what the interpreter charges before a container does any work of its own.

Each floor is the smallest piece of pure Python that an API with the workload's shape must
run, timed side by side with the workload's hand-written baseline, like every other cell:

- W1: a method that returns one dictionary entry, called as ``partial(obj.get, key)``
  (how every column calls ``get``);
- W3: the same method returning ``makers[key]()``, where the maker is the hand-written
  builder itself;
- W4: an empty ``with`` block around a per-request context manager written in Python, plus
  opening and closing the session through its generator resource (a hand-written request
  calls ``Session()`` and ``close()`` directly);
- W5: the same with ``async with`` and the async-generator session, under asyncio.

A container's ratio cannot go below a floor's, so these lines say how much of a target's
budget the interpreter spends before any resolution happens.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import Any

from benchmarks import graphs as g
from benchmarks import timing
from benchmarks.adapters import handwritten as hw
from benchmarks.report import format_ns

KEY = "floors"


class _Table:
    """The least a ``get`` can do: one method frame and one dictionary read."""

    def __init__(self) -> None:
        self._ready: dict[Any, Any] = {g.Config: hw.get_config()}
        self._makers: dict[Any, Any] = {g.MixedRoot: hw.build_mixed}

    def get(self, key: Any) -> Any:
        return self._ready[key]

    def make(self, key: Any) -> Any:
        return self._makers[key]()


class _Block:
    """The least a request block can be: an object made per request, entered and left."""

    __slots__ = ()

    def __enter__(self) -> _Block:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def _request_with_resource() -> g.Handler:
    resource = g.session_resource()
    session = next(resource)
    try:
        with _Block():
            return hw._handler(session)
    finally:
        next(resource, None)


class _AsyncBlock:
    """The async twin of :class:`_Block`."""

    __slots__ = ()

    async def __aenter__(self) -> _AsyncBlock:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None


async def _async_request_with_resource() -> g.Handler:
    resource = g.async_session_resource()
    session = await anext(resource)
    try:
        async with _AsyncBlock():
            return hw._handler(session)
    finally:
        await anext(resource, None)


def _async_floor(settings: timing.Settings) -> str:
    loop = asyncio.new_event_loop()
    try:
        if loop.run_until_complete(_async_request_with_resource()) is None:
            raise AssertionError("W5 floor returned nothing")
        base_ns, floor_ns = timing.measure(
            [
                timing.async_sampler(hw.async_request, loop),
                timing.async_sampler(_async_request_with_resource, loop),
            ],
            settings,
        )
    finally:
        loop.close()
    return (
        f"- W5 floor, an empty Python async with-block + an async-generator resource: "
        f"{format_ns(floor_ns)} against {format_ns(base_ns)} hand-written "
        f"(x{floor_ns / base_ns:.2f})"
    )


def run(settings: timing.Settings) -> list[str]:
    """Markdown lines: each floor's median and its ratio to the same hand-written baseline."""
    table = _Table()
    cases: list[tuple[str, str, Callable[[], Any], Callable[[], Any]]] = [
        (
            "W1",
            "a Python method returning a dict entry, via partial",
            hw.get_config,
            partial(table.get, g.Config),
        ),
        (
            "W3",
            "that method calling the hand-written builder",
            hw.build_mixed,
            partial(table.make, g.MixedRoot),
        ),
        (
            "W4",
            "an empty Python with-block + a generator resource",
            hw.request,
            _request_with_resource,
        ),
    ]
    lines = [
        "Floors (pure Python, same run, same baselines): the least any Python API of this shape",
        "costs, before resolving anything.",
        "",
    ]
    for key, what, baseline, floor in cases:
        if floor() is None:
            raise AssertionError(f"{key} floor returned nothing")
        base_ns, floor_ns = timing.measure(
            [timing.sync_sampler(baseline), timing.sync_sampler(floor)], settings
        )
        lines.append(
            f"- {key} floor, {what}: {format_ns(floor_ns)} against {format_ns(base_ns)} "
            f"hand-written (x{floor_ns / base_ns:.2f})"
        )
    lines.append(_async_floor(settings))
    return lines
