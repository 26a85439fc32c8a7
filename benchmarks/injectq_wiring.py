"""The benchmark graphs wired for injectq, one ``Module`` per workload.

The runtime column installs these modules into ``InjectQ``; they are also the input from
which ``injectq-gen`` produces the generated column's containers (``benchmarks/injectq-gen.toml``,
see README.md). Every binding is spelled out, as the generator's static reader requires. The
200 bindings of W6 live with the W6 classes, in the source file ``wide.py`` writes.

``w7_handler`` is the W7 function. It is decorated with ``@inject`` here, so the generator
reads it as a root and records its injection plan; each column re-wraps the undecorated
function with ``inject(container=c)`` for its own container.
"""

from __future__ import annotations

from typing import Any

from benchmarks.graphs import (
    AppCache,
    AppMetrics,
    AppSettings,
    Audit,
    Auditor,
    Cache,
    Clock,
    Config,
    Env,
    Handler,
    Leaf1,
    Leaf2,
    Leaf3,
    Leaf4,
    Mailer,
    Mid1,
    Mid2,
    Mid3,
    MixedRoot,
    Notices,
    Orders,
    Payments,
    Pool,
    Repository,
    Service,
    Session,
    Settings,
    TreeRoot,
    Upper1,
    Upper2,
    Users,
    async_session_resource,
    handle,
    session_resource,
)
from injectq import Module, inject


class W1Module(Module):
    def configure(self, binder: Any) -> None:
        binder.bind(Config, Config, scope="singleton")


class W2Module(Module):
    def configure(self, binder: Any) -> None:
        binder.bind(Leaf1, Leaf1, scope="transient")
        binder.bind(Leaf2, Leaf2, scope="transient")
        binder.bind(Leaf3, Leaf3, scope="transient")
        binder.bind(Leaf4, Leaf4, scope="transient")
        binder.bind(Mid1, Mid1, scope="transient")
        binder.bind(Mid2, Mid2, scope="transient")
        binder.bind(Mid3, Mid3, scope="transient")
        binder.bind(Upper1, Upper1, scope="transient")
        binder.bind(Upper2, Upper2, scope="transient")
        binder.bind(TreeRoot, TreeRoot, scope="transient")


class W3Module(Module):
    def configure(self, binder: Any) -> None:
        binder.bind(Settings, Settings, scope="singleton")
        binder.bind(Pool, Pool, scope="singleton")
        binder.bind(Cache, Cache, scope="singleton")
        binder.bind(Repository, Repository, scope="transient")
        binder.bind(Service, Service, scope="transient")
        binder.bind(Auditor, Auditor, scope="transient")
        binder.bind(MixedRoot, MixedRoot, scope="transient")


class W4Module(Module):
    def configure(self, binder: Any) -> None:
        binder.bind(AppSettings, AppSettings, scope="singleton")
        binder.bind(AppCache, AppCache, scope="singleton")
        binder.bind(AppMetrics, AppMetrics, scope="singleton")
        binder.bind(Users, Users, scope="request")
        binder.bind(Orders, Orders, scope="request")
        binder.bind(Audit, Audit, scope="request")
        binder.bind(Payments, Payments, scope="request")
        binder.bind(Notices, Notices, scope="request")
        binder.bind(Handler, Handler, scope="request")
        binder.bind_factory(Session, session_resource, scope="request")


class W5Module(Module):
    def configure(self, binder: Any) -> None:
        binder.bind(AppSettings, AppSettings, scope="singleton")
        binder.bind(AppCache, AppCache, scope="singleton")
        binder.bind(AppMetrics, AppMetrics, scope="singleton")
        binder.bind(Users, Users, scope="request")
        binder.bind(Orders, Orders, scope="request")
        binder.bind(Audit, Audit, scope="request")
        binder.bind(Payments, Payments, scope="request")
        binder.bind(Notices, Notices, scope="request")
        binder.bind(Handler, Handler, scope="request")
        binder.bind_factory(Session, async_session_resource, scope="request")


class W7Module(Module):
    def configure(self, binder: Any) -> None:
        binder.bind(Env, Env, scope="singleton")
        binder.bind(Mailer, Mailer, scope="transient")
        binder.bind(Clock, Clock, scope="transient")


@inject
def w7_handler(env: Env, mailer: Mailer, clock: Clock) -> tuple[Env, Mailer, Clock]:
    return handle(env, mailer, clock)


MODULES: dict[str, type[Module]] = {
    "W1": W1Module,
    "W2": W2Module,
    "W3": W3Module,
    "W4": W4Module,
    "W5": W5Module,
    "W7": W7Module,
}


def module_class(key: str) -> type[Module]:
    """The ``Module`` of workload ``key``; W6's comes from the written wide-graph source."""
    if key == "W6":
        from benchmarks import wide

        return wide.W6Module
    return MODULES[key]


#: Workload key -> the ``--module`` spec (and ``--scan`` packages) handed to ``injectq-gen``.
GENERATOR_INPUTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "W1": ("benchmarks.injectq_wiring:W1Module", ()),
    "W2": ("benchmarks.injectq_wiring:W2Module", ()),
    "W3": ("benchmarks.injectq_wiring:W3Module", ()),
    "W4": ("benchmarks.injectq_wiring:W4Module", ()),
    "W5": ("benchmarks.injectq_wiring:W5Module", ()),
    "W6": ("benchmarks._generated.wide_graph:W6Module", ()),
    "W7": ("benchmarks.injectq_wiring:W7Module", ("benchmarks.injectq_wiring",)),
}
