"""Lifetime wrappers: how a plan's call becomes its getter (cache slot, scope lookup, owner).

Plain classes and factories get one compiled straight-line function (``shapes``); resources,
custom scopes and the async path of awaitables use the closures below.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from .._errors import ScopeError, ScopeLeakWarning
from .._graph import SINGLETON, TRANSIENT, Kind, Step, is_scoped, scope_leak
from .async_shapes import AsyncArg, astraight
from .keys import graph_key
from .plans import Getter, Plan, failing
from .scopes import Cleanup, once, open_cm, open_gen
from .shapes import Arg as StraightArg
from .shapes import straight
from .stores import Stores

__all__ = ["async_getter", "check_leaks", "lifetime_getter", "straight_getter"]


def straight_getter(
    stores: Stores, plan: Plan, fn: Any, line: list[StraightArg], translate: Any
) -> Getter | None:
    """One compiled function for the lifetime check and the call (None: use the wrappers)."""
    lifetime, rk = plan.lifetime, plan.rk
    kind = plan.binding.kind
    if lifetime == TRANSIENT and not kind.is_resource:
        return plan.make
    if lifetime == SINGLETON and not kind.is_resource:
        return straight(
            "singleton", fn, line, translate, store=stores.singletons, lock=stores.lock, rk=rk
        )
    if not stores.is_block_scope(lifetime):
        return None  # transient and singleton resources keep their owner wrappers
    resource = kind.is_resource
    return straight(
        "scoped_resource" if resource else "scoped",
        fn,
        line,
        translate,
        store=stores.singletons,
        rk=rk,
        current=stores.scope_var.get,
        ambient=stores.ambient_state,
        name=lifetime,
        enter=(open_gen if kind is Kind.GENERATOR else open_cm) if resource else None,
        label=plan.label,
    )


def async_getter(
    stores: Stores, plan: Plan, fn: Any, aline: list[AsyncArg], translate: Any
) -> Callable[[], Any]:
    """The async getter: compiled straight-line, or an awaitable's once-only singleton."""
    lifetime, kind, rk = plan.lifetime, plan.binding.kind, plan.rk
    if kind is Kind.AWAITABLE:  # a bound coroutine: an async singleton, awaited once
        return _await_once(stores, rk, plan.binding.obj)
    custom = stores.custom_scopes.get(lifetime)
    if lifetime in (TRANSIENT, SINGLETON):
        mode = lifetime
    elif stores.is_block_scope(lifetime):
        mode = "scoped"
    else:
        mode = "transient"  # a fresh value, cached by the 0.5 Scope object below
    build = astraight(
        mode,
        kind.value,
        fn,
        aline,
        translate,
        store=stores.singletons,
        rk=rk,
        current=stores.scope_var.get,
        ambient=stores.ambient_state,
        name=lifetime,
        label=plan.label,
        pending=stores.async_pending,
        container_owner=stores.owner,
        transient_owner=stores.transient_owner,
    )
    if custom is not None:
        return lambda: custom.aget(rk, build)
    if mode == "transient" and lifetime != TRANSIENT:
        return failing(lambda: ScopeError(f"Unknown scope: {lifetime}"))
    return build


def _await_once(stores: Stores, rk: Any, awaitable: Any) -> Callable[[], Any]:
    store, pending = stores.singletons, stores.async_pending

    async def await_it() -> Any:
        return await awaitable

    async def asingleton() -> Any:
        if rk in store:
            return store[rk]
        return await once(pending, store, rk, await_it)

    return asingleton


def _with_owner(plan: Plan, make: Getter) -> Callable[[Cleanup], Any]:
    kind, label = plan.binding.kind, plan.label
    if kind is Kind.GENERATOR:
        return lambda owner: owner.enter_gen(make(), label)
    if kind is Kind.CONTEXT_MANAGER:
        return lambda owner: owner.enter(make(), label)
    return lambda owner: make()


def lifetime_getter(stores: Stores, plan: Plan, make: Getter) -> Getter:
    """Wrap ``make`` in the plan's lifetime where no compiled shape serves it."""
    rk, lifetime = plan.rk, plan.lifetime
    resource = plan.binding.kind.is_resource
    with_owner = _with_owner(plan, make)
    if lifetime == TRANSIENT:
        if not resource:
            return make
        owner_of = stores.transient_owner
        return lambda: with_owner(owner_of())
    if lifetime == SINGLETON:
        return _singleton(stores, rk, _tagged(stores, plan, make) if resource else make)
    custom = stores.custom_scopes.get(lifetime)
    if custom is not None:  # a 0.5 Scope object caches the value
        owner = stores.owner
        return lambda: custom.get(rk, lambda: with_owner(owner) if resource else make())
    return failing(lambda: ScopeError(f"Unknown scope: {lifetime}"))


def _singleton(stores: Stores, rk: Any, build: Getter) -> Getter:
    store, lock = stores.singletons, stores.lock

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


def _tagged(stores: Stores, plan: Plan, make: Getter) -> Getter:
    """A singleton resource, registered with the container's owner under its key."""
    owner, label, rk = stores.owner, plan.label, plan.rk
    enter = owner.enter_gen if plan.binding.kind is Kind.GENERATOR else owner.enter

    def build() -> Any:
        return enter(make(), label, rk)

    return build


def check_leaks(stores: Stores, plan: Plan) -> None:
    """Warn (or raise under strict_scopes) when a singleton captures a scoped instance."""
    if plan.lifetime != SINGLETON:
        return
    leak = _find_leak(plan, [])
    if leak is None:
        return
    path, lifetime = leak
    problem = scope_leak(graph_key(plan.rk), path[-1].key, lifetime, path)
    if stores.strict:
        raise problem.to_exception()
    warnings.warn(problem.render(), ScopeLeakWarning, stacklevel=4)


def _find_leak(plan: Plan, path: list[Step]) -> tuple[list[Step], str] | None:
    """The path to the first scoped dependency reached through transients, and its scope."""
    for arg in plan.args:
        dep = arg.plan
        if arg.mode != "dep" or dep is None:
            continue
        step = plan.step(arg)
        if is_scoped(dep.lifetime):
            return [*path, step], dep.lifetime
        if dep.lifetime == TRANSIENT:
            found = _find_leak(dep, [*path, step])
            if found:
                return found
    return None
