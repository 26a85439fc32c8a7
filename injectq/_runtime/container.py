"""The runtime container: the public API over the parts it holds.

``InjectQ`` is a facade. Its parts each own one concern: the :class:`Registry` (bindings), the
:class:`PlanTable` (plans and getters, compiled on demand), the :class:`Stores` (singletons, scope
blocks, owners) and the :class:`Overrides` (context-local fakes). A :class:`PlanSource` (a
generated module) plugs in through the class attribute ``_plan_source``.
"""

from __future__ import annotations

from _weakref import ref  # weakref.ref, without importing weakref

from .._current import ContainerContext, current, set_default_source
from .._declare import UNSET
from .._errors import DependencyNotFoundError, GraphError, InjectQError, ScopeError
from .._graph import SINGLETON, TRANSIENT, normalize_scope
from .._log import DEBUG, INFO, log
from .activation import Activation, GlobalContainer
from .keys import ContainerType, is_container_type, runtime_key, show, split
from .locks import ForkSafeLock, WeakMembers
from .overrides import OverrideBlock, Overrides
from .plans import PlanSource
from .plantable import PlanTable
from .registry import Registry
from .stores import Stores

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from contextlib import AbstractContextManager
    from types import TracebackType
    from typing import Any, ClassVar, TypeVar, overload

    from typing_extensions import Self

    from .._graph.model import Graph
    from ..diagnostics.visualization import DependencyVisualizer
    from .builder import BindingBuilder, FactoryProxy
    from .dispatch import Dispatch, check_key, too_deep
    from .scopes import ScopeState

    T = TypeVar("T")
else:
    from .accel import load

    _dispatch = load("dispatch")
    Dispatch, check_key, too_deep = _dispatch.Dispatch, _dispatch.check_key, _dispatch.too_deep

__all__ = ["ACTIVATION", "GLOBAL", "InjectQ", "use_generated"]

_LOGGER = "injectq.core"


class InjectQ(Dispatch, ContainerType):
    """The dependency-injection container.

    ``get`` serves an already-built singleton with one dictionary lookup and anything else through
    a precompiled getter; nothing is reflected after a key's first resolution. ``get``, ``aget``
    and ``scope`` are :class:`~.dispatch.Dispatch`'s (compiled when the accelerator is
    installed); the slow paths they fall back to are here.
    """

    _plan_source: ClassVar[type[PlanSource] | None] = None
    """Set by a subclass whose plans come from elsewhere (generated containers)."""
    _observer: ClassVar[Any] = None
    """Told of every ``get``/``aget`` of every container while set (the profiler's hook)."""
    _live: ClassVar[WeakMembers] = WeakMembers()
    """Every container alive, so setting the observer reaches them all."""
    _live_lock: ClassVar[ForkSafeLock] = ForkSafeLock()
    _instance: ClassVar[InjectQ | None] = None
    """The process-wide container (0.5's attribute; see ``get_instance``)."""
    _table: PlanTable
    _stores: Stores

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        """``InjectQ(...)`` builds the activated generated container, if any (``use_generated``).

        Only ``InjectQ`` itself is swapped, never a subclass; ``__init__`` then runs on the
        instance with the same arguments.
        """
        if cls is InjectQ:
            active = ACTIVATION.container_class()
            if active is not None:
                return super().__new__(active)  # type: ignore[return-value]  # a subclass of cls
        return super().__new__(cls)

    def __init__(
        self,
        modules: list[Any] | None = None,
        use_async_scopes: bool = True,
        thread_safe: bool = True,
        allow_override: bool = True,
        *,
        strict_scopes: bool = False,
    ) -> None:
        log(
            _LOGGER,
            INFO,
            "Initializing InjectQ container (async_scopes=%s, thread_safe=%s, allow_override=%s)",
            use_async_scopes,
            thread_safe,
            allow_override,
        )
        self.use_async_scopes = use_async_scopes
        self.thread_safe = thread_safe
        self._token = object()  # replaced whenever plans are dropped or overrides start or end
        lock = ForkSafeLock()  # compilation and registration
        self._stores = stores = Stores(strict_scopes)
        self._registry = registry = Registry(lock, allow_override)
        me = ref(self)  # parts refer back weakly: no reference cycle through them
        self._table = table = PlanTable(me, registry, stores, lock)
        table_ref = ref(table)  # (a weak method: the registry keeps no table alive)
        registry.on_change = lambda: getattr(table_ref(), "invalidate", None)
        self._overrides = Overrides(me, table)
        # What get() reads first; emptied while an override is open anywhere.
        self._ready: dict[Any, Any] = stores.singletons
        self._resolvers: dict[Any, Any] = table.getters
        self._plans = table.plans  # aget's first lookup
        with InjectQ._live_lock:
            InjectQ._live.add(self)
        if InjectQ._observer is not None:
            self._ready = self._resolvers = self._plans = {}  # observed: get takes _get
        self._scope_names = stores.scope_names  # scope()'s check
        self._scope_var = stores.scope_var
        make_source = type(self)._plan_source
        self._source = make_source(self) if make_source is not None else None
        if self._source is not None:
            table.source = self._source
            registry.intercept = self._source.accept
            registry.fixed = self._source.fixed
        for module in modules or ():
            self.install_module(module)

    # -- global instance ------------------------------------------------------------------------
    @classmethod
    def get_instance(cls) -> InjectQ:
        """The current container (see ``ContainerContext``), else the process-wide default."""
        container = current.get()
        if container is not None:
            return container
        return GLOBAL.get(cls)

    @classmethod
    def reset_instance(cls) -> None:
        """Forget the process-wide container; the next ``get_instance`` makes a new one."""
        GLOBAL.swap(None)

    @classmethod
    def test_mode(cls) -> AbstractContextManager[InjectQ]:
        """Swap the global instance for a fresh container for the duration of the block."""
        from contextlib import contextmanager  # tests only: start-up never loads contextlib

        return contextmanager(_test_mode)(cls)

    # -- resolution (get, aget: see Dispatch) ------------------------------------------------
    def _get(self, rk: Any) -> Any:
        """Resolve a runtime key off the fast path: under overrides, or compiling first."""
        observer = InjectQ._observer
        if observer is not None:
            hit = rk in self._stores.singletons
            observer.begin_resolution(rk)
            try:
                return self._resolve(rk)
            finally:
                observer.end_resolution(rk, hit)
        return self._resolve(rk)

    def _resolve(self, rk: Any) -> Any:
        try:
            self._refuse_while_closing(rk)
            overrides = self._overrides
            if overrides.active:
                layer = overrides.var.get()
                if layer is not None:
                    return overrides.get(rk, layer)
            source = self._source
            if source is not None:  # its getters exist once it is prepared: no plan needed
                source.prepare()
                getter = self._table.getters.get(rk)
                if getter is not None:
                    return getter()
            return self._table.plan(rk).get()
        except InjectQError as error:
            raise self._table.explain(rk, error) from error.__cause__
        except (TypeError, RecursionError):
            raise  # get() tells a bad key or a chain too deep from a constructor's own error
        except Exception as error:
            raise self._failure(rk, error) from error

    def _failure(self, rk: Any, error: Exception) -> InjectQError:
        """A constructor's or factory's own exception as 0.5's InjectionError (see failures)."""
        from .failures import failure  # error paths only

        return self._table.explain(rk, failure(self, rk, error))

    async def _awaited(self, rk: Any, plan: Any) -> Any:
        """``aget``'s fast path: run a compiled plan, raising its errors as ``get`` does (this
        coroutine is interpreted on purpose: awaiting one costs less than a compiled one)."""
        try:
            aget = plan.aget
            if aget is None:
                return plan.get()
            return await aget()
        except BaseException as error:
            raise self._raised(rk, error)  # noqa: B904  # _raised() chains (a cancellation passes)

    async def _aget(self, rk: Any) -> Any:
        """Resolve a runtime key off aget's fast path: observed, under overrides, or compiling."""
        observer = InjectQ._observer
        if observer is not None:
            hit = rk in self._stores.singletons
            observer.begin_resolution(rk)
            try:
                return await self._aresolve(rk)
            finally:
                observer.end_resolution(rk, hit)
        return await self._aresolve(rk)

    async def _aresolve(self, rk: Any) -> Any:
        try:
            overrides = self._overrides
            if overrides.active:
                layer = overrides.var.get()
                if layer is not None:
                    return await overrides.aget(rk, layer)
            plan = None if self._stores.owner.closed else self._table.plans.get(rk)
            if plan is None:
                self._refuse_while_closing(rk)
                plan = self._table.plan(rk)
            aget = plan.aget
            if aget is None:
                return plan.get()
            return await aget()
        except InjectQError as error:
            raise self._table.explain(rk, error) from error.__cause__
        except TypeError as error:
            check_key(*split(rk))
            raise self._failure(rk, error) from error
        except RecursionError:
            too_deep(self._table.too_deep(rk))
            raise
        except Exception as error:
            raise self._failure(rk, error) from error

    if TYPE_CHECKING:

        @overload
        def try_get(
            self, service_type: type[T], default: T | None = None, *, name: str | None = None
        ) -> T | None: ...
        @overload  # an abstract class or a protocol (mypy refuses them as type[T])
        def try_get(
            self,
            service_type: Callable[..., T],
            default: T | None = None,
            *,
            name: str | None = None,
        ) -> T | None: ...
        @overload
        def try_get(
            self, service_type: Any, default: Any = None, *, name: str | None = None
        ) -> Any: ...

    def try_get(self, service_type: Any, default: Any = None, *, name: str | None = None) -> Any:
        """``get``, or ``default`` when the key (or a dependency) has no binding."""
        try:
            return self.get(service_type, name)
        except DependencyNotFoundError:
            return default

    if TYPE_CHECKING:

        @overload
        async def atry_get(
            self, service_type: type[T], default: T | None = None, *, name: str | None = None
        ) -> T | None: ...
        @overload  # an abstract class or a protocol (mypy refuses them as type[T])
        async def atry_get(
            self,
            service_type: Callable[..., T],
            default: T | None = None,
            *,
            name: str | None = None,
        ) -> T | None: ...
        @overload
        async def atry_get(
            self, service_type: Any, default: Any = None, *, name: str | None = None
        ) -> Any: ...

    async def atry_get(
        self, service_type: Any, default: Any = None, *, name: str | None = None
    ) -> Any:
        """``aget``, or ``default`` when the key (or a dependency) has no binding."""
        try:
            return await self.aget(service_type, name)
        except DependencyNotFoundError:
            return default

    def has(self, service_type: Any, name: str | None = None) -> bool:
        """Whether a binding or factory is registered (auto-buildable classes are not)."""
        rk = runtime_key(service_type, name)
        source = self._source
        if source is not None:
            source.prepare()
            if source.supplies(rk):
                return True
        return self._registry.has(rk)

    def __contains__(self, service_type: object) -> bool:
        return self.has(service_type)

    def __getitem__(self, service_type: Any) -> Any:
        return self.get(service_type)

    def __setitem__(self, service_type: Any, value: Any) -> None:
        if isinstance(value, type):
            self.bind(service_type, value, scope=SINGLETON)
        else:
            self.bind_instance(service_type, value, allow_none=value is None)

    def __delitem__(self, service_type: Any) -> None:
        self._registry.remove(service_type, factory=False)

    def __repr__(self) -> str:
        count = len(self._registry.bindings) + len(self._registry.factories)
        return f"InjectQ(services={count}, thread_safe={self.thread_safe})"

    # -- registration ---------------------------------------------------------------------------
    @property
    def allow_override(self) -> bool:
        """Whether re-binding a key is allowed (False: AlreadyRegisteredError)."""
        return self._registry.allow_override

    @allow_override.setter
    def allow_override(self, value: bool) -> None:
        self._registry.allow_override = value

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
        shown = "self" if implementation is UNSET else implementation
        log(
            _LOGGER,
            DEBUG,
            "Binding service: %s -> %s (scope: %s)",
            service_type,
            shown,
            _scope(scope),
        )
        from .builder import BindingBuilder  # registration only: generated containers skip it

        registry = self._registry
        rk = registry.bind(service_type, implementation, scope, allow_none, allow_concrete, name)
        return BindingBuilder(registry, rk)

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
        shown = type(instance).__name__ if instance else "None"
        log(_LOGGER, DEBUG, "Binding instance: %s (%s)", service_type, shown)
        from .builder import BindingBuilder

        registry = self._registry
        rk = registry.bind_instance(service_type, instance, allow_none, allow_concrete, name)
        return BindingBuilder(registry, rk)

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
        shown = getattr(factory, "__name__", factory)
        log(_LOGGER, DEBUG, "Binding factory: %s -> %s", service_type, shown)
        from .builder import BindingBuilder

        registry = self._registry
        return BindingBuilder(registry, registry.bind_factory(service_type, factory, scope, name))

    @property
    def factories(self) -> FactoryProxy:
        """Dict view over the factory registry (0.5's ``container.factories``)."""
        from .builder import FactoryProxy

        return FactoryProxy(self)

    def get_factory(self, service_type: Any) -> Callable[..., Any]:
        """The callable registered with ``bind_factory`` for ``service_type``."""
        return self._registry.factory(service_type)

    def call_factory(self, service_type: Any, *args: Any, **kwargs: Any) -> Any:
        """Call the registered factory with exactly the given arguments."""
        return self._registry.factory(service_type)(*args, **kwargs)

    async def aget_factory(self, service_type: Any) -> Callable[..., Any]:
        """``get_factory`` for async code."""
        return self._registry.factory(service_type)

    async def acall_factory(self, service_type: Any, *args: Any, **kwargs: Any) -> Any:
        """``call_factory``, awaiting the result when the factory is async."""
        result = self._registry.factory(service_type)(*args, **kwargs)
        if _isawaitable(result):
            return await result
        return result

    def invoke(self, service_type: Any, *args: Any, **kwargs: Any) -> Any:
        """Call a factory with the given arguments, injecting the ones not given."""
        factory, wanted = self._registry.invoke_args(service_type, args, kwargs, self._has_key)
        for param_name, key in wanted:
            kwargs[param_name] = self._get(key)
        return factory(*args, **kwargs)

    async def ainvoke(self, service_type: Any, *args: Any, **kwargs: Any) -> Any:
        """``invoke`` for async code: dependencies through ``aget``, the result awaited."""
        factory, wanted = self._registry.invoke_args(service_type, args, kwargs, self._has_key)
        for param_name, key in wanted:
            kwargs[param_name] = await self.aget(*split(key))
        result = factory(*args, **kwargs)
        if _isawaitable(result):
            return await result
        return result

    def _has_key(self, rk: Any) -> bool:
        return self.has(*split(rk))

    def install_module(self, module: Any) -> None:
        """Run a module's ``configure`` against this container (either module style).

        A generated container was generated from some modules: installing one of them is a
        no-op (it is wired already); any other module binds as its ``bind()`` calls would.
        """
        log(_LOGGER, INFO, "Installing module: %s", getattr(module, "__name__", module))
        source = self._source
        if source is None or not source.was_read(module):
            from .._declare.modules import install  # modules bring their reflection along

            install(self, module)

    def install(self, module: Any) -> InjectQ:
        """Install a module (the guide's spelling of ``install_module``); returns the container."""
        self.install_module(module)
        return self

    def clear(self) -> None:
        """Drop every binding, factory, plan and cached instance."""
        self._registry.bindings.clear()
        self._registry.factories.clear()
        self._table.invalidate_all()
        self.clear_all_scopes()

    # -- validation -----------------------------------------------------------------------------
    def _graph(self) -> Graph:
        """Every registration as the shared graph model."""
        source = self._source
        if source is not None:
            source.prepare()
            for rk in source.supplied():
                source.plan(rk, deep=True)
        containers = [c for c in type(self).__mro__ if is_container_type(c)]
        return self._registry.graph(c for c in containers if c is not ContainerType)

    def validate(self) -> None:
        """Check the whole graph: missing bindings, cycles, scope leaks, abstract bindings.

        Every problem is reported at once in a ``GraphError`` (an ``InjectionError``) whose
        ``problems`` hold one exception of the matching 0.5 class each.
        """
        from .._graph import validate  # only a validation needs the validator

        log(_LOGGER, INFO, "Validating container dependencies")
        errors = [p for p in validate(self._graph()) if p.severity == "error"]
        if errors:
            raise GraphError([p.to_exception() for p in errors])

    def compile(self) -> None:
        """Validate, then build the resolution plan of every registered key ahead of time."""
        self.validate()
        for rk in [*self._registry.bindings, *self._registry.factories]:
            self._table.plan(rk)

    def get_dependency_graph(self) -> dict[Any, list[Any]]:
        """Each bound key with the annotations of its parameters (0.5's view)."""
        return self._registry.dependency_graph()

    def visualize_dependencies(self) -> DependencyVisualizer:
        """A ``DependencyVisualizer`` of this container (0.5)."""
        # Loaded by name: the diagnostics sit above the runtime and read it through their adapter.
        import importlib

        diagnostics = importlib.import_module("injectq.diagnostics.visualization")
        visualizer: DependencyVisualizer = diagnostics.visualize_dependencies(self)
        return visualizer

    # -- overrides ------------------------------------------------------------------------------
    def override(
        self,
        service_type: Any,
        value: Any = UNSET,
        *,
        name: str | None = None,
        override_value: Any = UNSET,
    ) -> OverrideBlock:
        """Within the block (and only in this context) resolve ``service_type`` to ``value``.

        Everything resolved inside that depends on it, directly or transitively, is rebuilt with
        the fake, singletons included; nothing of it remains after the block.
        ``override_value=`` is 0.5's name of ``value``.
        """
        from .._declare.aliases import either  # (and the markers): overrides only

        value = either(value, override_value, "override", "value", "override_value")
        return self._overrides.block(runtime_key(service_type, name), value)

    @staticmethod
    def _set_resolution_observer(observer: Any) -> None:
        """Tell ``observer`` of every resolution of every container (``None``: stop).

        ``observer.begin_resolution(key)`` runs before and ``end_resolution(key, cache_hit)``
        after each ``get``/``aget``. While one is set, ``get`` leaves its dictionary fast path;
        without one, resolving pays nothing for this hook.
        """
        InjectQ._observer = observer
        with InjectQ._live_lock:
            live = InjectQ._live.alive()
        for container in live:
            overrides = container._overrides
            with overrides.lock:
                container._use_fast_path(not overrides.active)

    def _use_fast_path(self, enabled: bool) -> None:
        """Serve ``get`` from the dictionaries (False while an override is open anywhere, or an
        observer is set)."""
        if enabled and InjectQ._observer is None and not self._stores.owner.closed:
            table = self._table
            self._ready, self._resolvers = self._stores.singletons, table.getters
            self._plans = table.plans
        else:
            self._ready = self._resolvers = self._plans = {}
        self._new_token()

    def _new_token(self) -> None:
        """Tell compiled ``@inject`` calls that their getters may be stale."""
        self._token = object()

    # -- scopes ---------------------------------------------------------------------------------
    def async_scope(self, scope_name: Any = "request") -> ScopeState:
        """Alias of :meth:`scope` kept from 0.5 (use ``async with``)."""
        return self.scope(scope_name)

    def register_scope(self, scope: Any) -> None:
        """Make a custom scope name known, or install a 0.5 ``Scope`` (``get(key, factory)``)."""
        self._stores.register(scope)
        self._table.invalidate_all()

    @property
    def _scope_manager(self) -> _ScopeManager:
        """0.5's private registration point for custom scopes, kept for code that used it."""
        return _ScopeManager(self)

    def clear_scope(self, scope_name: Any) -> None:
        """Drop (and clean up) the instances of a scope in the current context.

        As in 0.5, ``"singleton"`` forgets the built singletons without tearing them down (the
        next resolution builds new ones; instance bindings keep their object) and
        ``"transient"`` has nothing to clear.
        """
        name = normalize_scope(scope_name)
        if name == SINGLETON:
            self._forget_singletons()
        elif name != TRANSIENT:
            self._stores.clear_scope(scope_name)

    def clear_all_scopes(self) -> None:
        """``clear_scope`` for every built-in and custom scope, singletons included (0.5)."""
        self._stores.clear_all_scopes()
        self._forget_singletons()

    def _forget_singletons(self) -> None:
        """Empty the singleton store; resources stay owned and are closed by ``close()``."""
        self._stores.singletons.clear()
        if self._source is not None:
            self._source.reset()  # generated singletons live in the wiring's closures
        self._new_token()  # compiled @inject calls must not keep the forgotten singletons

    # -- lifecycle ------------------------------------------------------------------------------
    def close(self) -> None:
        """Tear down singleton and container-owned transient resources, in reverse order.

        While they are torn down, resolving anything raises ScopeError (nothing being closed is
        handed out).
        """
        self._closing(True)
        try:
            self._stores.owner.close()
        finally:
            self._closing(False)
        self._closed()

    async def aclose(self) -> None:
        """``close`` for async resources too."""
        self._closing(True)
        try:
            await self._stores.owner.aclose()
        finally:
            self._closing(False)
        self._closed()

    def _closing(self, closing: bool) -> None:
        """Enter or leave teardown: every resolution takes the slow path, which refuses."""
        self._stores.owner.closed = closing
        self._use_fast_path(not closing and self._overrides.active == 0)

    def _refuse_while_closing(self, rk: Any) -> None:
        if self._stores.owner.closed:
            raise ScopeError(
                f"cannot resolve {show(rk)} while the container is closing: its singletons "
                "and resources are being torn down"
            )

    def _closed(self) -> None:
        self._stores.singletons.clear()
        self._new_token()  # compiled @inject calls must not keep closed singletons
        if self._source is not None:
            self._source.reset()

    def __enter__(self) -> InjectQ:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    async def __aenter__(self) -> InjectQ:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    # -- context --------------------------------------------------------------------------------
    def context(self) -> AbstractContextManager[InjectQ]:
        """Make this container current for ``@inject``, ``Inject[T]`` and the class decorators."""
        return ContainerContext.use(self)

    def activate(self) -> None:
        """Make this container current in this context (until another one is)."""
        ContainerContext.set_current(self)

    def _prepare(self) -> None:
        """Let the plan source get ready (a generated container wires on first use)."""
        if self._source is not None:
            self._source.prepare()


def _test_mode(cls: type[InjectQ]) -> Iterator[InjectQ]:
    container = cls()  # the generated container when one is activated
    previous = GLOBAL.swap(container)
    try:
        yield container
    finally:
        GLOBAL.swap(previous)


class _ScopeManager:
    __slots__ = ("_container",)

    def __init__(self, container: InjectQ) -> None:
        self._container = container

    def register_scope(self, scope: Any) -> None:
        self._container.register_scope(scope)


ACTIVATION = Activation()
GLOBAL = GlobalContainer(InjectQ)
set_default_source(InjectQ.get_instance)


if TYPE_CHECKING:

    @overload
    def use_generated(spec: str) -> InjectQ: ...
    @overload
    def use_generated(spec: None) -> None: ...


def use_generated(spec: str | None) -> InjectQ | None:
    """Activate the generated container named by ``spec`` (``"pkg.module[:Class]"``).

    From then on ``InjectQ(...)`` builds that class, and a new instance of it becomes the global
    container, which is returned. Call it before importing the app. ``use_generated(None)``
    deactivates (``INJECTQ_CONTAINER`` included) and forgets a global generated container.
    """
    previous = ACTIVATION.container_class()
    ACTIVATION.choose(spec)
    if spec is None:
        if previous is not None and isinstance(GLOBAL.instance, previous):
            GLOBAL.swap(None)
        return None
    container = InjectQ()
    GLOBAL.swap(container)
    return container


def _scope(scope: Any) -> Any:
    """How 0.5's records name a scope: a ``ScopeType``'s value, anything else as given."""
    return getattr(scope, "value", scope)


def _isawaitable(value: Any) -> bool:
    """``inspect.isawaitable``, importing ``inspect`` only for the async factory calls."""
    import inspect

    return inspect.isawaitable(value)
