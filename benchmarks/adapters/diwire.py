"""diwire in strict mode (no auto-registration), no resolver context, compiled, default lock mode.

The column "diwire (fast)" (``diwire_fast.py``) is the same with ``LockMode.NONE``, diwire's
fastest documented configuration (no locking around singleton and scoped creation).

``Lifetime.SCOPED`` on the root scope is diwire's singleton. Request scope is
``container.enter_scope(Scope.REQUEST)``; function injection is
``@resolver_context.inject`` (which needs the resolver context, so W7 keeps it on).
"""

from __future__ import annotations

from typing import Any, Literal

from diwire import (
    Container,
    DependencyRegistrationPolicy,
    Injected,
    Lifetime,
    LockMode,
    MissingPolicy,
    Scope,
    resolver_context,
)

from benchmarks import graphs as g
from benchmarks import wide
from benchmarks.adapters.base import Adapter, AsyncOp, Op

LockChoice = LockMode | Literal["auto"]


def _container(lock_mode: LockChoice, use_resolver_context: bool = False) -> Container:
    return Container(
        lock_mode=lock_mode,
        missing_policy=MissingPolicy.ERROR,
        dependency_registration_policy=DependencyRegistrationPolicy.IGNORE,
        use_resolver_context=use_resolver_context,
    )


def _add(container: Container, lifetime: Lifetime, *classes: type, **scope: Any) -> None:
    for cls in classes:
        container.add(cls, lifetime=lifetime, **scope)


def _compiled(
    lock_mode: LockChoice, singletons: tuple[type, ...] = (), transients: tuple[type, ...] = ()
) -> Container:
    container = _container(lock_mode)
    _add(container, Lifetime.SCOPED, *singletons)
    _add(container, Lifetime.TRANSIENT, *transients)
    container.compile()
    return container


def _request_container(lock_mode: LockChoice, session_factory: Any) -> Container:
    container = _container(lock_mode)
    _add(container, Lifetime.SCOPED, *g.W4_SINGLETONS)
    _add(container, Lifetime.SCOPED, *g.W4_SCOPED, scope=Scope.REQUEST)
    container.add_generator(
        session_factory, provides=g.Session, scope=Scope.REQUEST, lifetime=Lifetime.SCOPED
    )
    container.compile()
    return container


class Diwire(Adapter):
    name = "diwire"
    lock_mode: LockChoice = "auto"  # diwire's default

    def w1(self) -> Op:
        container = _compiled(self.lock_mode, singletons=(g.Config,))
        container.resolve(g.Config)
        resolve = container.resolve
        return lambda: resolve(g.Config)

    def w2(self) -> Op:
        resolve = _compiled(self.lock_mode, transients=g.W2_CLASSES).resolve
        return lambda: resolve(g.TreeRoot)

    def w3(self) -> Op:
        resolve = _compiled(
            self.lock_mode, singletons=g.W3_SINGLETONS, transients=g.W3_TRANSIENTS
        ).resolve
        return lambda: resolve(g.MixedRoot)

    def w4(self) -> Op:
        container = _request_container(self.lock_mode, g.session_resource)

        def request() -> g.Handler:
            with container.enter_scope(Scope.REQUEST) as scope:
                handler: g.Handler = scope.resolve(g.Handler)
            return handler

        return request

    def w5(self) -> AsyncOp:
        container = _request_container(self.lock_mode, g.async_session_resource)

        async def request() -> g.Handler:
            async with container.enter_scope(Scope.REQUEST) as scope:
                handler: g.Handler = await scope.aresolve(g.Handler)
            return handler

        return request

    def w6(self) -> Op:
        def cold_start() -> object:
            return _compiled(self.lock_mode, singletons=tuple(wide.NODES)).resolve(wide.ROOT)

        return cold_start

    def w7(self) -> Op:
        container = _container(self.lock_mode, use_resolver_context=True)
        _add(container, Lifetime.SCOPED, g.Env)
        _add(container, Lifetime.TRANSIENT, g.Mailer, g.Clock)
        container.compile()

        @resolver_context.inject
        def handler(
            env: Injected[g.Env], mailer: Injected[g.Mailer], clock: Injected[g.Clock]
        ) -> Any:
            return g.handle(env, mailer, clock)

        return handler


ADAPTER = Diwire()
