"""Compiling keys into plans: lookup, cycle detection and lifetime wrappers.

Everything here runs once per key (under the compile lock); the closures it returns are what
``get`` calls afterwards.
"""

from __future__ import annotations

import inspect
from typing import Any

from .._declare.markers import Lazy
from .._errors import (
    CircularDependencyError,
    DependencyNotFoundError,
    InjectionError,
    InjectQError,
    PathStep,
)
from .._graph import SINGLETON, TRANSIENT, Binding, Kind, Param
from .async_shapes import AsyncArg, same_scope
from .introspect import BUILTINS, location_of, params_of
from .keys import NamedKey, graph_key, is_container_type, runtime_key, short_name, show, split
from .lifetimes import Lifetimes
from .plans import Arg, Getter, Plan, failing, translator
from .scopes import MISSING
from .shapes import Arg as StraightArg
from .shapes import straight

__all__ = ["BUILTIN_SCOPES", "Compiler"]

BUILTIN_SCOPES = ("request", "action")


class Compiler(Lifetimes):
    """Mixin of the container holding plan compilation. State lives on the container."""

    # -- lookup ---------------------------------------------------------------------------------
    def _registered(self, rk: Any) -> Binding | None:
        return self._factories.get(rk) or self._bindings.get(rk)

    def _auto_binding(self, rk: Any) -> Binding | None:
        """0.5's auto-resolution: a concrete class with its own ``__init__`` is built transient."""
        if type(rk) is NamedKey or not isinstance(rk, type) or rk in BUILTINS:
            return None
        if is_container_type(rk) or "__init__" not in vars(rk) or inspect.isabstract(rk):
            return None  # 0.5 builds only concrete classes that define __init__ themselves
        return Binding(
            graph_key(rk), Kind.CLASS, TRANSIENT, (), short_name(rk), location_of(rk), obj=rk
        )

    # -- compile --------------------------------------------------------------------------------
    def _plan(self, rk: Any) -> Plan:
        plan = self._plans.get(rk)
        if plan is not None:
            return plan
        with self._compile_lock:
            return self._compile(rk, (), [])

    def _compile(self, rk: Any, chain: tuple[Any, ...], path: list[PathStep]) -> Plan:
        plan = self._plans.get(rk)
        if plan is not None:
            return plan
        if rk in chain:
            cycle = [*chain[chain.index(rk) :], rk]
            raise CircularDependencyError(cycle).with_path(path)
        binding = self._registered(rk) or self._auto_binding(rk)
        if binding is None:
            raise DependencyNotFoundError(rk, _abstract_hint(rk)).with_path(path)
        binding = self._analyzed(rk, binding)
        if binding.abstract:
            from .._errors import BindingError

            raise BindingError(
                f"Cannot instantiate abstract class {binding.target} bound to {show(rk)}"
            ).with_path(path)
        inner = (*chain, rk)
        args = [self._arg(rk, binding, p, inner, path) for p in binding.params]
        plan = Plan(rk, binding, args)
        self._build(plan, path)
        self._check_leaks(plan)
        self._plans[rk] = plan
        for arg in args:
            if arg.rk is not None:
                self._dependents.setdefault(arg.rk, set()).add(rk)
            by_name = arg.param.name
            if not arg.param.explicit:
                self._dependents.setdefault(by_name, set()).add(rk)
        if not plan.is_async:
            self._getters[rk] = plan.get
        return plan

    def _analyzed(self, rk: Any, binding: Binding) -> Binding:
        if binding.params or binding.kind in (Kind.INSTANCE, Kind.AWAITABLE):
            return binding
        analyzed = binding.with_params(params_of(binding.obj))
        table = self._factories if binding.factory_table else self._bindings
        if table.get(rk) is binding:
            table[rk] = analyzed
        return analyzed

    def _arg(
        self, owner: Any, binding: Binding, p: Param, chain: tuple[Any, ...], path: list[PathStep]
    ) -> Arg:
        if not p.explicit and (p.name in self._factories or p.name in self._bindings):
            dep = self._compile(p.name, chain, [*path, _edge(binding, p, p.name)])
            return Arg(p, "dep", p.name, dep)
        key = p.annotation
        if p.key is None or key is None:
            return Arg(p, "default" if p.has_default else "untyped", None, None)
        if is_container_type(key):
            return Arg(p, "container", None, None)
        rk = runtime_key(key, p.key.name)
        if p.lazy:
            return Arg(p, "lazy", rk, None)
        step = _edge(binding, p, rk)
        try:
            dep = self._compile(rk, chain, [*path, step])
        except DependencyNotFoundError as error:
            if p.has_default:
                return Arg(p, "default", rk, None)
            if error.dependency_type is not rk:
                raise
            return Arg(p, "missing", rk, None)
        return Arg(p, "dep", rk, dep)

    # -- closures -------------------------------------------------------------------------------
    def _arg_getter(self, plan: Plan, arg: Arg) -> Getter | None:
        if arg.mode == "dep":
            assert arg.plan is not None
            return arg.plan.get
        if arg.mode == "container":
            return lambda: self
        if arg.mode == "lazy":
            key, name = split(arg.rk)
            get = self.get
            return lambda: Lazy(lambda: get(key, name))
        if arg.mode == "missing":
            step, rk, owner = plan.step(arg), arg.rk, plan.rk
            return failing(lambda: _missing(rk, step, owner))
        return None  # default or untyped: let Python apply the default / fail the call

    def _build(self, plan: Plan, path: list[PathStep]) -> None:
        binding = plan.binding
        line: list[StraightArg] = []
        aline: list[AsyncArg] = []
        by_keyword = False  # after a skipped default or a keyword-only parameter
        for arg in plan.args:
            getter = self._arg_getter(plan, arg)
            if getter is None:
                by_keyword = True  # a default applies: later arguments go by keyword
                continue
            agetter = arg.plan.aget if arg.plan is not None and arg.plan.is_async else None
            dep = arg.plan
            cached = (
                arg.rk
                if dep is not None
                and dep.lifetime == SINGLETON
                and not (dep.is_async or dep.binding.kind is Kind.AWAITABLE)
                else MISSING
            )
            acached = cached
            if (
                cached is MISSING
                and dep is not None
                and not dep.is_async
                and dep.lifetime == plan.lifetime
                and dep.lifetime in self._scope_names
            ):
                cached = same_scope(arg.rk)  # built with the block in hand (sync getters only)
            if dep is not None and dep.is_async:
                if dep.lifetime == SINGLETON:
                    acached = arg.rk  # stored in the singleton store once built
                elif dep.lifetime == plan.lifetime and dep.lifetime in self._scope_names:
                    acached = same_scope(arg.rk)  # built earlier in the same block
            by_keyword = by_keyword or not arg.positional
            keyword = arg.name if by_keyword else None
            line.append((keyword, getter, cached))
            aline.append((keyword, getter, agetter, acached))
        fn = binding.obj
        label, rk = plan.label, plan.rk
        translate = translator(fn, label, rk)
        if binding.kind is Kind.INSTANCE:
            value = binding.obj
            make: Getter = lambda: value  # noqa: E731 - a constant
        elif binding.kind is Kind.AWAITABLE:
            make = _needs_async(plan, path)
        else:
            make = straight("transient", fn, line, translate, store=self._singletons)
        plan.make = make
        if plan.is_async:
            plan.aget = self._async_getter(plan, fn, aline, translate)
            plan.get = _needs_async(plan, path)
        elif binding.kind in (Kind.CLASS, Kind.FACTORY, Kind.GENERATOR, Kind.CONTEXT_MANAGER):
            plan.get = self._straight_getter(plan, fn, line, translate) or self._lifetime(
                plan, make
            )
        else:
            plan.get = self._lifetime(plan, make)


def _needs_async(plan: Plan, path: list[PathStep]) -> Getter:
    chain = _async_chain(plan, [])
    where = list(path) + chain

    def error() -> InjectQError:
        leaf = chain[-1].key if chain else show(plan.rk)
        return InjectionError(
            f"{show(plan.rk)} needs the async factory of {leaf}; a synchronous get() cannot await "
            "it: use 'await container.aget(...)' or an async @inject function"
        ).with_path(where)

    return failing(error)


def _async_chain(plan: Plan, path: list[PathStep]) -> list[PathStep]:
    if plan.binding.kind.is_async:
        return [*path, plan.step()]
    for arg in plan.args:
        if arg.plan is not None and arg.plan.is_async:
            return _async_chain(arg.plan, [*path, plan.step(arg)])
    return path


def _missing(rk: Any, step: PathStep, owner: Any) -> DependencyNotFoundError:
    error = DependencyNotFoundError(rk)
    error.failed_step = step
    error.failed_key = owner
    return error


def _edge(binding: Binding, p: Param, rk: Any) -> PathStep:
    owner = binding.target or str(binding.key)
    if binding.kind is Kind.CLASS:
        owner += ".__init__"
    return PathStep(owner, p.name, show(rk), binding.location)


def _abstract_hint(rk: Any) -> str:
    if isinstance(rk, type) and inspect.isabstract(rk):
        return f"\n  hint: {rk.__qualname__} is abstract: bind an implementation"
    return ""
