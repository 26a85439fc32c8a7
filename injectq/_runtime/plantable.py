"""The plan table of a container: plans and getters by runtime key, and what invalidates them.

A key's plan comes from the table, else from the :class:`PlanSource` (a generated module), else
it is compiled. Compiling (reading bindings, building getters, explaining failures) lives in
:mod:`injectq._runtime.compiler`, imported the first time a key needs it: a generated container
whose module supplies every plan never loads it.
"""

from __future__ import annotations

from .._errors import CleanupError
from .keys import live

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    import weakref
    from typing import Any

    from .._errors import InjectQError
    from .compiler import Compiler
    from .container import InjectQ
    from .locks import ForkSafeLock
    from .plans import Getter, Plan, PlanSource
    from .registry import Registry
    from .resolvers import ArgLine
    from .stores import Stores

__all__ = ["PlanTable"]


class PlanTable:
    """Plans and getters by runtime key, and the reverse edges that invalidate them."""

    __slots__ = (
        "__weakref__",
        "_compiler",
        "_container",
        "dependents",
        "getters",
        "lock",
        "plans",
        "registry",
        "source",
        "stores",
    )

    def __init__(
        self,
        container: weakref.ref[InjectQ],
        registry: Registry,
        stores: Stores,
        lock: ForkSafeLock,
    ) -> None:
        self._container = container  # weak: a dropped container is freed without the GC
        self.registry = registry
        self.stores = stores
        self.plans: dict[Any, Plan] = {}
        self.getters: dict[Any, Getter] = {}  # the sync getter of every compiled key
        self.dependents: dict[Any, set[Any]] = {}  # key -> keys whose plans used it
        self.lock = lock  # shared with the registry
        self.source: PlanSource | None = None
        self._compiler: Compiler | None = None

    @property
    def container(self) -> InjectQ:
        """The container this table serves (what a parameter typed as the container gets)."""
        return live(self._container)

    @property
    def compiler(self) -> Compiler:
        """The compiler working on this table, created (and its module imported) on first use."""
        compiler = self._compiler
        if compiler is None:
            from .compiler import Compiler

            compiler = self._compiler = Compiler(self)
        return compiler

    # -- plans ----------------------------------------------------------------------------------
    def plan(self, rk: Any) -> Plan:
        """The plan of ``rk``: cached, from the plan source, or compiled now."""
        plan = self.plans.get(rk)
        if plan is not None:
            return plan
        source = self.source
        if source is not None:
            plan = source.plan(rk, deep=False)
            if plan is not None:
                return plan
        compiler = self.compiler
        with self.lock:
            return compiler.compile(rk)

    def deep_plan(self, rk: Any) -> Plan:
        """The plan of ``rk`` with its arguments and dependency closure (for overrides)."""
        source = self.source
        if source is not None:
            plan = source.plan(rk, deep=True)
            if plan is not None:
                return plan
        return self.plan(rk)

    def adopt(self, plan: Plan) -> Plan:
        """Build the getters of a plan made elsewhere and serve it (a generated key re-planned
        around a key bound again at runtime)."""
        return self.compiler.adopt(plan)

    def sync_of_async(self, plan: Plan, fail: Getter, line: list[ArgLine] | None = None) -> Getter:
        """The sync getter of an async plan (see :meth:`Compiler.sync_of_async`)."""
        return self.compiler.sync_of_async(plan, fail, line)

    # -- error paths ----------------------------------------------------------------------------
    def too_deep(self, rk: Any) -> InjectQError | None:
        """The error for ``rk`` when resolving it exceeded Python's recursion limit (None: the
        chain below ``rk`` is short, so the recursion is not the container's)."""
        return self.compiler.too_deep(rk)

    def explain(self, rk: Any, error: InjectQError) -> InjectQError:
        """Attach to ``error`` the path from ``rk`` to the key that failed (and log it once)."""
        return self.compiler.explain(rk, error)

    # -- invalidation ---------------------------------------------------------------------------
    def invalidate(self, rk: Any) -> None:
        """Forget the plans and singletons that depend on ``rk``, transitively."""
        singletons, owner = self.stores.singletons, self.stores.owner
        with self.lock:
            self.container._new_token()  # compiled @inject calls re-check their getters
            todo, seen = [rk], set()
            released: list[Any] = []
            while todo:
                key = todo.pop()
                if key in seen:
                    continue
                seen.add(key)
                self.plans.pop(key, None)
                self.getters.pop(key, None)
                if key in singletons:
                    del singletons[key]
                    released.append(key)
                todo.extend(self.dependents.pop(key, ()))
        errors: list[BaseException] = []
        for key in released:  # every dependant is forgotten first: a failing teardown stops none
            try:
                owner.release(key)
            except Exception as error:
                errors.append(error)
        if errors:
            raise (
                errors[0]
                if len(errors) == 1
                else CleanupError("teardowns of re-bound singletons failed", errors)
            )

    def invalidate_all(self) -> None:
        """Forget every plan, getter and singleton (the registrations stay)."""
        with self.lock:
            self.container._new_token()  # compiled @inject calls re-check their getters
            self.plans.clear()
            self.getters.clear()
            self.dependents.clear()
            self.stores.singletons.clear()
