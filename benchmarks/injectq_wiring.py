"""The benchmark graphs wired for injectq, one ``Module`` per workload.

The runtime column installs these modules into ``InjectQ``; they are also the input from
which ``injectq-gen`` produces the generated column's container (see README.md).
"""

from __future__ import annotations

from typing import Any

from benchmarks import graphs as g
from benchmarks import wide
from injectq import Module


class W1Module(Module):
    def configure(self, binder: Any) -> None:
        binder.bind(g.Config, g.Config, scope="singleton")


class W2Module(Module):
    def configure(self, binder: Any) -> None:
        for cls in g.W2_CLASSES:
            binder.bind(cls, cls, scope="transient")


class W3Module(Module):
    def configure(self, binder: Any) -> None:
        for cls in g.W3_SINGLETONS:
            binder.bind(cls, cls, scope="singleton")
        for cls in g.W3_TRANSIENTS:
            binder.bind(cls, cls, scope="transient")


class W4Module(Module):
    def configure(self, binder: Any) -> None:
        for cls in g.W4_SINGLETONS:
            binder.bind(cls, cls, scope="singleton")
        for cls in g.W4_SCOPED:
            binder.bind(cls, cls, scope="request")
        binder.bind_factory(g.Session, g.session_resource, scope="request")


class W5Module(Module):
    def configure(self, binder: Any) -> None:
        for cls in g.W4_SINGLETONS:
            binder.bind(cls, cls, scope="singleton")
        for cls in g.W4_SCOPED:
            binder.bind(cls, cls, scope="request")
        binder.bind_factory(g.Session, g.async_session_resource, scope="request")


class W6Module(Module):
    def configure(self, binder: Any) -> None:
        for cls in wide.NODES:
            binder.bind(cls, cls, scope="singleton")


class W7Module(Module):
    def configure(self, binder: Any) -> None:
        binder.bind(g.Env, g.Env, scope="singleton")
        binder.bind(g.Mailer, g.Mailer, scope="transient")
        binder.bind(g.Clock, g.Clock, scope="transient")


MODULES: dict[str, type[Module]] = {
    "W1": W1Module,
    "W2": W2Module,
    "W3": W3Module,
    "W4": W4Module,
    "W5": W5Module,
    "W6": W6Module,
    "W7": W7Module,
}
