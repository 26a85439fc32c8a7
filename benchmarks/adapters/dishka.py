"""dishka: one ``Provider`` per workload, ``make_container`` / ``make_async_container``.

Singletons are APP-scoped providers, transients use ``cache=False``, the request scope is a
child container entered with ``with container() as request``. Function injection goes
through ``wrap_injection``, dishka's documented hook for frameworks without an integration.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from dishka import FromDishka, Provider, Scope, make_async_container, make_container
from dishka.integrations.base import wrap_injection

from benchmarks import graphs as g
from benchmarks import wide
from benchmarks.adapters.base import Adapter, AsyncOp, Op


def _provider(singletons: tuple[type, ...] = (), transients: tuple[type, ...] = ()) -> Provider:
    provider = Provider(scope=Scope.APP)
    for cls in singletons:
        provider.provide(cls)
    for cls in transients:
        provider.provide(cls, cache=False)
    return provider


def _request_provider(session_factory: Any) -> Provider:
    provider = _provider(singletons=g.W4_SINGLETONS)
    for cls in g.W4_SCOPED:
        provider.provide(cls, scope=Scope.REQUEST)
    provider.provide(session_factory, scope=Scope.REQUEST, provides=g.Session)
    return provider


class Dishka(Adapter):
    name = "dishka"

    def w1(self) -> Op:
        container = make_container(_provider(singletons=(g.Config,)))
        container.get(g.Config)
        return partial(container.get, g.Config)

    def w2(self) -> Op:
        return partial(make_container(_provider(transients=g.W2_CLASSES)).get, g.TreeRoot)

    def w3(self) -> Op:
        provider = _provider(singletons=g.W3_SINGLETONS, transients=g.W3_TRANSIENTS)
        return partial(make_container(provider).get, g.MixedRoot)

    def w4(self) -> Op:
        container = make_container(_request_provider(g.session_resource))

        def request() -> g.Handler:
            with container() as scope:
                return scope.get(g.Handler)

        return request

    def w5(self) -> AsyncOp:
        container = make_async_container(_request_provider(g.async_session_resource))

        async def request() -> g.Handler:
            async with container() as scope:
                return await scope.get(g.Handler)

        return request

    def w6(self) -> Op:
        def cold_start() -> object:
            return make_container(_provider(singletons=tuple(wide.NODES))).get(wide.ROOT)

        return cold_start

    def w7(self) -> Op:
        container = make_container(_provider(singletons=(g.Env,), transients=(g.Mailer, g.Clock)))

        def handler(
            env: FromDishka[g.Env], mailer: FromDishka[g.Mailer], clock: FromDishka[g.Clock]
        ) -> Any:
            return g.handle(env, mailer, clock)

        injected: Op = wrap_injection(
            func=handler,  # type: ignore[arg-type]  # the FromDishka parameters are removed
            container_getter=lambda _args, _kwargs: container,
        )
        return injected


ADAPTER = Dishka()
