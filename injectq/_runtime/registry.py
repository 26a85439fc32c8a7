"""The registry part of a container: bindings and factories by runtime key.

It turns ``bind`` / ``bind_instance`` / ``bind_factory`` calls into :class:`Binding` objects of the
shared graph model, answers lookups (a factory wins over a binding; 0.5 auto-builds concrete
classes), and hands the whole registration to the validator as a :class:`Graph`.
"""

from __future__ import annotations

from .._declare import UNSET
from .._errors import AlreadyRegisteredError, BindingError, DependencyNotFoundError
from .._graph import SINGLETON, TRANSIENT, normalize_scope
from .frames import caller_location
from .keys import NamedKey, graph_key, is_container_type, runtime_key, short_name

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any

    from .._graph.model import Binding, Graph, Key

    Intercept = Callable[[Any, Binding, bool], bool]

__all__ = ["Registry"]

_TPFLAGS_IS_ABSTRACT = 1 << 20  # a class with abstract methods left (what inspect.isabstract reads)
CO_ITERABLE_COROUTINE = 0x100  # a generator-based coroutine (types.coroutine)

_PRIMITIVES = (str, int, float, bool, bytes, type(None))
"""A registration hook: ``(rk, binding, check) -> handled`` (see ``PlanSource.accept``)."""


def _target(obj: Any) -> str:
    if isinstance(obj, type) or callable(obj):
        return short_name(obj)
    return f"instance of {short_name(type(obj))}"


class Registry:
    """Bindings and factories of one container, and what they change when they change."""

    __slots__ = (
        "allow_override",
        "bindings",
        "factories",
        "fixed",
        "given",
        "handled",
        "intercept",
        "lock",
        "on_change",
    )

    def __init__(self, lock: Any, allow_override: bool) -> None:
        self.bindings: dict[Any, Binding] = {}
        self.factories: dict[Any, Binding] = {}  # 0.5's factory table: wins over a binding
        self.lock = lock  # the compile lock: a registration and its invalidation are one step
        self.on_change: Callable[[], Callable[[Any], None] | None] = _no_hook
        self.allow_override = allow_override
        self.intercept: Intercept | None = None  # a plan source's veto over registrations
        self.fixed = False  # lifetimes were fixed at build time (generated containers)
        self.given: set[Any] = set()  # keys whose binding a plan source wrote: no analysis
        self.handled: dict[Any, Binding] = {}  # registrations the plan source took, by key

    # -- registering ----------------------------------------------------------------------------
    def bind(
        self,
        service_type: Any,
        implementation: Any,
        scope: Any,
        allow_none: bool,
        allow_concrete: bool,
        name: str | None,
    ) -> Any:
        """Register ``implementation`` (class, instance or awaitable); return the runtime key."""
        from .._graph.model import Key, Kind  # registration and plans only

        if implementation is UNSET:
            if not isinstance(service_type, type):
                raise BindingError(
                    f"Must provide implementation for non-class service key: {service_type}"
                )
            implementation = service_type
        check_none(service_type, implementation, allow_none)
        rk = runtime_key(service_type, name)
        binding = _binding_of(graph_key(rk), implementation, normalize_scope(scope))
        self.register(rk, binding)
        if binding.kind is Kind.INSTANCE and allow_concrete and implementation is not None:
            concrete = type(implementation)
            if concrete is not service_type and concrete not in self.bindings:
                side = binding.replace(key=Key.of(concrete))
                self.register(concrete, side, check=False)
        return rk

    def bind_instance(
        self,
        service_type: Any,
        instance: Any,
        allow_none: bool,
        allow_concrete: bool,
        name: str | None,
    ) -> Any:
        """Register an existing object (a singleton); return the runtime key."""
        if isinstance(instance, type):
            raise BindingError("bind_instance() takes an instance; use bind() for a class")
        check_none(service_type, instance, allow_none)
        return self.bind(service_type, instance, SINGLETON, allow_none, allow_concrete, name)

    def bind_factory(
        self, service_type: Any, factory: Callable[..., Any], scope: Any, name: str | None
    ) -> Any:
        """Register a factory (its parameters are injected); return the runtime key."""
        from .._graph.model import Binding  # registration and plans only
        from .introspect import callable_kind, location_of

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
        self.register(rk, binding)
        return rk

    def register(self, rk: Any, binding: Binding, check: bool = True) -> None:
        """Store ``binding`` under ``rk`` and forget what was built from the old one."""
        intercept = self.intercept
        if intercept is not None and intercept(rk, binding, check):
            self.handled[rk] = binding
            return
        if check and not self.allow_override and self.has(rk):
            raise AlreadyRegisteredError(rk)
        table = self.factories if binding.factory_table else self.bindings
        with self.lock:
            table[rk] = binding
            self.given.discard(rk)
            self._changed(rk)

    def set_lifetime(self, rk: Any, scope: Any) -> None:
        """Change the lifetime of the binding of ``rk`` in place (the builder's job).

        In a generated container a declared key's lifetime is the generated one until the key is
        bound again; a different lifetime asked for then is such a binding.
        """
        from .._graph.model import Kind  # registration and plans only

        lifetime = normalize_scope(scope)
        table = self.factories if rk in self.factories else self.bindings
        if self.fixed and (rk in self.given or rk not in table):
            wanted = self.handled.get(rk)  # what bind() asked for, handled by the plan source
            if wanted is None or wanted.kind in (Kind.INSTANCE, Kind.AWAITABLE):
                return
            if wanted.lifetime != lifetime:
                self.register(rk, wanted.replace(lifetime=lifetime))
            return
        binding = table[rk]
        if binding.kind in (Kind.INSTANCE, Kind.AWAITABLE) or binding.lifetime == lifetime:
            return
        with self.lock:
            table[rk] = binding.replace(lifetime=lifetime)
            self._changed(rk)

    def remove(self, rk: Any, *, factory: bool) -> None:
        """Drop the binding (or factory) of ``rk``; KeyError when there is none."""
        del (self.factories if factory else self.bindings)[rk]
        self._changed(rk)

    def _changed(self, rk: Any) -> None:
        """Forget what was built from ``rk`` (the hook is weak: see ``keys.live``)."""
        forget = self.on_change()
        if forget is not None:
            forget(rk)

    # -- lookup ---------------------------------------------------------------------------------
    def has(self, rk: Any) -> bool:
        """Whether a binding or factory is registered under ``rk``."""
        return rk in self.bindings or rk in self.factories

    def lookup(self, rk: Any) -> Binding | None:
        """The registered binding of ``rk`` (a factory first), else 0.5's auto-binding."""
        return self.factories.get(rk) or self.bindings.get(rk) or auto_binding(rk)

    def analyzed(self, rk: Any, binding: Binding) -> Binding:
        """``binding`` with its parameters analysed (cached in the table it came from)."""
        from .._graph.model import Kind  # registration and plans only

        if binding.params or binding.kind in (Kind.INSTANCE, Kind.AWAITABLE) or rk in self.given:
            return binding
        from .introspect import params_of  # reflection: never needed by generated plans

        analyzed = binding.with_params(params_of(binding.obj))
        table = self.factories if binding.factory_table else self.bindings
        if table.get(rk) is binding:
            table[rk] = analyzed
        return analyzed

    def factory(self, service_type: Any) -> Callable[..., Any]:
        """The callable registered with ``bind_factory`` for ``service_type``."""
        found = self.factories.get(service_type)
        if found is None:
            raise DependencyNotFoundError(service_type)
        return found.obj  # type: ignore[no-any-return]  # a registered callable

    def invoke_args(
        self,
        service_type: Any,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        has: Callable[[Any], bool],
    ) -> tuple[Callable[..., Any], list[tuple[str, Any]]]:
        """A factory and the (parameter, key) pairs ``invoke`` must resolve for it.

        0.5's rule, which never builds an unregistered class: a parameter not passed is injected
        by its name when that is a registered key, else by its annotation when that is registered
        and not a primitive; otherwise its default applies, or DependencyNotFoundError.
        """
        from .introspect import params_of

        factory = self.factory(service_type)
        wanted: list[tuple[str, Any]] = []
        for index, param in enumerate(params_of(factory)):
            if index < len(args) or param.name in kwargs:
                continue
            if has(param.name):
                wanted.append((param.name, param.name))
                continue
            annotation = param.annotation
            if annotation is not None and annotation not in _PRIMITIVES:
                key = runtime_key(annotation, param.key.name if param.key else None)
                if has(key):
                    wanted.append((param.name, key))
                    continue
            if param.required:
                raise DependencyNotFoundError(annotation if annotation is not None else param.name)
        return factory, wanted

    # -- the graph model ------------------------------------------------------------------------
    def graph(self, containers: Iterable[type]) -> Graph:
        """Every registration as the shared graph model (parameters analysed once, cached).

        ``containers`` are the container classes a parameter may name (they are provided).
        """
        from .._graph.model import Graph, Key  # registration and plans only
        from .introspect import params_of

        live: dict[Key, Any] = {}
        graph = Graph(provided=frozenset(Key.of(c) for c in containers))
        for table, target in ((self.bindings, graph.bindings), (self.factories, graph.factories)):
            for rk in list(table):
                binding = self.analyzed(rk, table[rk])
                target[binding.key] = binding
                _remember(live, binding)

        def auto(key: Key) -> Binding | None:
            obj = live.get(key)
            found = auto_binding(obj) if obj is not None else None
            if found is None:
                return None
            analyzed = found.with_params(params_of(obj))
            _remember(live, analyzed)
            return analyzed

        graph.auto = auto
        return graph

    def dependency_graph(self) -> dict[Any, list[Any]]:
        """0.5's ``get_dependency_graph``: each bound key with its parameters' annotations."""
        graph: dict[Any, list[Any]] = {}
        for rk, binding in list(self.bindings.items()):
            analyzed = self.analyzed(rk, binding)
            graph[rk] = [p.annotation for p in analyzed.params if p.annotation is not None]
        return graph


def _is_awaitable(value: Any) -> bool:
    """``inspect.isawaitable`` without importing ``inspect`` (bound values are checked often)."""
    from collections.abc import Awaitable  # here: a generated container binds inputs only
    from types import CoroutineType, GeneratorType

    if isinstance(value, (CoroutineType, Awaitable)):
        return True
    return isinstance(value, GeneratorType) and bool(value.gi_code.co_flags & CO_ITERABLE_COROUTINE)


def _no_hook() -> None:
    """The change hook of a registry nothing is built from."""


def check_none(service_type: Any, value: Any, allow_none: bool) -> None:
    """Refuse ``None`` as the implementation of ``service_type`` unless ``allow_none``."""
    if value is None and not allow_none:
        raise BindingError(f"Implementation cannot be None for {service_type}")


def auto_binding(rk: Any) -> Binding | None:
    """0.5's auto-resolution: a concrete class with its own ``__init__`` is built transient."""
    import inspect

    from .._graph.model import Binding, Kind  # registration and plans only
    from .introspect import BUILTINS, location_of

    if type(rk) is NamedKey or not isinstance(rk, type) or rk in BUILTINS:
        return None
    if is_container_type(rk) or "__init__" not in vars(rk) or inspect.isabstract(rk):
        return None  # 0.5 builds only concrete classes that define __init__ themselves
    return Binding(
        graph_key(rk), Kind.CLASS, TRANSIENT, (), short_name(rk), location_of(rk), obj=rk
    )


def not_auto_built_hint(rk: Any) -> str | None:
    """Why an unbound class is not auto-built (the generator's wording), else None."""
    import inspect

    from .introspect import BUILTINS

    if type(rk) is NamedKey or not isinstance(rk, type) or rk in BUILTINS:
        return None
    if is_container_type(rk):
        return None
    if inspect.isabstract(rk):
        return f"{rk.__qualname__} is abstract: bind an implementation"
    if "__init__" not in vars(rk):
        return (
            f"{rk.__qualname__} has no __init__ of its own, so it is not built automatically "
            "(0.5's rule): bind it explicitly (self.bind(K, K) or a class decorator)"
        )
    return None


def _binding_of(key: Key, implementation: Any, lifetime: str) -> Binding:
    from .._graph.model import Binding, Kind  # registration and plans only

    where = caller_location()
    if isinstance(implementation, type):
        if implementation.__flags__ & _TPFLAGS_IS_ABSTRACT:  # inspect.isabstract, for a class
            raise BindingError(
                f"Cannot bind abstract class {implementation.__qualname__}: "
                "bind a concrete implementation"
            )
        target = _target(implementation)
        return Binding(key, Kind.CLASS, lifetime, (), target, where, obj=implementation)
    if _is_awaitable(implementation):
        return Binding(key, Kind.AWAITABLE, SINGLETON, (), "awaitable", where, obj=implementation)
    target = _target(implementation)
    return Binding(key, Kind.INSTANCE, SINGLETON, (), target, where, obj=implementation)


def _remember(live: dict[Key, Any], binding: Binding) -> None:
    for param in binding.params:
        if param.key is not None and param.annotation is not None:
            live.setdefault(param.key, param.annotation)
