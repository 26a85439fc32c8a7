"""Lifetimes: which resolver shape serves a plan, and the scope-leak check of singletons.

Every getter is a compiled shape (:mod:`injectq._runtime.resolvers`); this module only decides
the shape's mode from the plan's lifetime and the container's scopes, and hands it the names it
reads (stores, owners, the scope lookup).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .._errors import ScopeError, ScopeLeakWarning
from .._graph import SINGLETON, TRANSIENT, is_scoped, scope_leak
from .introspect import user_stacklevel
from .keys import graph_key
from .plans import Arg, Plan, failing
from .resolvers import ArgLine, resolver
from .stores import Stores

if TYPE_CHECKING:
    from .plans import Getter

__all__ = ["async_getter", "check_leaks", "sync_getter"]


def _env(stores: Stores, plan: Plan, **extra: Any) -> dict[str, Any]:
    """The names a resolver of ``plan`` may read (see :mod:`injectq._runtime.shapes`)."""
    return {
        "store": stores.singletons,
        "lock": stores.key_lock,
        "drop": stores.key_locks.pop,
        "rk": plan.rk,
        "current": stores.scope_var.get,
        "ambient": stores.ambient_state,
        "name": plan.lifetime,
        "label": plan.label,
        "pending": stores.async_pending,
        "container_owner": stores.owner,
        "transient_owner": stores.transient_owner,
        **extra,
    }


def sync_getter(stores: Stores, plan: Plan, line: list[ArgLine]) -> Getter:
    """The synchronous getter of a plan whose subtree awaits nothing."""
    lifetime, kind = plan.lifetime, plan.binding.kind
    custom = stores.custom_scopes.get(lifetime)
    extra: dict[str, Any] = {}
    if lifetime in (TRANSIENT, SINGLETON):
        mode = lifetime
    elif stores.is_block_scope(lifetime):
        mode = "scoped_resource" if kind.is_resource else "scoped"
    elif custom is not None:  # a 0.5 Scope object caches the value
        mode = "custom"
        extra["custom"] = custom
    else:
        return failing(lambda: ScopeError(f"Unknown scope: {lifetime}"))
    env = _env(stores, plan, **extra)
    return resolver(False, mode, kind.value, plan.binding.obj, line, env)


def async_getter(stores: Stores, plan: Plan, line: list[ArgLine]) -> Callable[[], Any]:
    """The async getter, awaiting only the arguments whose subtree is async."""
    lifetime, kind, rk = plan.lifetime, plan.binding.kind, plan.rk
    custom = stores.custom_scopes.get(lifetime)
    if lifetime in (TRANSIENT, SINGLETON):
        mode = lifetime
    elif stores.is_block_scope(lifetime):
        mode = "scoped"
    elif custom is not None:
        mode = "transient"  # a fresh value, cached by the 0.5 Scope object below
    else:
        return failing(lambda: ScopeError(f"Unknown scope: {lifetime}"))
    build = resolver(True, mode, kind.value, plan.binding.obj, line, _env(stores, plan))
    if custom is not None:
        return lambda: custom.aget(rk, build)
    return build


def check_leaks(stores: Stores, plan: Plan) -> None:
    """Warn (or raise under strict_scopes) when a singleton captures a scoped instance."""
    if plan.lifetime != SINGLETON:
        return
    leak = _find_leak(plan)
    if leak is None:
        return
    edges, lifetime = leak
    path = [owner.step(arg) for owner, arg in edges]
    problem = scope_leak(graph_key(plan.rk), path[-1].key, lifetime, path)
    if stores.strict:
        raise problem.to_exception()
    warnings.warn(problem.render(), ScopeLeakWarning, stacklevel=user_stacklevel())


def _find_leak(plan: Plan) -> tuple[list[tuple[Plan, Arg]], str] | None:
    """The edges to the first scoped dependency reached through transients, and its scope."""
    for arg in plan.args:
        dep = arg.plan
        if arg.mode != "dep" or dep is None:
            continue
        if is_scoped(dep.lifetime):
            return [(plan, arg)], dep.lifetime
        if dep.lifetime == TRANSIENT:
            found = _find_leak(dep)
            if found:
                return [(plan, arg), *found[0]], found[1]
    return None
