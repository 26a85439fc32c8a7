"""W10: one HTTP request through each framework integration, against the endpoint built by hand.

Every column serves the same FastAPI endpoint: it needs three request-scoped services
(``Users``, ``Orders``, ``Audit``) that share one request-scoped session, an async-generator
resource (W5's graph and session), plus three singletons. Requests go through httpx's ASGI
transport, in this process, on one event loop:

- hand-written: the endpoint body opens the session, builds the three services from
  module-level singletons and closes the session;
- injectq (runtime / generated): ``setup_fastapi`` and ``Annotated[T, InjectFastAPI(T)]``, with
  W5's module in ``InjectQ`` or W5's generated container;
- dishka: ``setup_dishka`` with ``FastapiProvider``, ``@inject`` and ``FromDishka[T]``;
- wireup: ``wireup.integration.fastapi.setup`` with ``middleware_mode=True`` (the faster of
  its two modes here, about 220 against 600 µs per request) and ``Injected[T]``.

Each app is verified first (one session shared within a request, a new one in the next, each
closed exactly once, singletons shared), then timed in paired rounds (see ``_paired``). The
overhead is the median, over rounds, of a column's time minus the hand-written time of the
same round: the middleware, the scope block and the resolution, which is what an
integration adds to a request.
"""

# No ``from __future__ import annotations``: FastAPI, dishka and wireup read the endpoints'
# annotations, which name classes imported inside the functions below (the peers are optional).
import asyncio
import gc
import random
import statistics
from collections.abc import Callable, Sequence
from importlib.metadata import version
from typing import Annotated, Any

from benchmarks import adapters, timing
from benchmarks import graphs as g
from benchmarks.report import format_ns

KEY = "W10"

#: (column key as in ``adapters.ADAPTERS``, heading); hand-written comes first.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("hand", "hand-written"),
    ("injectq", "injectq (runtime)"),
    ("injectq-gen", "injectq (generated)"),
    ("dishka", "dishka"),
    ("wireup", "wireup"),
)

#: What the last request's endpoint received (for verification; the same store for all).
LAST: list[Any] = []


def _respond(users: g.Users, orders: g.Orders, audit: g.Audit) -> Any:
    from fastapi import Response

    LAST[:] = (users, orders, audit, not users.session.closed)
    return Response(b"ok", media_type="text/plain")


def _hand_app() -> Any:
    from fastapi import FastAPI

    app = FastAPI()
    settings, cache, metrics = g.AppSettings(), g.AppCache(), g.AppMetrics()

    @app.get("/")
    async def endpoint() -> Any:
        resource = g.async_session_resource()
        session = await anext(resource)
        try:
            users = g.Users(session, settings)
            orders, audit = g.Orders(session, cache), g.Audit(session, metrics)
            return _respond(users, orders, audit)
        finally:
            await anext(resource, None)

    return app


def _injectq_app(key: str) -> Any:
    from fastapi import FastAPI

    from injectq.integrations.fastapi import InjectFastAPI, setup_fastapi

    module = "injectq_runtime" if key == "injectq" else "injectq_generated"
    loaded = adapters.load(key, module, key)
    if loaded.adapter is None:
        raise RuntimeError(loaded.error)
    container = loaded.adapter.container("W5")  # type: ignore[attr-defined]  # injectq adapters
    app = FastAPI()

    @app.get("/")
    async def endpoint(
        users: Annotated[g.Users, InjectFastAPI(g.Users)],
        orders: Annotated[g.Orders, InjectFastAPI(g.Orders)],
        audit: Annotated[g.Audit, InjectFastAPI(g.Audit)],
    ) -> Any:
        return _respond(users, orders, audit)

    setup_fastapi(container, app)
    return app


def _dishka_app() -> Any:
    from dishka import FromDishka, make_async_container
    from dishka.integrations.fastapi import FastapiProvider, inject, setup_dishka
    from fastapi import FastAPI

    from benchmarks.adapters.dishka import _request_provider

    container = make_async_container(_request_provider(g.async_session_resource), FastapiProvider())
    app = FastAPI()

    @app.get("/")
    @inject
    async def endpoint(
        users: FromDishka[g.Users], orders: FromDishka[g.Orders], audit: FromDishka[g.Audit]
    ) -> Any:
        return _respond(users, orders, audit)

    setup_dishka(container, app)
    return app


def _wireup_app() -> Any:
    import wireup
    import wireup.integration.fastapi
    from fastapi import FastAPI
    from wireup import Injected

    from benchmarks.adapters.wireup import _request_injectables

    container = wireup.create_async_container(
        injectables=_request_injectables(g.async_session_resource)
    )
    app = FastAPI()

    @app.get("/")
    async def endpoint(
        users: Injected[g.Users], orders: Injected[g.Orders], audit: Injected[g.Audit]
    ) -> Any:
        return _respond(users, orders, audit)

    wireup.integration.fastapi.setup(container, app, middleware_mode=True)
    return app


_BUILDERS: dict[str, Callable[[], Any]] = {
    "hand": _hand_app,
    "injectq": lambda: _injectq_app("injectq"),
    "injectq-gen": lambda: _injectq_app("injectq-gen"),
    "dishka": _dishka_app,
    "wireup": _wireup_app,
}


def _request(app: Any) -> Callable[[], Any]:
    import httpx

    transport = httpx.ASGITransport(app=app)
    client = httpx.AsyncClient(transport=transport, base_url="http://bench")
    return lambda: client.get("/")


def _verify(request: Callable[[], Any], loop: asyncio.AbstractEventLoop) -> None:
    requests = []
    for _ in range(2):
        response = loop.run_until_complete(request())
        if response.status_code != 200:
            raise AssertionError(f"HTTP {response.status_code}: {response.text[:200]}")
        requests.append(tuple(LAST))
    for users, orders, audit, open_at_build in requests:
        if not (users.session is orders.session is audit.session):
            raise AssertionError("the request's services do not share one session")
        if not open_at_build or users.session.close_count != 1:
            raise AssertionError("the session was not open in the endpoint and closed once")
    (first, *_), (second, *_) = requests
    if first.session is second.session or first is second:
        raise AssertionError("two requests shared a request-scoped instance")
    if first.settings is not second.settings:
        raise AssertionError("a singleton was built twice")


def _prepare(key: str, loop: asyncio.AbstractEventLoop) -> tuple[Any, str | None]:
    """The request operation of one column, or the reason there is none."""
    try:
        request = _request(_BUILDERS[key]())
    except ImportError as exc:
        return None, f"n/a: {exc}"
    except Exception as exc:
        return None, f"FAIL: setup: {type(exc).__name__}: {exc}"
    try:
        _verify(request, loop)
    except Exception as exc:
        return None, f"FAIL: {type(exc).__name__}: {exc}"
    return request, None


def _paired(samplers: Sequence[timing.Sampler], settings: timing.Settings) -> list[list[float]]:
    """Per round, each sampler's ns per request, in an order shuffled every round.

    Every sample makes the same number of requests, calibrated on the first sampler (the
    baseline): a sample's fixed cost (starting the event loop) is then the same in every
    column and cancels out of the overhead, whereas separate calibrations under load give
    columns different counts and so different shares of it. Each sample starts right after
    a garbage collection and runs with the collector paused, so no column inherits another's
    garbage (a rotated order would always put the same column after the one that leaves the
    most). Requests are long and this machine is shared, so W10 takes twice the rounds of
    the usual length: the columns compared within a round ran close together in time.
    """
    for sample in samplers:
        sample(1)  # warm: first-request work (building middleware stacks) is not timed
    count = max(timing.calibrate(samplers[0], settings.target_ns) for _ in range(3))
    counts = [count] * len(samplers)
    rounds: list[list[float]] = []
    shuffle = random.Random(10).shuffle
    gc_was_enabled = gc.isenabled()
    try:
        for _ in range(settings.rounds * 2):
            order = list(range(len(samplers)))
            shuffle(order)
            times = [0.0] * len(samplers)
            for i in order:
                gc.collect()
                gc.disable()
                times[i] = samplers[i](counts[i]) / counts[i]
                gc.enable()
            rounds.append(times)
    finally:
        if gc_was_enabled:
            gc.enable()
        else:
            gc.disable()
    return rounds


def _signed(ns: float) -> str:
    return f"{'+' if ns >= 0 else '-'}{format_ns(abs(ns))}"


def run(settings: timing.Settings, libs: Sequence[str]) -> list[str]:
    """Markdown lines: W10's table (per-request median, ratio and overhead per column)."""
    columns = [(k, h) for k, h in COLUMNS if k == "hand" or k in libs]
    loop = asyncio.new_event_loop()
    try:
        prepared = [_prepare(key, loop) for key, _ in columns]
        ready = [i for i, (op, _) in enumerate(prepared) if op is not None]
        rounds = _paired([timing.async_sampler(prepared[i][0], loop) for i in ready], settings)
    finally:
        loop.close()
    position = {column: place for place, column in enumerate(ready)}
    base = position.get(0)
    cells, overheads = [], []
    for i, (_, reason) in enumerate(prepared):
        if i not in position:
            cells.append(reason or "n/a")
            overheads.append("")
            continue
        ns = statistics.median(r[position[i]] for r in rounds)
        if base is None:
            cells.append(format_ns(ns))
            overheads.append("")
            continue
        ratio = ns / statistics.median(r[base] for r in rounds)
        cells.append(f"{format_ns(ns)} (x{ratio:.2f})")
        extra = statistics.median(r[position[i]] - r[base] for r in rounds)
        overheads.append("" if i == 0 else _signed(extra))
    return [
        f"{KEY}: one HTTP request through each FastAPI {version('fastapi')} integration"
        " (httpx ASGI transport, one process): 3 request-scoped services sharing a"
        " request-scoped async-generator session, 3 singletons. Overhead: the median, over"
        " rounds, of the column's time minus the hand-written time of the same round.",
        "",
        "| | " + " | ".join(heading for _, heading in columns) + " |",
        "|---|" + "---|" * len(columns),
        "| per request | " + " | ".join(cells) + " |",
        "| overhead | " + " | ".join(overheads) + " |",
    ]
