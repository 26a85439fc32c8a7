"""dependency-injector: declarative containers of ``Singleton`` / ``Factory`` providers.

An operation calls the provider, the library's fastest public path. The request session is
a ``ContextLocalResource`` shut down with ``provider.shutdown()`` when the request ends;
function injection is ``@inject`` with ``Provide[...]`` markers after ``container.wire``.
"""

from __future__ import annotations

import sys
from typing import Any, ClassVar

from dependency_injector import containers, providers
from dependency_injector.wiring import Provide, inject

from benchmarks import graphs as g
from benchmarks import wide
from benchmarks.adapters.base import Adapter, AsyncOp, Op


class W1Container(containers.DeclarativeContainer):
    config = providers.Singleton(g.Config)


class W2Container(containers.DeclarativeContainer):
    upper1 = providers.Factory(
        g.Upper1,
        providers.Factory(g.Mid1, providers.Factory(g.Leaf1), providers.Factory(g.Leaf2)),
        providers.Factory(g.Mid2, providers.Factory(g.Leaf2), providers.Factory(g.Leaf3)),
    )
    upper2 = providers.Factory(
        g.Upper2,
        providers.Factory(g.Mid2, providers.Factory(g.Leaf2), providers.Factory(g.Leaf3)),
        providers.Factory(g.Mid3, providers.Factory(g.Leaf3), providers.Factory(g.Leaf4)),
    )
    root = providers.Factory(g.TreeRoot, upper1, upper2)


class W3Container(containers.DeclarativeContainer):
    settings = providers.Singleton(g.Settings)
    pool = providers.Singleton(g.Pool)
    cache = providers.Singleton(g.Cache)
    repo = providers.Factory(g.Repository, settings, pool)
    service = providers.Factory(g.Service, pool, cache)
    auditor = providers.Factory(g.Auditor, settings)
    root = providers.Factory(g.MixedRoot, repo, service, auditor)


def _request_container(resource: Any) -> Any:
    container = containers.DynamicContainer()
    settings = providers.Singleton(g.AppSettings)
    cache = providers.Singleton(g.AppCache)
    metrics = providers.Singleton(g.AppMetrics)
    container.session = session = providers.ContextLocalResource(resource)
    container.handler = providers.Factory(
        g.Handler,
        providers.Factory(g.Users, session, settings),
        providers.Factory(g.Orders, session, cache),
        providers.Factory(g.Audit, session, metrics),
        providers.Factory(g.Payments, session, settings),
        providers.Factory(g.Notices, session, cache),
    )
    return container


class W7Container(containers.DeclarativeContainer):
    env = providers.Singleton(g.Env)
    mailer = providers.Factory(g.Mailer, env)
    clock = providers.Factory(g.Clock)


@inject
def w7_handler(
    env: g.Env = Provide[W7Container.env],
    mailer: g.Mailer = Provide[W7Container.mailer],
    clock: g.Clock = Provide[W7Container.clock],
) -> Any:
    return g.handle(env, mailer, clock)


def _wide_root() -> Any:
    container = containers.DynamicContainer()
    made: dict[type, Any] = {}
    for index in reversed(range(wide.SIZE)):
        cls = wide.NODES[index]
        made[cls] = providers.Singleton(cls, *(made[d] for d in wide.DEPS[cls]))
        setattr(container, f"node{index}", made[cls])
    return container.node0()


class DependencyInjector(Adapter):
    name = "dependency-injector"
    notes: ClassVar[dict[str, str]] = {
        "W4": "dependency-injector has no request-scoped factories: the 5 services are "
        "Factory providers, each resolved once per request through the handler; the session "
        "is a ContextLocalResource shut down at the end of the request.",
    }
    notes["W5"] = notes["W4"]

    def w1(self) -> Op:
        container = W1Container()
        container.config()
        return container.config

    def w2(self) -> Op:
        return W2Container().root

    def w3(self) -> Op:
        return W3Container().root

    def w4(self) -> Op:
        container = _request_container(g.session_resource)

        def request() -> g.Handler:
            try:
                return container.handler()  # type: ignore[no-any-return]
            finally:
                container.session.shutdown()

        return request

    def w5(self) -> AsyncOp:
        container = _request_container(g.async_session_resource)

        async def request() -> g.Handler:
            try:
                return await container.handler()  # type: ignore[no-any-return]
            finally:
                await container.session.shutdown()

        return request

    def w6(self) -> Op:
        return _wide_root

    def w7(self) -> Op:
        W7Container().wire(modules=[sys.modules[__name__]])
        return w7_handler


ADAPTER = DependencyInjector()
