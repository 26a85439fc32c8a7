"""The workloads W1-W7: what each one asks of an adapter and how its result is verified.

A verifier calls the operation a few times and raises ``AssertionError`` when the results
break the workload's contract; the harness then reports "FAIL: <reason>" instead of a time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from benchmarks import graphs as g
from benchmarks import wide
from benchmarks.adapters.base import Adapter


def check(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


def _expect_type(value: object, cls: type) -> None:
    check(type(value) is cls, f"expected {cls.__name__}, got {type(value).__name__}")


def verify_w1(op: Callable[[], Any]) -> None:
    first, second = op(), op()
    _expect_type(first, g.Config)
    check(first is second, "singleton returned two different instances")


def _tree_nodes(root: g.TreeRoot) -> list[object]:
    upper = [root.a, root.b]
    mids: list[Any] = [root.a.a, root.a.b, root.b.a, root.b.b]
    leaves = [leaf for mid in mids for leaf in (mid.a, mid.b)]
    return [root, *upper, *mids, *leaves]


def verify_w2(op: Callable[[], Any]) -> None:
    first, second = op(), op()
    _expect_type(first, g.TreeRoot)
    nodes = _tree_nodes(first)
    expected = [g.TreeRoot, g.Upper1, g.Upper2, g.Mid1, g.Mid2, g.Mid2, g.Mid3]
    expected += [g.Leaf1, g.Leaf2, g.Leaf2, g.Leaf3, g.Leaf2, g.Leaf3, g.Leaf3, g.Leaf4]
    check([type(n) for n in nodes] == expected, "the tree has the wrong shape")
    check(len({id(n) for n in nodes}) == len(nodes), "a transient node was shared in one graph")
    check(
        not {id(n) for n in nodes} & {id(n) for n in _tree_nodes(second)},
        "a transient node was shared between two resolves",
    )


def verify_w3(op: Callable[[], Any]) -> None:
    first, second = op(), op()
    _expect_type(first, g.MixedRoot)
    check(first is not second, "the transient root was reused")
    check(
        first.repo is not second.repo
        and first.service is not second.service
        and first.auditor is not second.auditor,
        "a transient dependency was reused",
    )
    settings = {id(r.repo.settings) for r in (first, second)} | {
        id(r.auditor.settings) for r in (first, second)
    }
    pools = {id(r.repo.pool) for r in (first, second)} | {
        id(r.service.pool) for r in (first, second)
    }
    check(len(settings) == 1 and len(pools) == 1, "a singleton was built twice")
    check(first.service.cache is second.service.cache, "a singleton was built twice")
    _expect_type(first.repo.pool, g.Pool)
    _expect_type(first.service.cache, g.Cache)


def _check_request(handler: Any) -> g.Session:
    _expect_type(handler, g.Handler)
    session = handler.users.session
    _expect_type(session, g.Session)
    check(
        all(s.session is session for s in handler.services()),
        "the request's services do not share one session",
    )
    check(handler.session_open_at_build, "the session was already closed while resolving")
    check(session.close_count == 1, f"session cleanup ran {session.close_count} times, not once")
    check(handler.users.settings is handler.payments.settings, "a singleton was built twice")
    _expect_type(handler.audit.metrics, g.AppMetrics)
    return session  # type: ignore[no-any-return]  # checked by _expect_type above


def _check_two_requests(first: Any, second: Any) -> None:
    session_a, session_b = _check_request(first), _check_request(second)
    check(session_a is not session_b, "two requests shared one session")
    check(first.users is not second.users, "two requests shared a request-scoped service")
    check(first.orders.cache is second.orders.cache, "a singleton was built twice")


def verify_w4(op: Callable[[], Any]) -> None:
    _check_two_requests(op(), op())


def verify_w5(op: Callable[[], Any], loop: asyncio.AbstractEventLoop) -> None:
    first = loop.run_until_complete(op())
    second = loop.run_until_complete(op())
    _check_two_requests(first, second)


def verify_w6(op: Callable[[], Any]) -> None:
    first, second = op(), op()
    wide.verify_graph(first)
    wide.verify_graph(second)
    check(first is not second, "a cold start reused the previous container's graph")


def verify_w7(op: Callable[[], Any]) -> None:
    first, second = op(), op()
    check(isinstance(first, tuple) and len(first) == 3, "the function did not run")
    env, mailer, clock = first
    _expect_type(env, g.Env)
    _expect_type(mailer, g.Mailer)
    _expect_type(clock, g.Clock)
    check(env is second[0] and mailer.env is env, "the singleton Env was built twice")
    check(mailer is not second[1] and clock is not second[2], "a transient was reused")


@dataclass(frozen=True, slots=True)
class Workload:
    """One row of the table: which adapter method builds it and how it is verified."""

    key: str
    title: str
    kind: str  # "sync", "async" or "cold"
    method: str  # the Adapter method that builds the operation
    verify: Callable[..., None]

    def build(self, adapter: Adapter) -> Any:
        return getattr(adapter, self.method)()


WORKLOADS: tuple[Workload, ...] = (
    Workload("W1", "existing singleton via the public API", "sync", "w1", verify_w1),
    Workload("W2", "transient root, 10 transient classes, depth 4", "sync", "w2", verify_w2),
    Workload("W3", "transient root, 3 singletons + 4 transients, depth 3", "sync", "w3", verify_w3),
    Workload(
        "W4",
        "request scope: handler, 5 scoped services, 1 session resource, cleanup",
        "sync",
        "w4",
        verify_w4,
    ),
    Workload("W5", "W4 through the async API, async-generator session", "async", "w5", verify_w5),
    Workload(
        "W6", "cold start: new container for 200 classes + first resolve", "cold", "w6", verify_w6
    ),
    Workload("W7", "@inject function with 3 dependencies", "sync", "w7", verify_w7),
)
