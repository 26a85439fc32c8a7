"""Generated mode after wiring: ``bind()`` of a declared key, and ``install()`` of modules.

A declared key bound again at runtime is *rebound*: the runtime compiles it from the registry, as
it would any binding. Every generated key that depends on it, directly or through other generated
keys, is *re-planned*: its plan is rebuilt from what ``wire()`` said about it (implementation,
arguments, lifetime), so no reflection, with the runtime's getters, which resolve the rebound key
through the container instead of the generated function that inlined the old one. This is what an
override does for the duration of a block, made permanent.

A module the generator read is already wired: installing it is a no-op. Any other module (a test
module of fakes) applies its bindings through ``bind()``, with the rules above.
"""

from __future__ import annotations

from .plans import Plan

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from typing import Any

    from .._graph.model import Binding
    from .generated import GeneratedPlans

__all__ = ["Rebinds"]


class Rebinds:
    """The declared keys bound again after wiring, and the generated keys re-planned for them."""

    __slots__ = ("modules", "plans", "rebound", "replanned", "users")

    def __init__(self, plans: GeneratedPlans) -> None:
        self.plans = plans
        self.rebound: set[Any] = set()  # compiled by the runtime from the registry
        self.replanned: set[Any] = set()  # rebuilt from their specs around a rebound key
        self.users: dict[Any, set[Any]] | None = None  # generated key -> generated keys using it
        self.modules: tuple[str, ...] = ()  # "package.module:Name" of every module it read

    # -- bind() ---------------------------------------------------------------------------------
    def same(self, rk: Any, binding: Binding) -> bool:
        """Whether ``binding`` says what the generated one says (a class decorator re-declaring
        its class, say): then registering it changes nothing."""
        spec = self.plans.specs.get(rk)
        if spec is None or rk in self.rebound or spec.impl is None:
            return False
        return binding.obj is spec.impl and binding.lifetime == spec.lifetime

    def rebind(self, rk: Any) -> None:
        """``rk`` is about to be registered anew: stop serving it, and what uses it, from the
        generated functions. The registry then stores the binding and invalidates ``rk``."""
        plans = self.plans
        plan_table = plans.container._table
        with plan_table.lock:
            plans.register_all()  # name matching and has() see every declared key
            self.rebound.add(rk)
            self.replanned.discard(rk)
            self.replan_users(rk, include=True)

    def replan_users(self, rk: Any, *, include: bool = False) -> None:
        """Re-plan every generated key using ``rk``, transitively, and forget what was built
        (with ``rk`` itself when ``include``). An input set again does this: the generated
        functions read the first value directly."""
        from .._graph.model import Kind  # registration and plans only

        plans = self.plans
        plan_table = plans.container._table
        with plan_table.lock:
            todo, changed = [rk], [rk] if include else []
            while todo:
                for user in self._users().get(todo.pop(), ()):
                    if user in self.replanned or user in self.rebound:
                        continue
                    if plans.specs[user].kind == Kind.INSTANCE.value:
                        continue  # an instance expression has no constructor to call again
                    self.replanned.add(user)
                    todo.append(user)
                    changed.append(user)
            for key in changed:
                plans.deep.discard(key)
                plan_table.invalidate(key)

    def _users(self) -> dict[Any, set[Any]]:
        users = self.users
        if users is None:
            users = self.users = {}
            for rk in self.plans.specs:
                for dep in self.plans.dependencies(rk, handles=True):
                    users.setdefault(dep, set()).add(rk)
        return users

    def replan(self, rk: Any) -> Plan:
        """The plan of a re-planned key: its spec's arguments, the runtime's getters."""
        plans = self.plans
        plan_table = plans.container._table
        plan = plan_table.plans.get(rk)
        if plan is not None:
            return plan
        with plan_table.lock:
            plan = plan_table.plans.get(rk)
            if plan is None:
                spec = plans.specs[rk]
                args = [plans.arg(p, k, q, pos, set()) for p, k, q, pos in spec.args]
                plan = plan_table.adopt(Plan(rk, plans.binding_of(rk), args))
        return plan

    # -- install() ------------------------------------------------------------------------------
    def was_read(self, module: Any) -> bool:
        """Whether the generator read ``module`` (an instance of a configured class, or the
        configured object itself)."""
        import importlib  # a module the generator read is installed again

        for spec in self.modules:
            module_name, _, attr = spec.partition(":")
            try:
                configured = getattr(importlib.import_module(module_name), attr)
            except (ImportError, AttributeError):
                continue
            if configured is module or type(module) is configured:
                return True
        return False
