"""rodi: ``Container`` registrations, ``build_provider()``, then ``provider.get``.

rodi has no cleanup for scoped services, no async resolution and no function-injection
decorator, so W4, W5 and W7 are not expressible.
"""

from __future__ import annotations

from functools import partial

from rodi import Container, Services

from benchmarks import graphs as g
from benchmarks import wide
from benchmarks.adapters.base import Adapter, AsyncOp, Op, Unsupported


def _provider(singletons: tuple[type, ...] = (), transients: tuple[type, ...] = ()) -> Services:
    container = Container()
    for cls in singletons:
        container.add_singleton(cls)
    for cls in transients:
        container.add_transient(cls)
    return container.build_provider()


class Rodi(Adapter):
    name = "rodi"

    def w1(self) -> Op:
        provider = _provider(singletons=(g.Config,))
        provider.get(g.Config)
        return partial(provider.get, g.Config)

    def w2(self) -> Op:
        return partial(_provider(transients=g.W2_CLASSES).get, g.TreeRoot)

    def w3(self) -> Op:
        provider = _provider(singletons=g.W3_SINGLETONS, transients=g.W3_TRANSIENTS)
        return partial(provider.get, g.MixedRoot)

    def w4(self) -> Op:
        raise Unsupported(
            "rodi: scopes only drop their references; no generator resources "
            "or cleanup at scope exit"
        )

    def w5(self) -> AsyncOp:
        raise Unsupported("rodi: no async resolution and no async-generator resources")

    def w6(self) -> Op:
        def cold_start() -> object:
            return _provider(singletons=tuple(wide.NODES)).get(wide.ROOT)

        return cold_start

    def w7(self) -> Op:
        raise Unsupported("rodi: no decorator that injects function parameters")


ADAPTER = Rodi()
