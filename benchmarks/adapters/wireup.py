"""wireup: ``@injectable`` classes, ``create_sync_container`` / ``create_async_container``.

Marking is done once per workload, as the decorator would at class definition. Request
scope is ``container.enter_scope()``; function injection is ``@inject_from_container``.
"""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

import wireup
from wireup import Injected

from benchmarks import graphs as g
from benchmarks import wide
from benchmarks.adapters.base import Adapter, AsyncOp, Op


def _mark(lifetime: Any, *targets: Any) -> list[Any]:
    return [wireup.injectable(target, lifetime=lifetime) for target in targets]


def _request_injectables(session_factory: Any) -> list[Any]:
    return [
        *_mark("singleton", *g.W4_SINGLETONS),
        *_mark("scoped", *g.W4_SCOPED, session_factory),
    ]


def _open_scope(injectables: list[Any]) -> Any:
    """A scope entered once and kept open: wireup resolves transients only inside a scope."""
    container = wireup.create_sync_container(injectables=injectables)
    _OPEN_SCOPES.append(container.enter_scope())
    return _OPEN_SCOPES[-1].__enter__()


_OPEN_SCOPES: list[Any] = []


class Wireup(Adapter):
    name = "wireup"
    notes: ClassVar[dict[str, str]] = {
        "W2": "wireup resolves transients only inside a scope: one scope is entered at setup "
        "and every resolve goes through it.",
    }
    notes["W3"] = notes["W2"]

    def w1(self) -> Op:
        container = wireup.create_sync_container(injectables=_mark("singleton", g.Config))
        container.get(g.Config)
        return partial(container.get, g.Config)

    def w2(self) -> Op:
        return partial(_open_scope(_mark("transient", *g.W2_CLASSES)).get, g.TreeRoot)

    def w3(self) -> Op:
        injectables = _mark("singleton", *g.W3_SINGLETONS) + _mark("transient", *g.W3_TRANSIENTS)
        return partial(_open_scope(injectables).get, g.MixedRoot)

    def w4(self) -> Op:
        container = wireup.create_sync_container(
            injectables=_request_injectables(g.session_resource)
        )

        def request() -> g.Handler:
            with container.enter_scope() as scope:
                return scope.get(g.Handler)

        return request

    def w5(self) -> AsyncOp:
        container = wireup.create_async_container(
            injectables=_request_injectables(g.async_session_resource)
        )

        async def request() -> g.Handler:
            async with container.enter_scope() as scope:
                return await scope.get(g.Handler)

        return request

    def w6(self) -> Op:
        injectables = _mark("singleton", *wide.NODES)

        def cold_start() -> object:
            return wireup.create_sync_container(injectables=injectables).get(wide.ROOT)

        return cold_start

    def w7(self) -> Op:
        injectables = _mark("singleton", g.Env) + _mark("transient", g.Mailer, g.Clock)
        container = wireup.create_sync_container(injectables=injectables)

        @wireup.inject_from_container(container)
        def handler(
            env: Injected[g.Env], mailer: Injected[g.Mailer], clock: Injected[g.Clock]
        ) -> Any:
            return g.handle(env, mailer, clock)

        return handler


ADAPTER = Wireup()
