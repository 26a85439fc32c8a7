"""The runtime container: registration, resolution entry points, scopes and overrides."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import TracebackType
from typing import Any, TypeVar, overload

from .._current import ContainerContext, current, set_default_source
from .._declare.modules import install
from .._errors import (
    AlreadyRegisteredError,
    BindingError,
    DependencyNotFoundError,
    InjectQError,
    ScopeError,
)
from .._graph import normalize_scope
from .activation import GlobalContainer
from .builder import FactoryProxy
from .compiler import BUILTIN_SCOPES, Compiler
from .keys import ContainerType, NamedKey, runtime_key
from .overrides import OverrideMixin
from .registry import Registry
from .scopes import Cleanup, ScopeState, active

__all__ = ["InjectQ", "use_generated"]

T = TypeVar("T")
_MISSING: Any = object()


class InjectQ(Compiler, OverrideMixin, Registry, ContainerType):
    """The dependency-injection container.

    ``get`` serves an already-built singleton with one dictionary lookup and anything else through
    a precompiled plan; nothing is reflected after a key's first resolution.
    """

    def __init__(
        self,
        modules: list[Any] | None = None,
        use_async_scopes: bool = True,
        thread_safe: bool = True,
        allow_override: bool = True,
        *,
        strict_scopes: bool = False,
    ) -> None:
        self.use_async_scopes = use_async_scopes
        self.thread_safe = thread_safe
        self.allow_override = allow_override
        self._strict_scopes = strict_scopes
        self._bindings = {}
        self._factories = {}
        self._plans = {}
        self._dependents = {}
        self._singletons = {}
        self._getters = {}
        self._r: dict[Any, Any] = self._singletons  # views read by get(); emptied under overrides
        self._f: dict[Any, Any] = self._getters
        self._lock = threading.RLock()
        self._compile_lock = threading.RLock()
        self._apending = {}
        self._owner = Cleanup("container")
        self._scope_var: ContextVar[ScopeState | None] = ContextVar(
            f"injectq_scopes_{id(self)}", default=None
        )
        self._scope_names: set[str] = set(BUILTIN_SCOPES)
        self._ambient_var: ContextVar[dict[str, ScopeState] | None] = ContextVar(
            f"injectq_ambient_{id(self)}", default=None
        )
        self._custom_scopes = {}
        self._epoch = 0
        self._token = object()
        self._init_overrides()
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
    @contextmanager
    def test_mode(cls) -> Iterator[InjectQ]:
        """Swap the global instance for a fresh container for the duration of the block."""
        container = GLOBAL.new(cls)  # the generated container when one is activated
        previous = GLOBAL.swap(container)
        try:
            yield container
        finally:
            GLOBAL.swap(previous)

    # -- resolution -----------------------------------------------------------------------------
    @overload
    def get(self, service_type: type[T], name: str | None = None) -> T: ...
    @overload
    def get(self, service_type: Any, name: str | None = None) -> Any: ...

    def get(self, service_type: Any, name: str | None = None) -> Any:
        """Resolve a key (``name=`` selects a qualified binding)."""
        if name is None:
            ready = self._r
            if service_type in ready:
                return ready[service_type]
            getters = self._f
            if service_type in getters:
                try:
                    return getters[service_type]()
                except InjectQError as error:
                    raise self._explain(service_type, error) from error.__cause__
            return self._get(service_type)
        return self._get(runtime_key(service_type, name))

    def _get(self, rk: Any) -> Any:
        try:
            if self._ov_count:
                overrides = self._ov_var.get()
                if overrides is not None:
                    return self._ov_get(rk, overrides)
            return self._plan(rk).get()
        except InjectQError as error:
            raise self._explain(rk, error) from error.__cause__

    @overload
    async def aget(self, service_type: type[T], name: str | None = None) -> T: ...
    @overload
    async def aget(self, service_type: Any, name: str | None = None) -> Any: ...

    async def aget(self, service_type: Any, name: str | None = None) -> Any:
        """Resolve a key, awaiting async factories and resources; shares singletons with get."""
        rk = service_type if name is None else NamedKey(service_type, name)
        try:
            if self._ov_count:
                overrides = self._ov_var.get()
                if overrides is not None:
                    return await self._ov_aget(rk, overrides)
            plan = self._plans.get(rk)
            if plan is None:
                plan = self._plan(rk)
            aget = plan.aget
            if aget is None:
                return plan.get()
            return await aget()
        except InjectQError as error:
            raise self._explain(rk, error) from error.__cause__

    @overload
    def try_get(
        self, service_type: type[T], default: T | None = None, *, name: str | None = None
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

    @overload
    async def atry_get(
        self, service_type: type[T], default: T | None = None, *, name: str | None = None
    ) -> T | None: ...
    @overload
    async def atry_get(
        self, service_type: Any, default: Any = None, *, name: str | None = None
    ) -> Any: ...

    async def atry_get(
        self, service_type: Any, default: Any = None, *, name: str | None = None
    ) -> Any:
        try:
            return await self.aget(service_type, name)
        except DependencyNotFoundError:
            return default

    def has(self, service_type: Any, name: str | None = None) -> bool:
        """Whether a binding or factory is registered (auto-buildable classes are not)."""
        rk = runtime_key(service_type, name)
        return rk in self._bindings or rk in self._factories

    def __contains__(self, service_type: object) -> bool:
        return self.has(service_type)

    def __getitem__(self, service_type: Any) -> Any:
        return self.get(service_type)

    def __setitem__(self, service_type: Any, value: Any) -> None:
        if isinstance(value, type):
            self.bind(service_type, value, scope="singleton")
        else:
            self.bind_instance(service_type, value, allow_none=value is None)

    def __delitem__(self, service_type: Any) -> None:
        if service_type not in self._bindings:
            raise KeyError(service_type)
        del self._bindings[service_type]
        self._invalidate(service_type)

    @property
    def factories(self) -> FactoryProxy:
        """Dict view over the factory registry (0.5's ``container.factories``)."""
        return FactoryProxy(self)

    def __repr__(self) -> str:
        count = len(self._bindings) + len(self._factories)
        return f"InjectQ(services={count}, thread_safe={self.thread_safe})"

    # -- scopes ---------------------------------------------------------------------------------
    def scope(self, scope_name: Any = "request") -> ScopeState:
        """A block owning the instances of ``scope_name``; ``with`` and ``async with`` both work.

        ``with container.scope("request") as state`` yields the block's state: ``key in state``
        tells whether the block created an instance of ``key``, and ``await state.aclose()``
        finishes async resources after a synchronous exit refused to. A block may be left from
        another task than the one that entered it; its instances are cleaned up all the same.
        """
        if scope_name not in self._scope_names:  # the common case is a canonical name
            scope_name = self._scope_name(scope_name)
        return ScopeState(scope_name, "", self._scope_var)

    def async_scope(self, scope_name: Any = "request") -> ScopeState:
        """Alias of :meth:`scope` kept from 0.5 (use ``async with``)."""
        return self.scope(scope_name)

    def register_scope(self, scope: Any) -> None:
        """Make a custom scope name known, or install a 0.5 ``Scope`` (``get(key, factory)``)."""
        if isinstance(scope, str):
            self._custom_scopes.setdefault(scope, None)
            self._add_scope_var(scope)
        else:
            self._custom_scopes[scope.name] = scope
        self._invalidate_all()

    @property
    def _scope_manager(self) -> _ScopeManager:
        """0.5's private registration point for custom scopes, kept for code that used it."""
        return _ScopeManager(self)

    def _add_scope_var(self, name: str) -> None:
        self._scope_names.add(name)

    def _scope_name(self, scope_name: Any) -> str:
        name = normalize_scope(scope_name)
        if name not in self._scope_names and name not in self._custom_scopes:
            raise ScopeError(f"Unknown scope: {name}")
        return name

    def clear_scope(self, scope_name: Any) -> None:
        """Drop (and clean up) the instances of a scope in the current context."""
        name = self._scope_name(scope_name)
        custom = self._custom_scopes.get(name)
        if custom is not None:
            custom.clear()
            return
        state = active(self._scope_var.get(), name)
        if state is not None:
            state.clear()
        stores = self._ambient_var.get()
        if stores and name in stores:
            stores.pop(name).clear()

    def clear_all_scopes(self) -> None:
        for name in (*BUILTIN_SCOPES, *self._custom_scopes):
            self.clear_scope(name)

    # -- lifecycle ------------------------------------------------------------------------------
    def close(self) -> None:
        """Tear down singleton and container-owned transient resources, in reverse order."""
        self._owner.close()
        self._singletons.clear()
        self._token = object()  # compiled @inject calls must not keep closed singletons

    async def aclose(self) -> None:
        await self._owner.aclose()
        self._singletons.clear()
        self._token = object()

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
    @contextmanager
    def context(self) -> Iterator[InjectQ]:
        """Make this container current for ``@inject``, ``Inject[T]`` and the class decorators."""
        with ContainerContext.use(self):
            yield self

    def activate(self) -> None:
        """Make this container current in this context (until another one is)."""
        ContainerContext.set_current(self)

    # -- modules --------------------------------------------------------------------------------
    def install_module(self, module: Any) -> None:
        install(self, module)

    def install(self, module: Any) -> InjectQ:
        """Install a module (the guide's spelling of ``install_module``); returns the container."""
        self.install_module(module)
        return self

    # -- helpers --------------------------------------------------------------------------------
    def _check_override(self, rk: Any) -> None:
        if not self.allow_override and (rk in self._bindings or rk in self._factories):
            raise AlreadyRegisteredError(rk)

    def _check_none(self, value: Any, allow_none: bool) -> None:
        if value is None and not allow_none:
            raise BindingError("Implementation cannot be None")

    def clear(self) -> None:
        """Drop every binding, factory, plan and cached instance."""
        self._bindings.clear()
        self._factories.clear()
        self._invalidate_all()
        self.clear_all_scopes()

    def _invalidate_all(self) -> None:
        with self._compile_lock:
            self._epoch += 1
            self._token = object()
            self._plans.clear()
            self._getters.clear()
            self._dependents.clear()
            self._singletons.clear()


GLOBAL = GlobalContainer(InjectQ)
set_default_source(InjectQ.get_instance)


def use_generated(spec: str) -> InjectQ:
    """Install the generated container as the global one; call it before importing the app."""
    return GLOBAL.use_generated(spec)


class _ScopeManager:
    __slots__ = ("_container",)

    def __init__(self, container: InjectQ) -> None:
        self._container = container

    def register_scope(self, scope: Any) -> None:
        self._container.register_scope(scope)
