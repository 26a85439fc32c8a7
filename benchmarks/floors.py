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
- W5: the same with ``async with`` and the async-generator session, under asyncio;
- W4 and W5, ambient: what an API shaped like ``with c.scope(): c.get(Handler)`` adds to those:
  the block is entered into a ``ContextVar`` (so ``get`` can find it, in threads and tasks
  alike) and each of the request's seven instances is memoised in the block's dictionary, checked
  first and published with ``setdefault`` (one instance per block even when threads share it).

A container's ratio cannot go below a floor's, so these lines say how much of a target's
budget the interpreter spends before any resolution happens.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextvars import ContextVar
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


_CURRENT: ContextVar[Any] = ContextVar("floor_block", default=None)


class _AmbientBlock:
    """The least a findable request block can be: a per-request cache, entered into a
    ``ContextVar`` and reset from it when left."""

    __slots__ = ("cache", "token")

    def __init__(self) -> None:
        self.cache: dict[Any, Any] = {}

    def __enter__(self) -> _AmbientBlock:
        self.token = _CURRENT.set(self)
        return self

    def __exit__(self, *exc: object) -> None:
        _CURRENT.reset(self.token)

    async def __aenter__(self) -> _AmbientBlock:
        return self.__enter__()

    async def __aexit__(self, *exc: object) -> None:
        _CURRENT.reset(self.token)


def _memoised_handler(cache: dict[Any, Any], session: g.Session) -> g.Handler:
    """The request's instances, each checked in the block's cache first and published with
    ``setdefault`` (the session is published by the caller)."""
    c = cache
    settings, app_cache, metrics = hw._APP_SETTINGS, hw._APP_CACHE, hw._APP_METRICS
    handler = g.Handler(
        c[g.Users] if g.Users in c else c.setdefault(g.Users, g.Users(session, settings)),
        c[g.Orders] if g.Orders in c else c.setdefault(g.Orders, g.Orders(session, app_cache)),
        c[g.Audit] if g.Audit in c else c.setdefault(g.Audit, g.Audit(session, metrics)),
        c[g.Payments]
        if g.Payments in c
        else c.setdefault(g.Payments, g.Payments(session, settings)),
        c[g.Notices] if g.Notices in c else c.setdefault(g.Notices, g.Notices(session, app_cache)),
    )
    return c.setdefault(g.Handler, handler)  # type: ignore[no-any-return]  # a Handler


def _ambient_request() -> g.Handler:
    with _AmbientBlock():
        cache = _CURRENT.get().cache
        resource = g.session_resource()
        session = cache.setdefault(g.Session, next(resource))
        try:
            return _memoised_handler(cache, session)
        finally:
            next(resource, None)


async def _async_ambient_request() -> g.Handler:
    async with _AmbientBlock():
        cache = _CURRENT.get().cache
        resource = g.async_session_resource()
        session = cache.setdefault(g.Session, await anext(resource))
        try:
            return _memoised_handler(cache, session)
        finally:
            await anext(resource, None)


def _async_floor(settings: timing.Settings) -> str:
    loop = asyncio.new_event_loop()
    try:
        if loop.run_until_complete(_async_request_with_resource()) is None:
            raise AssertionError("W5 floor returned nothing")
        if loop.run_until_complete(_async_ambient_request()) is None:
            raise AssertionError("W5 ambient floor returned nothing")
        base_ns, floor_ns, ambient_ns = timing.measure(
            [
                timing.async_sampler(hw.async_request, loop),
                timing.async_sampler(_async_request_with_resource, loop),
                timing.async_sampler(_async_ambient_request, loop),
            ],
            settings,
        )
    finally:
        loop.close()
    return (
        f"- W5 floor, an empty Python async with-block + an async-generator resource: "
        f"{format_ns(floor_ns)} against {format_ns(base_ns)} hand-written "
        f"(x{floor_ns / base_ns:.2f}); ambient, that block entered into a ContextVar and the "
        f"seven instances memoised in it: {format_ns(ambient_ns)} (x{ambient_ns / base_ns:.2f})"
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
        (
            "W4 ambient",
            "that block entered into a ContextVar, the seven instances memoised in it",
            hw.request,
            _ambient_request,
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
