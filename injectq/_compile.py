"""Compiling keys into plans: lookup, cycle detection and lifetime wrappers.

Everything here runs once per key (under the compile lock); the closures it returns are what
``get`` calls afterwards.
"""

from __future__ import annotations

import inspect
import warnings
from collections.abc import Callable
from typing import Any

from ._errors import (
    CircularDependencyError,
    DependencyNotFoundError,
    InjectionError,
    InjectQError,
    PathStep,
    ScopeError,
)
from ._graph import SINGLETON, TRANSIENT, Binding, Kind, Param, is_scoped
from ._introspect import BUILTINS, location_of, params_of
from ._keys import NamedKey, graph_key, runtime_key, short_name, show, split
from ._markers import Lazy
from ._plans import Arg, Getter, Plan, _wrap, acaller, failing
from ._scopes import MISSING, Cleanup, ScopeState, once
from ._state import ContainerState
from ._straight import Arg as StraightArg
from ._straight import AsyncArg, astraight, same_scope, straight

__all__ = ["BUILTIN_SCOPES", "Compiler"]

BUILTIN_SCOPES = ("request", "action")


class ScopeLeakWarning(UserWarning):
    """A singleton captured a scoped instance (0.5 tolerated this; strict_scopes raises)."""


class Compiler(ContainerState):
    """Mixin of the container holding plan compilation. State lives on the container."""

    # -- lookup ---------------------------------------------------------------------------------
    def _registered(self, rk: Any) -> Binding | None:
        return self._factories.get(rk) or self._bindings.get(rk)

    def _auto_binding(self, rk: Any) -> Binding | None:
        """0.5's auto-resolution: a concrete class with its own ``__init__`` is built transient."""
        if type(rk) is NamedKey or not isinstance(rk, type) or rk in BUILTINS:
            return None
        if rk is self._container_type():
            return None
        if "__init__" not in _own_init_classes(rk) or inspect.isabstract(rk):
            return None
        return Binding(graph_key(rk), Kind.CLASS, TRANSIENT, (), _qual(rk), location_of(rk), obj=rk)

    def _container_type(self) -> type:
        return type(self)

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
            from ._errors import BindingError

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
        from dataclasses import replace

        analyzed = replace(binding, params=params_of(binding.obj))
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
        if key is self._container_type() or (
            isinstance(key, type) and isinstance(self, key) and key.__name__ == "InjectQ"
        ):
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
        pos: list[Getter] = []
        kw: list[tuple[str, Getter]] = []
        apos: list[tuple[Getter, Any]] = []
        akw: list[tuple[str, Getter, Any]] = []
        line: list[StraightArg] = []
        aline: list[AsyncArg] = []
        skipped = False
        for arg in plan.args:
            getter = self._arg_getter(plan, arg)
            if getter is None:
                skipped = True  # a default applies: later arguments go by keyword
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
            if dep is not None and dep.is_async:
                if dep.lifetime == SINGLETON:
                    acached = arg.rk  # stored in the singleton store once built
                elif dep.lifetime == plan.lifetime and dep.lifetime in self._scope_names:
                    acached = same_scope(arg.rk)  # built earlier in the same block
            keyword = None if arg.positional and not kw and not skipped else arg.name
            if keyword is None:
                pos.append(getter)
                apos.append((getter, agetter))
            else:
                kw.append((arg.name, getter))
                akw.append((arg.name, getter, agetter))
            line.append((keyword, getter, cached))
            aline.append((keyword, getter, agetter, acached))
        fn = binding.obj
        label, rk = plan.label, plan.rk
        translate = _wrap(fn, label, rk)
        if binding.kind is Kind.INSTANCE:
            value = binding.obj
            make: Getter = lambda: value  # noqa: E731 - a constant
        elif binding.kind is Kind.AWAITABLE:
            make = _needs_async(plan, path)
        else:
            make = straight("transient", fn, line, translate, store=self._singletons)
        plan.make = make
        if plan.is_async:
            plan.aget = self._async_straight(plan, fn, aline, translate) or self._async_getter(
                plan, fn, apos, akw
            )
            plan.get = _needs_async(plan, path)
        elif binding.kind in (Kind.CLASS, Kind.FACTORY, Kind.GENERATOR, Kind.CONTEXT_MANAGER):
            plan.get = self._straight_getter(plan, fn, line, translate) or self._lifetime(
                plan, make
            )
        else:
            plan.get = self._lifetime(plan, make)

    def _straight_getter(
        self, plan: Plan, fn: Any, line: list[StraightArg], translate: Any
    ) -> Getter | None:
        """One compiled function for the lifetime check and the call (None: use wrappers)."""
        lifetime, rk = plan.lifetime, plan.rk
        kind = plan.binding.kind
        if kind.is_resource:
            if lifetime not in self._scope_names or self._custom_scopes.get(lifetime) is not None:
                return None  # transient and singleton resources keep their owner wrappers
            enter = ScopeState.enter_gen if kind is Kind.GENERATOR else ScopeState.enter
            return straight(
                "scoped_resource",
                fn,
                line,
                translate,
                store=self._singletons,
                lock=self._lock,
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

    def _async_straight(
        self, plan: Plan, fn: Any, aline: list[AsyncArg], translate: Any
    ) -> Callable[[], Any] | None:
        """The compiled async getter (None: custom scopes and awaitables use wrappers)."""
        lifetime, kind = plan.lifetime, plan.binding.kind
        if kind in (Kind.INSTANCE, Kind.AWAITABLE) or self._custom_scopes.get(lifetime):
            return None
        if lifetime in (TRANSIENT, SINGLETON):
            mode = lifetime
        elif lifetime in self._scope_names:
            mode = "scoped"
        else:
            return None
        return astraight(
            mode,
            kind.value,
            fn,
            aline,
            translate,
            store=self._singletons,
            rk=plan.rk,
            current=self._scope_var.get,
            ambient=self._ambient_state,
            name=lifetime,
            label=plan.label,
            pending=self._apending,
            container_owner=self._owner,
            transient_owner=self._transient_owner,
        )

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
        rk, name = plan.rk, plan.lifetime
        custom = self._custom_scopes.get(name)
        if custom is not None:
            return lambda: custom.get(rk, make)
        if name not in self._scope_names:
            return failing(lambda: ScopeError(f"Unknown scope: {name}"))
        current = self._scope_var.get
        ambient = self._ambient_state
        lock = self._lock

        def scoped() -> Any:
            state = current()
            while state is not None and state.name != name:
                state = state.parent
            if state is None:
                state = ambient(name, rk)
            cache = state.cache
            value = cache.get(rk, MISSING)
            if value is not MISSING:
                return value
            if not resource:  # built without awaiting, so racing tasks cannot interleave
                return cache.setdefault(rk, make())
            with lock:  # a resource is opened once even when threads share the block
                value = cache.get(rk, MISSING)
                if value is MISSING:
                    state.check_open()
                    value = cache[rk] = with_owner(state)
                return value

        return scoped

    def _async_getter(
        self,
        plan: Plan,
        fn: Any,
        apos: list[tuple[Getter, Any]],
        akw: list[tuple[str, Getter, Any]],
    ) -> Callable[[], Any]:
        binding, rk = plan.binding, plan.rk
        kind = binding.kind
        if kind is Kind.AWAITABLE:
            awaitable = binding.obj

            async def amake_awaitable(_owner: Cleanup) -> Any:
                return await awaitable

            amake: Callable[[Cleanup], Any] = amake_awaitable
        else:
            acall = acaller(fn, apos, akw, plan.label, rk)

            async def amake_call(owner: Cleanup) -> Any:
                result = acall()
                value = await result
                if kind is Kind.ASYNC_FACTORY:
                    return await _awaited(value, plan.label, rk)
                if kind is Kind.ASYNC_GENERATOR:
                    return await owner.aenter_agen(value, plan.label)
                if kind is Kind.ASYNC_CONTEXT_MANAGER:
                    return await owner.aenter(value, plan.label)
                if kind is Kind.GENERATOR:
                    return owner.enter_gen(value, plan.label)
                if kind is Kind.CONTEXT_MANAGER:
                    return owner.enter(value, plan.label)
                return value

            amake = amake_call
        lifetime = plan.lifetime
        if lifetime == TRANSIENT:
            owner_of = self._transient_owner
            return lambda: amake(owner_of())
        if lifetime == SINGLETON:
            store, pending, owner = self._singletons, self._apending, self._owner

            async def asingleton() -> Any:
                if rk in store:
                    return store[rk]
                return await once(pending, store, rk, lambda: amake(owner))

            return asingleton
        name = lifetime
        if name not in self._scope_names:
            return failing(lambda: ScopeError(f"Unknown scope: {name}"))
        current = self._scope_var.get
        ambient = self._ambient_state

        async def ascoped() -> Any:
            state = current()
            while state is not None and state.name != name:
                state = state.parent
            if state is None:
                state = ambient(name, rk)
            value = state.cache.get(rk, MISSING)
            if value is not MISSING:
                return value
            return await state.aget_or_create(rk, lambda: amake(state))

        return ascoped

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


async def _awaited(value: Any, label: str, rk: Any) -> Any:
    try:
        return await value
    except InjectQError:
        raise
    except Exception as error:
        exc = InjectionError(f"Failed to instantiate {label}: {type(error).__name__}: {error}")
        exc.failed_key = rk
        raise exc from error


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


def _qual(t: type) -> str:
    return short_name(t)


def _own_init_classes(cls: type) -> dict[str, Any]:
    """The class's own namespace (0.5 builds only classes that define ``__init__`` themselves)."""
    return dict(vars(cls))


def _abstract_hint(rk: Any) -> str:
    if isinstance(rk, type) and inspect.isabstract(rk):
        return f"\n  hint: {rk.__qualname__} is abstract: bind an implementation"
    return ""
