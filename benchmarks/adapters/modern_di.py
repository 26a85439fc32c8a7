"""modern-di: ``Group`` classes of ``providers.Factory`` and ``Container.resolve``.

Singletons are APP-scoped factories with ``cache=True``; the request scope is a child
container from ``build_child_container(scope=Scope.REQUEST)``. modern-di has no generator
providers: the session's cleanup is a ``CacheSettings`` finalizer run when the request
container closes. It rejects async creators and has no function-injection decorator outside
its framework integrations, so W5 and W7 are not expressible.
"""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

from modern_di import Container, Group, Scope, providers
from modern_di.providers.factory import CacheSettings

from benchmarks import graphs as g
from benchmarks import wide
from benchmarks.adapters.base import Adapter, AsyncOp, Op, Unsupported


def _group(
    singletons: tuple[type, ...] = (),
    transients: tuple[type, ...] = (),
    scoped: tuple[type, ...] = (),
    extra: tuple[Any, ...] = (),
) -> type[Group]:
    attrs: dict[str, Any] = {}
    for cls in singletons:
        attrs[cls.__name__] = providers.Factory(cls, scope=Scope.APP, cache=True)
    for cls in transients:
        attrs[cls.__name__] = providers.Factory(cls, scope=Scope.APP)
    for cls in scoped:
        attrs[cls.__name__] = providers.Factory(cls, scope=Scope.REQUEST, cache=True)
    for index, provider in enumerate(extra):
        attrs[f"extra{index}"] = provider
    return type("Dependencies", (Group,), attrs)


def _session_provider() -> Any:
    settings = CacheSettings(finalizer=g.Session.close)
    return providers.Factory(g.Session, scope=Scope.REQUEST, cache=settings)


class ModernDi(Adapter):
    name = "modern-di"
    notes: ClassVar[dict[str, str]] = {
        "W4": "modern-di has no generator providers: the session's cleanup is a cache "
        "finalizer that runs when the request container closes."
    }

    def w1(self) -> Op:
        container = Container(groups=[_group(singletons=(g.Config,))])
        container.resolve(g.Config)
        return partial(container.resolve, g.Config)

    def w2(self) -> Op:
        container = Container(groups=[_group(transients=g.W2_CLASSES)])
        return partial(container.resolve, g.TreeRoot)

    def w3(self) -> Op:
        group = _group(singletons=g.W3_SINGLETONS, transients=g.W3_TRANSIENTS)
        return partial(Container(groups=[group]).resolve, g.MixedRoot)

    def w4(self) -> Op:
        group = _group(singletons=g.W4_SINGLETONS, scoped=g.W4_SCOPED, extra=(_session_provider(),))
        container = Container(groups=[group])

        def request() -> g.Handler:
            with container.build_child_container(scope=Scope.REQUEST) as scope:
                handler: g.Handler = scope.resolve(g.Handler)
            return handler

        return request

    def w5(self) -> AsyncOp:
        raise Unsupported("modern-di: creators cannot be async (no async-generator resources)")

    def w6(self) -> Op:
        group = _group(singletons=tuple(wide.NODES))

        def cold_start() -> object:
            return Container(groups=[group]).resolve(wide.ROOT)

        return cold_start

    def w7(self) -> Op:
        raise Unsupported(
            "modern-di: no function-injection decorator outside its framework integrations"
        )


ADAPTER = ModernDi()
