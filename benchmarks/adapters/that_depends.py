"""that-depends: ``BaseContainer`` classes of ``Singleton`` / ``Factory`` providers.

Operations call ``provider.resolve_sync`` (or ``await provider.resolve()``). The request
session is a ``ContextResource`` in the REQUEST scope, entered with ``container_context``;
function injection is ``@inject`` with ``Provide[...]`` defaults. Providers passed as
arguments go through ``.cast``, the library's documented way to keep them typed.
"""

from __future__ import annotations

from typing import Any, ClassVar

from that_depends import (
    BaseContainer,
    ContextScopes,
    Provide,
    container_context,
    inject,
    providers,
)

from benchmarks import graphs as g
from benchmarks import wide
from benchmarks.adapters.base import Adapter, AsyncOp, Op


class W1Container(BaseContainer):
    config = providers.Singleton(g.Config)


def _mid(cls: type, left: type, right: type) -> Any:
    return providers.Factory(cls, providers.Factory(left).cast, providers.Factory(right).cast).cast


class W2Container(BaseContainer):
    upper1 = providers.Factory(
        g.Upper1, _mid(g.Mid1, g.Leaf1, g.Leaf2), _mid(g.Mid2, g.Leaf2, g.Leaf3)
    )
    upper2 = providers.Factory(
        g.Upper2, _mid(g.Mid2, g.Leaf2, g.Leaf3), _mid(g.Mid3, g.Leaf3, g.Leaf4)
    )
    root = providers.Factory(g.TreeRoot, upper1.cast, upper2.cast)


class W3Container(BaseContainer):
    settings = providers.Singleton(g.Settings)
    pool = providers.Singleton(g.Pool)
    cache = providers.Singleton(g.Cache)
    repo = providers.Factory(g.Repository, settings.cast, pool.cast)
    service = providers.Factory(g.Service, pool.cast, cache.cast)
    auditor = providers.Factory(g.Auditor, settings.cast)
    root = providers.Factory(g.MixedRoot, repo.cast, service.cast, auditor.cast)


def _request_container(name: str, resource: Any) -> Any:
    settings = providers.Singleton(g.AppSettings).cast
    cache = providers.Singleton(g.AppCache).cast
    metrics = providers.Singleton(g.AppMetrics).cast
    session = providers.ContextResource(resource).with_config(scope=ContextScopes.REQUEST)
    db = session.cast
    handler = providers.Factory(
        g.Handler,
        providers.Factory(g.Users, db, settings).cast,
        providers.Factory(g.Orders, db, cache).cast,
        providers.Factory(g.Audit, db, metrics).cast,
        providers.Factory(g.Payments, db, settings).cast,
        providers.Factory(g.Notices, db, cache).cast,
    )
    return type(name, (BaseContainer,), {"session": session, "handler": handler})


W4Container = _request_container("W4Container", g.session_resource)
W5Container = _request_container("W5Container", g.async_session_resource)


class W7Container(BaseContainer):
    env = providers.Singleton(g.Env)
    mailer = providers.Factory(g.Mailer, env.cast)
    clock = providers.Factory(g.Clock)


@inject
def w7_handler(
    env: g.Env = Provide[W7Container.env],
    mailer: g.Mailer = Provide[W7Container.mailer],
    clock: g.Clock = Provide[W7Container.clock],
) -> Any:
    return g.handle(env, mailer, clock)


def _wide_root() -> Any:
    made: dict[type, Any] = {}
    for cls in reversed(wide.NODES):
        made[cls] = providers.Singleton(cls, *(made[d].cast for d in wide.DEPS[cls]))
    container: Any = type("WideContainer", (BaseContainer,), {"root": made[wide.ROOT]})
    return container.root.resolve_sync()


class ThatDepends(Adapter):
    name = "that-depends"
    notes: ClassVar[dict[str, str]] = {
        "W4": "that-depends scopes resources, not factories: the 5 services are Factory "
        "providers, each resolved once per request through the handler; the session is a "
        "REQUEST-scoped ContextResource.",
    }
    notes["W5"] = notes["W4"]

    def w1(self) -> Op:
        W1Container.config.resolve_sync()
        return W1Container.config.resolve_sync

    def w2(self) -> Op:
        return W2Container.root.resolve_sync

    def w3(self) -> Op:
        return W3Container.root.resolve_sync

    def w4(self) -> Op:
        handler = W4Container.handler

        def request() -> g.Handler:
            with container_context(W4Container, scope=ContextScopes.REQUEST):
                result: g.Handler = handler.resolve_sync()
            return result

        return request

    def w5(self) -> AsyncOp:
        handler = W5Container.handler

        async def request() -> g.Handler:
            async with container_context(W5Container, scope=ContextScopes.REQUEST):
                result: g.Handler = await handler.resolve()
            return result

        return request

    def w6(self) -> Op:
        return _wide_root

    def w7(self) -> Op:
        return w7_handler


ADAPTER = ThatDepends()
