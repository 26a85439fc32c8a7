"""The baseline: the same graphs wired by hand, with direct positional constructor calls."""

from __future__ import annotations

from benchmarks import graphs as g
from benchmarks import wide
from benchmarks.adapters.base import Adapter, AsyncOp, Op

_CONFIG = g.Config()
_SETTINGS, _POOL, _CACHE = g.Settings(), g.Pool(), g.Cache()
_APP_SETTINGS, _APP_CACHE, _APP_METRICS = g.AppSettings(), g.AppCache(), g.AppMetrics()
_ENV = g.Env()


def get_config() -> g.Config:
    return _CONFIG


def build_tree() -> g.TreeRoot:
    upper1 = g.Upper1(g.Mid1(g.Leaf1(), g.Leaf2()), g.Mid2(g.Leaf2(), g.Leaf3()))
    upper2 = g.Upper2(g.Mid2(g.Leaf2(), g.Leaf3()), g.Mid3(g.Leaf3(), g.Leaf4()))
    return g.TreeRoot(upper1, upper2)


def build_mixed() -> g.MixedRoot:
    return g.MixedRoot(
        g.Repository(_SETTINGS, _POOL), g.Service(_POOL, _CACHE), g.Auditor(_SETTINGS)
    )


def _handler(session: g.Session) -> g.Handler:
    return g.Handler(
        g.Users(session, _APP_SETTINGS),
        g.Orders(session, _APP_CACHE),
        g.Audit(session, _APP_METRICS),
        g.Payments(session, _APP_SETTINGS),
        g.Notices(session, _APP_CACHE),
    )


def request() -> g.Handler:
    session = g.Session()
    try:
        return _handler(session)
    finally:
        session.close()


async def async_request() -> g.Handler:
    session = g.Session()
    try:
        return _handler(session)
    finally:
        session.close()


def get_env() -> g.Env:
    return _ENV


def make_mailer() -> g.Mailer:
    return g.Mailer(get_env())


def make_clock() -> g.Clock:
    return g.Clock()


def handler(env: g.Env, mailer: g.Mailer, clock: g.Clock) -> tuple[g.Env, g.Mailer, g.Clock]:
    """The W7 function as every column writes it (a function whose body calls ``g.handle``),
    here called with arguments from hand-written factories instead of injected ones."""
    return g.handle(env, mailer, clock)


def call_handle() -> tuple[g.Env, g.Mailer, g.Clock]:
    return handler(get_env(), make_mailer(), make_clock())


class HandWritten(Adapter):
    name = "hand-written"

    def w1(self) -> Op:
        return get_config

    def w2(self) -> Op:
        return build_tree

    def w3(self) -> Op:
        return build_mixed

    def w4(self) -> Op:
        return request

    def w5(self) -> AsyncOp:
        return async_request

    def w6(self) -> Op:
        return wide.cold_build_by_hand

    def w7(self) -> Op:
        return call_handle


ADAPTER = HandWritten()
