"""The compiler part of a container: runtime keys compiled into plans and their getters.

Everything here runs once per key (under the compile lock); the getters it produces are what
``get`` calls afterwards, from the container's :class:`~injectq._runtime.plantable.PlanTable`.
A :class:`PlanSource` (a generated module) may supply plans first; the table imports this module
the first time a key needs compiling.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from .._errors import (
    BindingError,
    CircularDependencyError,
    DependencyNotFoundError,
    InjectionError,
    InjectQError,
    input_hint,
    input_not_set,
)
from .._graph import (
    SINGLETON,
    Binding,
    Kind,
    Param,
    Problem,
    Step,
    abstract_binding,
    cycle,
    missing_binding,
)
from .._log import DEBUG, ERROR, log
from .depth import too_deep
from .handles import handle_getter
from .keys import graph_key, is_container_type, runtime_key, show
from .lifetimes import async_getter, check_leaks, sync_getter
from .plans import Arg, Plan, PlanSource, failing
from .registry import Registry, not_auto_built_hint
from .resolvers import ArgLine, same_scope
from .scopes import MISSING

if TYPE_CHECKING:
    from .container import InjectQ
    from .plans import Getter
    from .plantable import PlanTable

__all__ = ["Compiler"]

Edge = tuple[Binding, str, Any]
"""One edge of the path being compiled: (the binding, its parameter, the runtime key needed)."""


class Compiler:
    """Compiles runtime keys into the plans and getters of one :class:`PlanTable`."""

    __slots__ = ("dependents", "getters", "lock", "plans", "registry", "stores", "table")

    def __init__(self, table: PlanTable) -> None:
        self.table = table  # the table owns the dicts; these are the same objects, for speed
        self.registry = table.registry
        self.stores = table.stores
        self.plans = table.plans
        self.getters = table.getters
        self.dependents = table.dependents
        self.lock = table.lock

    @property
    def source(self) -> PlanSource | None:
        """The table's plan source (a generated module), if any."""
        return self.table.source

    @property
    def container(self) -> InjectQ:
        """The container this compiler serves (what a parameter typed as the container gets)."""
        return self.table.container

    def compile(self, rk: Any) -> Plan:
        """Compile the plan of ``rk`` and of the keys it needs (the caller holds the lock)."""
        return self._compile(rk, (), [])

    # -- compiling ------------------------------------------------------------------------------
    def _compile(self, rk: Any, chain: tuple[Any, ...], path: list[Edge]) -> Plan:
        plan = self.plans.get(rk)
        if plan is not None:
            return plan
        if rk in chain:
            raise _cycle([*chain[chain.index(rk) :], rk], path)
        if self.source is not None:  # a generated key: its plan, not a second resolver
            planned = self.source.plan(rk, deep=True)
            if planned is not None:
                return planned
        log("injectq.core", DEBUG, "Resolving service: %s", rk)
        binding = self.registry.lookup(rk)
        if binding is None:
            raise _not_found(rk, path)
        if self.source is not None and _auto_built(self.registry, rk):
            _warn_unseen(rk)
        binding = self.registry.analyzed(rk, binding)
        if binding.abstract:  # only the static reader marks bindings abstract
            problem = abstract_binding(binding.key, binding.target, _steps(path))
            raise _with_problem(BindingError(problem.render()), problem)
        inner = (*chain, rk)
        args = []
        for p in binding.params:  # the recursion stays in this function: one frame per level
            arg, dep_rk, by_name = self._arg(p)
            if arg is None:
                edge = (binding, p.name, dep_rk)
                try:
                    dep = self._compile(dep_rk, inner, [*path, edge])
                except DependencyNotFoundError as error:
                    if by_name:  # a string key of the parameter's name: its misses are real
                        raise
                    arg = _missing_arg(p, dep_rk, error)
                else:
                    arg = Arg(p, "dep", dep_rk, dep)
            args.append(arg)
        plan = Plan(rk, binding, args)
        self._build(plan, path)
        check_leaks(self.stores, plan)
        self.plans[rk] = plan
        self._remember_edges(rk, args)
        if not plan.is_async:
            self.getters[rk] = plan.get
        return plan

    def adopt(self, plan: Plan) -> Plan:
        """Build the getters of a plan made elsewhere and serve it (a generated key re-planned
        around a key bound again at runtime)."""
        with self.lock:
            self._build(plan, [])
            self.plans[plan.rk] = plan
            self._remember_edges(plan.rk, plan.args)
            if not plan.is_async:
                self.getters[plan.rk] = plan.get
        return plan

    def _remember_edges(self, rk: Any, args: list[Arg]) -> None:
        dependents = self.dependents
        for arg in args:
            if arg.rk is not None:
                dependents.setdefault(arg.rk, set()).add(rk)
            if not arg.param.explicit:  # a string key of the same name would take over
                dependents.setdefault(arg.param.name, set()).add(rk)

    def _arg(self, p: Param) -> tuple[Arg | None, Any, bool]:
        """The argument of ``p`` when it needs no compiling, else None and the key to compile
        (and whether that key is the parameter's name)."""
        if not p.explicit and self.registry.has(p.name):
            return None, p.name, True
        key = p.annotation
        if p.key is None or key is None:
            return Arg(p, "default" if p.has_default else "untyped", None, None), None, False
        if is_container_type(key):
            return Arg(p, "container", None, None), None, False
        rk = runtime_key(key, p.key.name)
        if p.lazy:
            return Arg(p, "lazy", rk, None), None, False
        return None, rk, False

    # -- getters --------------------------------------------------------------------------------
    def _arg_getter(self, plan: Plan, arg: Arg) -> Getter | None:
        if arg.mode == "dep":
            assert arg.plan is not None
            return arg.plan.get
        if arg.mode == "container":
            container = self.container
            return lambda: container
        if arg.mode == "lazy":  # Lazy[K] or Current[K]
            return handle_getter(self.container, arg.rk, arg.param.current)
        if arg.mode == "missing":
            step, rk, owner = plan.step(arg), arg.rk, plan.rk
            return failing(lambda: _missing(rk, step, owner))
        return None  # default or untyped: let Python apply the default / fail the call

    def _lines(self, plan: Plan) -> tuple[list[ArgLine], list[ArgLine]]:
        """Per passed argument, what the sync and the async resolver read or call."""
        line: list[ArgLine] = []
        aline: list[ArgLine] = []
        by_keyword = False  # after a skipped default or a keyword-only parameter
        for arg in plan.args:
            getter = self._arg_getter(plan, arg)
            if getter is None:
                by_keyword = True  # a default applies: later arguments go by keyword
                continue
            dep = arg.plan
            agetter = dep.aget if dep is not None and dep.is_async else None
            cached, acached = self._cached(plan, dep, arg.rk)
            by_keyword = by_keyword or not arg.positional
            keyword = arg.name if by_keyword else None
            line.append((keyword, getter, None, cached))
            aline.append((keyword, getter, agetter, acached))
        return line, aline

    def _cached(self, plan: Plan, dep: Plan | None, rk: Any) -> tuple[Any, Any]:
        """Where the sync and the async resolver may read an argument already built."""
        if dep is None:
            return MISSING, MISSING
        same_block = dep.lifetime == plan.lifetime and dep.lifetime in self.stores.scope_names
        if dep.is_async:
            if dep.lifetime == SINGLETON:
                return rk, rk  # stored in the singleton store once built (see sync_of_async)
            return MISSING, same_scope(rk) if same_block else MISSING
        if dep.lifetime == SINGLETON and dep.binding.kind is not Kind.AWAITABLE:
            return rk, rk
        if same_block:
            return same_scope(rk), MISSING  # built with the block in hand (sync getters only)
        return MISSING, MISSING

    def _build(self, plan: Plan, path: list[Edge]) -> None:
        line, aline = self._lines(plan)
        if plan.is_async:
            plan.aget = async_getter(self.stores, plan, aline)
            plan.get = self.sync_of_async(plan, _needs_async(plan, path), line)
        else:
            plan.get = sync_getter(self.stores, plan, line)

    def sync_of_async(self, plan: Plan, fail: Getter, line: list[ArgLine] | None = None) -> Getter:
        """The sync getter of an async plan: when all it awaits is async singletons, it builds
        the plan once they are built (read from the singleton store); otherwise ``fail``."""
        needed: list[Any] = []
        if not _awaits_only_singletons(plan, needed):
            return fail
        build = sync_getter(self.stores, plan, self._lines(plan)[0] if line is None else line)
        singletons = self.stores.singletons

        def get() -> Any:
            for rk in needed:
                if rk not in singletons:
                    return fail()
            return build()

        return get

    # -- error paths ----------------------------------------------------------------------------
    def too_deep(self, rk: Any) -> InjectQError | None:
        """The error for ``rk`` when resolving it exceeded Python's recursion limit (None: the
        chain below ``rk`` is short, so the recursion is not the container's)."""
        return too_deep(rk, self._dependencies)

    def _dependencies(self, rk: Any) -> list[Any]:
        source = self.source
        if source is not None and source.supplies(rk):
            return source.dependencies(rk)
        binding = self.registry.lookup(rk)
        if binding is None:
            return []
        try:
            binding = self.registry.analyzed(rk, binding)
        except InjectQError:
            return []
        return [dep for arg, dep, _ in map(self._arg, binding.params) if arg is None]

    def explain(self, rk: Any, error: InjectQError) -> InjectQError:
        """Attach to ``error`` the path from ``rk`` to the key that failed (and log it once)."""
        if "logging" in sys.modules and not getattr(error, "_logged", False):
            error._logged = True  # type: ignore[attr-defined]  # a nested get explains it again
            level = DEBUG if isinstance(error, DependencyNotFoundError) else ERROR
            log("injectq.core", level, "Failed to resolve %s: %s", show(rk), error)
        if error.path:
            return error
        failed = error.failed_key
        steps = self._path_between(rk, failed) if failed is not None else []
        problem = error.problem
        if problem is None:
            return error.with_path([step.as_path_step() for step in steps])
        if not steps and str(error.args[0]).endswith(problem.detail()):
            return error  # rendered when raised: nothing to add
        # a finding that knows its last edge: complete its path, render it as the validator does
        problem = error.problem = replace(problem, path=(*steps, *problem.path))
        error.path = tuple(problem.path_steps())
        error.args = (f"{error.args[0]}{problem.detail()}", *error.args[1:])
        return error

    def _path_between(self, root: Any, target: Any) -> list[Step]:
        plan = self.plans.get(root)
        if plan is None or root == target:
            return []
        return _search(plan, target, set()) or []


def _missing_arg(p: Param, rk: Any, error: DependencyNotFoundError) -> Arg:
    """The argument of a parameter whose key has no binding (re-raises a deeper miss)."""
    if p.has_default:
        return Arg(p, "default", rk, None)
    if error.dependency_type is not rk:
        raise error
    return Arg(p, "missing", rk, None)


def _search(plan: Plan, target: Any, seen: set[Any]) -> list[Step] | None:
    seen.add(plan.rk)
    for arg in plan.args:
        if arg.plan is None or arg.plan.rk in seen:
            continue
        if arg.plan.rk == target:
            return [plan.step(arg)]
        deeper = _search(arg.plan, target, seen)
        if deeper is not None:
            return [plan.step(arg), *deeper]
    return None


def needs_async(rk: Any, leaf: Callable[[], Any] | None = None) -> Getter:
    """The sync getter of a key whose resolution awaits: it explains what to call instead
    (``leaf()``, when given, finds the async binding it awaits)."""

    def error() -> InjectQError:
        found = None if leaf is None else leaf()
        if found is None:
            return InjectionError(
                f"{show(rk)} needs an async factory; a synchronous get() cannot "
                "await it: use 'await container.aget(...)'"
            )
        return InjectionError(
            f"{show(rk)} needs the async factory of {found}; a synchronous get() cannot await "
            "it: use 'await container.aget(...)' or an async @inject function"
        )

    return failing(error)


def _awaits_only_singletons(plan: Plan, needed: list[Any]) -> bool:
    """Whether ``plan`` is built synchronously from async singletons only (their keys are
    added to ``needed``), however deep through sync constructors."""
    if plan.binding.kind.is_async:
        return False
    for arg in plan.args:
        dep = arg.plan
        if arg.mode != "dep" or dep is None or not dep.is_async:
            continue
        if dep.binding.kind.is_async:
            if dep.lifetime != SINGLETON:
                return False
            needed.append(arg.rk)
        elif not _awaits_only_singletons(dep, needed):
            return False
    return True


def _needs_async(plan: Plan, path: list[Edge]) -> Getter:
    def error() -> InjectQError:
        chain = _async_chain(plan, [])
        where = [step.as_path_step() for step in [*_steps(path), *chain]]
        leaf = str(chain[-1].key) if chain else show(plan.rk)
        return InjectionError(
            f"{show(plan.rk)} needs the async factory of {leaf}; a synchronous get() cannot await "
            "it: use 'await container.aget(...)' or an async @inject function"
        ).with_path(where)

    return failing(error)


def _async_chain(plan: Plan, path: list[Step]) -> list[Step]:
    if plan.binding.kind.is_async:
        return [*path, plan.step()]
    for arg in plan.args:
        if arg.plan is not None and arg.plan.is_async:
            return _async_chain(arg.plan, [*path, plan.step(arg)])
    return path


def _missing(rk: Any, step: Step, owner: Any) -> DependencyNotFoundError:
    """A dependency found missing at compile time, raised when its parent is resolved."""
    name = _input_name(rk, step.param)
    if name is None:
        error = DependencyNotFoundError(rk)
        error.problem = missing_binding(graph_key(rk), (step,), not_auto_built_hint(rk))
    else:
        error = input_not_set(name, "")
        error.problem = missing_binding(graph_key(rk), (step,), input_hint(name))
    error.failed_key = owner  # explain() adds the path from the root to the owner
    return error


def _not_found(rk: Any, path: list[Edge]) -> DependencyNotFoundError:
    name = _input_name(rk, path[-1][1] if path else None)
    if name is None:
        problem = missing_binding(graph_key(rk), _steps(path), not_auto_built_hint(rk))
        return _with_problem(DependencyNotFoundError(rk, problem.detail()), problem)
    problem = missing_binding(graph_key(rk), _steps(path), input_hint(name))
    return _with_problem(input_not_set(name, problem.detail()), problem)


def _input_name(rk: Any, param: str | None) -> str | None:
    """The string key of a value set at startup that ``rk`` stands for: a string key itself,
    or the parameter's name for a builtin-typed parameter (0.5 matches it by name first)."""
    if isinstance(rk, str):
        return rk
    if param is not None and isinstance(rk, type) and rk.__module__ == "builtins":
        return param
    return None


def _cycle(keys: list[Any], path: list[Edge]) -> CircularDependencyError:
    problem = cycle([graph_key(k) for k in keys], _steps(path))
    error = _with_problem(CircularDependencyError(keys), problem)
    error.args = (f"{error.args[0]}{problem.detail()}",)
    return error


E = TypeVar("E", bound=InjectQError)


def _with_problem(error: E, problem: Problem) -> E:
    """``error`` (the runtime's 0.5 class) carrying the validator's finding and its path."""
    error.problem = problem
    error.path = tuple(problem.path_steps())
    return error


def _steps(path: list[Edge]) -> list[Step]:
    """The validator's steps of a compile path (rendered only when a problem is reported)."""
    return [Step.edge(binding, param, graph_key(rk)) for binding, param, rk in path]


def _auto_built(registry: Registry, rk: Any) -> bool:
    """Whether ``rk`` is resolved by 0.5's auto-binding (nothing registered it)."""
    return rk not in registry.bindings and rk not in registry.factories


def _warn_unseen(rk: Any) -> None:
    """A generated container introspects a class the generator never saw: once, with this
    warning naming the class and how to let the generator plan it."""
    warnings.warn(
        f"{show(rk)} was not planned by injectq-gen, so the generated container introspects "
        "it (once): declare it (a class decorator or a module binding), or resolve it with "
        "get()/aget() and a literal key in a scanned package, then regenerate",
        RuntimeWarning,
        stacklevel=_first_outside_injectq(),
    )


def _first_outside_injectq() -> int:
    """The ``stacklevel`` of the first frame outside injectq (the caller's own code)."""
    frame, level = sys._getframe(1), 1  # _warn_unseen: level 1 for warnings.warn
    while frame.f_back is not None and frame.f_globals.get("__name__", "").startswith("injectq"):
        frame, level = frame.f_back, level + 1
    return level
