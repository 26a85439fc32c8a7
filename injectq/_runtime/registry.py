"""Registration (bind, bind_instance, bind_factory), invalidation, validation and invoke."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .._declare.markers import UNSET
from .._errors import BindingError, DependencyNotFoundError, GraphError, InjectQError, PathStep
from .._graph import SINGLETON, TRANSIENT, Binding, Graph, Key, Kind, normalize_scope, validate
from .builder import BindingBuilder
from .introspect import callable_kind, caller_location, location_of, params_of
from .keys import ContainerType, graph_key, is_container_type, runtime_key, short_name, split
from .state import ContainerState

if TYPE_CHECKING:
    from .plans import Plan

__all__ = ["Registry"]

_PRIMITIVES = (str, int, float, bool, bytes, type(None))


def _target(obj: Any) -> str:
    if isinstance(obj, type) or callable(obj):
        return short_name(obj)
    return f"instance of {short_name(type(obj))}"


class Registry(ContainerState):
    """Mixin: the binding half of the container API."""

    def bind(
        self,
        service_type: Any,
        implementation: Any = UNSET,
        scope: Any = SINGLETON,
        to: Any = None,
        allow_none: bool = False,
        allow_concrete: bool = True,
        *,
        name: str | None = None,
    ) -> BindingBuilder:
        """Bind a key to a class (built with injection), an instance, or an awaitable.

        Returns a builder whose ``.singleton()`` / ``.scoped()`` / ``.transient()`` change the
        lifetime of this same binding.
        """
        if to is not None:
            implementation = to
        if implementation is UNSET:
            if not isinstance(service_type, type):
                raise BindingError(
                    f"bind({service_type!r}) needs an implementation: only a "
                    "class can be bound to itself"
                )
            implementation = service_type
        self._check_none(implementation, allow_none)
        rk = runtime_key(service_type, name)
        lifetime = normalize_scope(scope)
        where = caller_location()
        key = graph_key(rk)
        if isinstance(implementation, type):
            if inspect.isabstract(implementation):
                raise BindingError(
                    f"Cannot bind abstract class {implementation.__qualname__}: "
                    "bind a concrete implementation"
                )
            binding = Binding(
                key, Kind.CLASS, lifetime, (), _target(implementation), where, obj=implementation
            )
        elif inspect.isawaitable(implementation):
            binding = Binding(
                key, Kind.AWAITABLE, SINGLETON, (), "awaitable", where, obj=implementation
            )
        else:
            binding = Binding(
                key,
                Kind.INSTANCE,
                SINGLETON,
                (),
                _target(implementation),
                where,
                obj=implementation,
            )
        self._register(rk, binding)
        if binding.kind is Kind.INSTANCE and allow_concrete and implementation is not None:
            concrete = type(implementation)
            if concrete is not service_type and concrete not in self._bindings:
                self._register(
                    concrete,
                    Binding(
                        Key.of(concrete),
                        Kind.INSTANCE,
                        SINGLETON,
                        (),
                        binding.target,
                        where,
                        obj=implementation,
                    ),
                    check=False,
                )
        return BindingBuilder(self, rk)

    def bind_instance(
        self,
        service_type: Any,
        instance: Any,
        allow_none: bool = False,
        allow_concrete: bool = True,
        *,
        name: str | None = None,
    ) -> BindingBuilder:
        """Bind a key to an existing object (a singleton)."""
        if isinstance(instance, type):
            raise BindingError("bind_instance() takes an instance; use bind() for a class")
        self._check_none(instance, allow_none)
        return self.bind(
            service_type,
            instance,
            SINGLETON,
            allow_none=allow_none,
            allow_concrete=allow_concrete,
            name=name,
        )

    def bind_factory(
        self,
        service_type: Any,
        factory: Callable[..., Any],
        scope: Any = TRANSIENT,
        *,
        name: str | None = None,
    ) -> BindingBuilder:
        """Register a factory (its parameters are injected). A factory wins over a binding.

        Generator and async-generator factories are resources: the code after ``yield`` runs when
        their scope ends. ``scope`` defaults to transient, as in 0.5.
        """
        if not callable(factory):
            raise BindingError(f"Factory for {service_type!r} must be callable")
        rk = runtime_key(service_type, name)
        binding = Binding(
            graph_key(rk),
            callable_kind(factory),
            normalize_scope(scope),
            (),
            _target(factory),
            location_of(factory) or caller_location(),
            factory_table=True,
            obj=factory,
        )
        self._register(rk, binding)
        return BindingBuilder(self, rk)

    def _register(self, rk: Any, binding: Binding, check: bool = True) -> None:
        if check:
            self._check_override(rk)
        table = self._factories if binding.factory_table else self._bindings
        with self._compile_lock:
            table[rk] = binding
            self._invalidate(rk)

    def _set_lifetime(self, rk: Any, scope: Any) -> None:
        """Change the lifetime of the binding of ``rk`` in place (the builder's job)."""
        from dataclasses import replace

        lifetime = normalize_scope(scope)
        table = self._factories if rk in self._factories else self._bindings
        binding = table[rk]
        if binding.kind in (Kind.INSTANCE, Kind.AWAITABLE) or binding.lifetime == lifetime:
            return
        with self._compile_lock:
            table[rk] = replace(binding, lifetime=lifetime)
            self._invalidate(rk)

    def _invalidate(self, rk: Any) -> None:
        """Forget the plans and singletons that depend on ``rk``, transitively."""
        with self._compile_lock:
            self._epoch += 1
            self._token = object()
            todo, seen = [rk], set()
            while todo:
                key = todo.pop()
                if key in seen:
                    continue
                seen.add(key)
                self._plans.pop(key, None)
                self._getters.pop(key, None)
                if key in self._singletons:
                    del self._singletons[key]
                    self._owner.release(key)
                todo.extend(self._dependents.pop(key, ()))

    # -- factories ------------------------------------------------------------------------------
    def get_factory(self, service_type: Any) -> Callable[..., Any]:
        factory = self._factories.get(service_type)
        if factory is None:
            raise DependencyNotFoundError(service_type)
        return factory.obj  # type: ignore[no-any-return]  # a registered callable

    def call_factory(self, service_type: Any, *args: Any, **kwargs: Any) -> Any:
        return self.get_factory(service_type)(*args, **kwargs)

    async def aget_factory(self, service_type: Any) -> Callable[..., Any]:
        return self.get_factory(service_type)

    async def acall_factory(self, service_type: Any, *args: Any, **kwargs: Any) -> Any:
        result = self.get_factory(service_type)(*args, **kwargs)
        if inspect.isawaitable(result):
            return await result
        return result

    def _invoke_args(
        self, service_type: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> tuple[Callable[..., Any], list[tuple[str, Any]]]:
        factory = self.get_factory(service_type)
        wanted: list[tuple[str, Any]] = []
        for index, param in enumerate(params_of(factory)):
            if index < len(args) or param.name in kwargs:
                continue
            if param.name in self._bindings or param.name in self._factories:
                wanted.append((param.name, param.name))
                continue
            annotation = param.annotation
            if annotation is None or annotation in _PRIMITIVES:
                if param.required:
                    raise DependencyNotFoundError(annotation or param.name)
                continue
            key = runtime_key(annotation, param.key.name if param.key else None)
            if param.required or self.has(key) or self._auto_binding(key) is not None:
                wanted.append((param.name, key))
        return factory, wanted

    def invoke(self, service_type: Any, *args: Any, **kwargs: Any) -> Any:
        """Call a factory with the given arguments, injecting the ones not given."""
        factory, wanted = self._invoke_args(service_type, args, kwargs)
        for param_name, key in wanted:
            kwargs[param_name] = self._get(key)
        return factory(*args, **kwargs)

    async def ainvoke(self, service_type: Any, *args: Any, **kwargs: Any) -> Any:
        factory, wanted = self._invoke_args(service_type, args, kwargs)
        for param_name, key in wanted:
            plain, name = split(key)
            kwargs[param_name] = await self.aget(plain, name)
        result = factory(*args, **kwargs)
        if inspect.isawaitable(result):
            return await result
        return result

    # -- diagnostics ----------------------------------------------------------------------------
    def _graph(self) -> Graph:
        """Every registration as the shared graph model (parameters analysed once, cached)."""
        live: dict[Key, Any] = {}
        containers = [
            c for c in type(self).__mro__ if is_container_type(c) and c is not ContainerType
        ]
        graph = Graph(provided=frozenset(Key.of(c) for c in containers))
        for table, target in ((self._bindings, graph.bindings), (self._factories, graph.factories)):
            for rk in list(table):
                binding = self._analyzed(rk, table[rk])
                target[binding.key] = binding
                _remember(live, binding)

        def auto(key: Key) -> Binding | None:
            obj = live.get(key)
            found = self._auto_binding(obj) if obj is not None else None
            if found is None:
                return None
            analyzed = found.with_params(params_of(obj))
            _remember(live, analyzed)
            return analyzed

        graph.auto = auto
        return graph

    def validate(self) -> None:
        """Check the whole graph: missing bindings, cycles, scope leaks, abstract bindings.

        Every problem is reported at once in a ``GraphError`` (an ``InjectionError``) whose
        ``problems`` hold one exception of the matching 0.5 class each.
        """
        errors = [p for p in validate(self._graph()) if p.severity == "error"]
        if errors:
            raise GraphError([p.to_exception() for p in errors])

    def compile(self) -> None:
        """Validate, then build the resolution plan of every registered key ahead of time."""
        self.validate()
        for rk in [*self._bindings, *self._factories]:
            self._plan(rk)

    def get_dependency_graph(self) -> dict[Any, list[Any]]:
        graph: dict[Any, list[Any]] = {}
        for rk, binding in list(self._bindings.items()):
            analyzed = self._analyzed(rk, binding)
            graph[rk] = [p.annotation for p in analyzed.params if p.annotation is not None]
        return graph

    # -- error paths ----------------------------------------------------------------------------
    def _explain(self, rk: Any, error: InjectQError) -> InjectQError:
        if error.path:
            return error
        failed = getattr(error, "failed_key", None)
        last = getattr(error, "failed_step", None)
        steps = self._path_between(rk, failed) if failed is not None else []
        if last is not None:
            steps.append(last)
        return error.with_path(steps)

    def _path_between(self, root: Any, target: Any) -> list[PathStep]:
        plan = self._plans.get(root)
        if plan is None or root == target:
            return []
        found = _search(plan, target, set())
        return found or []


def _search(plan: Plan, target: Any, seen: set[Any]) -> list[PathStep] | None:
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


def _remember(live: dict[Key, Any], binding: Binding) -> None:
    for param in binding.params:
        if param.key is not None and param.annotation is not None:
            live.setdefault(param.key, param.annotation)
