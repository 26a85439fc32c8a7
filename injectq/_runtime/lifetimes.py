"""Lifetime wrappers: how a plan's call becomes its getter (cache slot, scope lookup, owner).

Plain classes and factories get one compiled straight-line function (``shapes``); resources,
custom scopes and the async path of awaitables use the closures below.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from .._errors import PathStep, ScopeError, ScopeLeakWarning
from .._graph import SINGLETON, TRANSIENT, Kind, is_scoped
from .async_shapes import AsyncArg, astraight
from .keys import show
from .plans import Getter, Plan, failing
from .scopes import Cleanup, ScopeState, once, open_cm, open_gen
from .shapes import Arg as StraightArg
from .shapes import straight
from .state import ContainerState

__all__ = ["Lifetimes"]


class Lifetimes(ContainerState):
    """Mixin of the container turning plans into getters."""

    def _straight_getter(
        self, plan: Plan, fn: Any, line: list[StraightArg], translate: Any
    ) -> Getter | None:
        """One compiled function for the lifetime check and the call (None: use wrappers)."""
        lifetime, rk = plan.lifetime, plan.rk
        kind = plan.binding.kind
        if kind.is_resource:
            if lifetime not in self._scope_names or self._custom_scopes.get(lifetime) is not None:
                return None  # transient and singleton resources keep their owner wrappers
            enter = open_gen if kind is Kind.GENERATOR else open_cm
            return straight(
                "scoped_resource",
                fn,
                line,
                translate,
                store=self._singletons,
                rk=rk,
                current=self._scope_var.get,
                ambient=self._ambient_state,
                name=lifetime,
                enter=enter,
                label=plan.label,
            )
        if lifetime == TRANSIENT:
            return plan.make
        if lifetime == SINGLETON:
            return straight(
                "singleton", fn, line, translate, store=self._singletons, lock=self._lock, rk=rk
            )
        if lifetime not in self._scope_names or self._custom_scopes.get(lifetime) is not None:
            return None
        return straight(
            "scoped",
            fn,
            line,
            translate,
            store=self._singletons,
            rk=rk,
            current=self._scope_var.get,
            ambient=self._ambient_state,
            name=lifetime,
        )

    def _async_getter(
        self, plan: Plan, fn: Any, aline: list[AsyncArg], translate: Any
    ) -> Callable[[], Any]:
        """The async getter: compiled straight-line, or an awaitable's once-only singleton."""
        lifetime, kind, rk = plan.lifetime, plan.binding.kind, plan.rk
        if kind is Kind.AWAITABLE:  # a bound coroutine: an async singleton, awaited once
            awaitable, store, pending = plan.binding.obj, self._singletons, self._apending

            async def await_it() -> Any:
                return await awaitable

            async def asingleton() -> Any:
                if rk in store:
                    return store[rk]
                return await once(pending, store, rk, await_it)

            return asingleton
        custom = self._custom_scopes.get(lifetime)
        if lifetime in (TRANSIENT, SINGLETON):
            mode = lifetime
        elif lifetime in self._scope_names and custom is None:
            mode = "scoped"
        else:
            mode = "transient"  # a fresh value, cached by the 0.5 Scope object below
        build = astraight(
            mode,
            kind.value,
            fn,
            aline,
            translate,
            store=self._singletons,
            rk=rk,
            current=self._scope_var.get,
            ambient=self._ambient_state,
            name=lifetime,
            label=plan.label,
            pending=self._apending,
            container_owner=self._owner,
            transient_owner=self._transient_owner,
        )
        if custom is not None:
            return lambda: custom.aget(rk, build)
        if mode == "transient" and lifetime != TRANSIENT:
            return failing(lambda: ScopeError(f"Unknown scope: {lifetime}"))
        return build

    def _resource_make(self, plan: Plan, make: Getter) -> Callable[[Cleanup], Any]:
        kind, label = plan.binding.kind, plan.label
        if kind is Kind.GENERATOR:
            return lambda owner: owner.enter_gen(make(), label)
        if kind is Kind.CONTEXT_MANAGER:
            return lambda owner: owner.enter(make(), label)
        return lambda owner: make()

    def _lifetime(self, plan: Plan, make: Getter) -> Getter:
        """Wrap ``make`` in the plan's lifetime: cache slot, scope lookup or nothing."""
        rk, lifetime = plan.rk, plan.lifetime
        resource = plan.binding.kind.is_resource
        with_owner = self._resource_make(plan, make)
        if lifetime == TRANSIENT:
            if not resource:
                return make
            owner_of = self._transient_owner
            return lambda: with_owner(owner_of())
        if lifetime == SINGLETON:
            store, lock = self._singletons, self._lock
            build = self._tagged(rk, make, plan) if resource else make

            def singleton() -> Any:
                if rk in store:
                    return store[rk]
                with lock:
                    if rk in store:
                        return store[rk]
                    value = build()
                    store[rk] = value
                    return value

            return singleton
        return self._scoped(plan, make, with_owner, resource)

    def _tagged(self, rk: Any, make: Getter, plan: Plan) -> Getter:
        owner, label = self._owner, plan.label
        enter = owner.enter_gen if plan.binding.kind is Kind.GENERATOR else owner.enter

        def build() -> Any:
            return enter(make(), label, rk)

        return build

    def _scoped(
        self, plan: Plan, make: Getter, with_owner: Callable[[Cleanup], Any], resource: bool
    ) -> Getter:
        """Scopes the compiled getters do not serve: 0.5 ``Scope`` objects and unknown names."""
        rk, name = plan.rk, plan.lifetime
        custom = self._custom_scopes.get(name)
        if custom is not None:
            return lambda: custom.get(rk, lambda: with_owner(self._owner) if resource else make())
        return failing(lambda: ScopeError(f"Unknown scope: {name}"))

    # -- scopes ---------------------------------------------------------------------------------
    def _transient_owner(self) -> Cleanup:
        return self._scope_var.get() or self._owner

    def _ambient_state(self, name: str, rk: Any) -> ScopeState:
        if self._strict_scopes:
            error = ScopeError(
                f"{show(rk)} is {name}-scoped but no '{name}' scope is active; "
                f"wrap the call in 'with container.scope({name!r}):'"
            )
            error.failed_key = rk
            raise error
        stores = self._ambient_var.get()
        if stores is None:
            stores = {}
            self._ambient_var.set(stores)
        state = stores.get(name)
        if state is None:
            state = stores[name] = ScopeState(name, f"ambient '{name}' scope")
        return state

    def _check_leaks(self, plan: Plan) -> None:
        """Warn (or raise under strict_scopes) when a singleton captures a scoped instance."""
        if plan.lifetime != SINGLETON:
            return
        leak = _find_leak(plan, [])
        if leak is None:
            return
        message = (
            f"singleton {show(plan.rk)} depends on {leak[-1].key}, which is scoped: the "
            "singleton keeps the first scope's instance forever"
        )
        if self._strict_scopes:
            raise ScopeError(message).with_path(leak)
        warnings.warn(message, ScopeLeakWarning, stacklevel=4)


def _find_leak(plan: Plan, path: list[PathStep]) -> list[PathStep] | None:
    for arg in plan.args:
        dep = arg.plan
        if arg.mode != "dep" or dep is None:
            continue
        step = plan.step(arg)
        if is_scoped(dep.lifetime):
            return [*path, step]
        if dep.lifetime == TRANSIENT:
            found = _find_leak(dep, [*path, step])
            if found:
                return found
    return None
