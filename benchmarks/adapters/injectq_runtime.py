"""injectq's runtime container, through its public API only.

Workload code talks to a container through ``get``, ``aget`` and ``scope``; where the
container comes from is the one hook, ``container(key)``, which the generated column
overrides. Each workload gets its own container, configured by ``benchmarks.injectq_wiring``.
W7 wraps ``injectq_wiring.w7_handler`` (the undecorated function) with ``inject(container=c)``.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from benchmarks import graphs as g
from benchmarks import wide
from benchmarks.adapters.base import Adapter, AsyncOp, Op
from benchmarks.injectq_wiring import module_class, w7_handler
from injectq import InjectQ, inject


class InjectQRuntime(Adapter):
    name = "injectq (runtime)"

    def container(self, key: str) -> Any:
        """A ready container for workload ``key``."""
        return InjectQ(modules=[module_class(key)()])

    def w1(self) -> Op:
        c = self.container("W1")
        c.get(g.Config)
        return partial(c.get, g.Config)

    def w2(self) -> Op:
        return partial(self.container("W2").get, g.TreeRoot)

    def w3(self) -> Op:
        return partial(self.container("W3").get, g.MixedRoot)

    def w4(self) -> Op:
        c = self.container("W4")

        def request() -> g.Handler:
            with c.scope("request"):
                handler: g.Handler = c.get(g.Handler)
            return handler

        return request

    def w5(self) -> AsyncOp:
        c = self.container("W5")

        async def request() -> g.Handler:
            async with c.scope("request"):
                handler: g.Handler = await c.aget(g.Handler)
            return handler

        return request

    def w6(self) -> Op:
        def cold_start() -> object:
            return self.container("W6").get(wide.ROOT)

        return cold_start

    def w7(self) -> Op:
        c = self.container("W7")
        # The module-level function, re-wrapped for this container: its qualified name is
        # the one the generated module's injection plan is recorded under.
        handler: Op = inject(container=c)(w7_handler.__wrapped__)
        return handler


ADAPTER = InjectQRuntime()
