"""Modules: grouped bindings, in the 0.5 binder style and the guide's ``self.bind`` style."""

from __future__ import annotations

from abc import ABC
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, overload

from .._errors import BindingError
from .._graph import SINGLETON, TRANSIENT
from .markers import UNSET

if TYPE_CHECKING:
    from .._runtime.builder import BindingBuilder
    from .._runtime.container import InjectQ

__all__ = [
    "ConfigurationModule",
    "Module",
    "ModuleBinder",
    "ProviderModule",
    "SimpleModule",
    "bind_providers",
    "install",
    "provider",
]

F = TypeVar("F", bound=Callable[..., Any])


class ModuleBinder:
    """What ``configure(self, binder)`` receives: binding calls forwarded to the container."""

    __slots__ = ("_container",)

    def __init__(self, container: InjectQ) -> None:
        self._container = container

    def bind(
        self,
        service_type: Any,
        implementation: Any = None,
        scope: Any = SINGLETON,
        to: Any = None,
        *,
        name: str | None = None,
        allow_none: bool = False,
    ) -> BindingBuilder:
        """``bind(S)`` with no implementation binds S to itself (0.5 raised BindingError)."""
        impl = to if to is not None else implementation
        if impl is None and not allow_none:
            impl = UNSET
        return self._container.bind(service_type, impl, scope, name=name, allow_none=allow_none)

    def bind_instance(
        self, service_type: Any, instance: Any, *, name: str | None = None, allow_none: bool = False
    ) -> BindingBuilder:
        """Bind a key to an existing object (a singleton)."""
        return self._container.bind_instance(
            service_type, instance, allow_none=allow_none, name=name
        )

    def bind_factory(
        self,
        service_type: Any,
        factory: Callable[..., Any],
        scope: Any = TRANSIENT,
        *,
        name: str | None = None,
    ) -> BindingBuilder:
        """Register a factory whose parameters are injected (transient by default)."""
        return self._container.bind_factory(service_type, factory, scope, name=name)

    def install(self, module: Any) -> None:
        """Install another module into the same container."""
        install(self._container, module)


class Module(ABC):  # noqa: B024 - either configure() style may be implemented
    """Base class of modules.

    Two styles are supported: 0.5's ``configure(self, binder)`` calling ``binder.bind(...)``, and
    the guide's ``configure(self)`` calling ``self.bind(K, Impl).singleton()`` and helper methods.
    """

    _binder: ModuleBinder | None = None

    def configure(self, *args: Any, **kwargs: Any) -> None:  # pragma: no cover - abstract
        """Declare the module's bindings, in either style.

        Override it as ``configure(self, binder: ModuleBinder) -> None`` (0.5's style, calling
        ``binder.bind``) or ``configure(self) -> None`` (calling ``self.bind``); this signature
        lets a type checker accept both.
        """
        raise NotImplementedError(f"{type(self).__qualname__} must implement configure()")

    def _target(self) -> ModuleBinder:
        binder = self._binder
        if binder is None:
            raise BindingError(
                f"{type(self).__qualname__}.bind() is available while the module "
                "is installed: container.install(module)"
            )
        return binder

    def bind(
        self,
        service_type: Any,
        implementation: Any = None,
        scope: Any = SINGLETON,
        to: Any = None,
        *,
        name: str | None = None,
    ) -> BindingBuilder:
        """Bind a key while the module is being installed (see ``ModuleBinder.bind``)."""
        return self._target().bind(service_type, implementation, scope, to, name=name)

    def bind_instance(
        self, service_type: Any, instance: Any, *, name: str | None = None
    ) -> BindingBuilder:
        """Bind a key to an existing object while the module is being installed."""
        return self._target().bind_instance(service_type, instance, name=name)

    def bind_factory(
        self,
        service_type: Any,
        factory: Callable[..., Any],
        scope: Any = TRANSIENT,
        *,
        name: str | None = None,
    ) -> BindingBuilder:
        """Register a factory while the module is being installed."""
        return self._target().bind_factory(service_type, factory, scope, name=name)

    def install(self, module: Any) -> None:
        """Install another module while this one is being installed."""
        self._target().install(module)


class SimpleModule(Module):
    """Queue bindings fluently (each call returns the module) and replay them when installed."""

    def __init__(self) -> None:
        self._queued: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def bind(  # type: ignore[override]  # 0.5 returns the module
        self,
        service_type: Any,
        implementation: Any = None,
        scope: Any = SINGLETON,
        to: Any = None,
        *,
        name: str | None = None,
    ) -> SimpleModule:
        """Queue ``bind``; returns the module so calls chain."""
        self._queued.append(("bind", (service_type, implementation, scope, to), {"name": name}))
        return self

    def bind_instance(  # type: ignore[override]  # 0.5 returns the module
        self,
        service_type: Any,
        instance: Any,
        *,
        name: str | None = None,
    ) -> SimpleModule:
        """Queue ``bind_instance``; returns the module so calls chain."""
        self._queued.append(("bind_instance", (service_type, instance), {"name": name}))
        return self

    def bind_factory(  # type: ignore[override]  # 0.5 returns the module
        self,
        service_type: Any,
        factory: Callable[..., Any],
        scope: Any = TRANSIENT,
        *,
        name: str | None = None,
    ) -> SimpleModule:
        """Queue ``bind_factory``; returns the module so calls chain."""
        self._queued.append(("bind_factory", (service_type, factory, scope), {"name": name}))
        return self

    def configure(self, binder: ModuleBinder | None = None) -> None:
        """Replay the queued bindings against the container being configured."""
        target = binder or self._target()
        for method, args, kwargs in self._queued:
            getattr(target, method)(*args, **kwargs)


@overload
def provider(func: F, *, scope: Any = TRANSIENT) -> F: ...
@overload
def provider(func: None = None, *, scope: Any = TRANSIENT) -> Callable[[F], F]: ...


def provider(func: F | None = None, *, scope: Any = TRANSIENT) -> Any:
    """Mark a ``Module`` method as a provider of its return annotation.

    Providers are transient by default, as in 0.5; ``@provider(scope="singleton")`` changes that.
    Generator providers are resources keyed by the type they yield.
    """

    def mark(fn: F) -> F:
        fn._is_provider = True  # type: ignore[attr-defined]  # 0.5's marker attribute
        fn.__injectq_provider_scope__ = scope  # type: ignore[attr-defined]  # read at install
        return fn

    return mark(func) if func is not None else mark


class ProviderModule(Module):
    """A module made of ``@provider`` methods (0.5's name; every ``Module`` binds its providers)."""

    def configure(self, *args: Any, **kwargs: Any) -> None:
        """Nothing beyond the providers, which ``install`` binds for every module.

        A subclass may still override it, in either style (see ``Module.configure``).
        """


def bind_providers(module: Module, target: ModuleBinder) -> None:
    """Bind each ``@provider`` method of ``module`` as a factory of its return type.

    ``Annotated[T, Named("x")]`` as the return type binds ``T`` under the name ``"x"``.
    """
    cls = type(module)
    for name in sorted(dir(cls)):
        member = getattr(cls, name, None)
        if not getattr(member, "_is_provider", False):
            continue
        from .resources import yielded_key  # provider methods only

        key, qualifier = yielded_key(member)
        if key is None:
            raise BindingError(
                f"Provider {cls.__qualname__}.{name} needs a return "
                "annotation naming the type it provides"
            )
        scope = getattr(member, "__injectq_provider_scope__", TRANSIENT)
        target.bind_factory(key, getattr(module, name), scope, name=qualifier)


class ConfigurationModule(Module):
    """Bind every item of a configuration mapping as an instance (keys become strings)."""

    def __init__(self, config_dict: dict[Any, Any]) -> None:
        self.config = dict(config_dict)

    def configure(self, binder: ModuleBinder | None = None) -> None:
        """Bind each configuration item as an instance."""
        target = binder or self._target()
        for key, value in self.config.items():
            k = key if isinstance(key, (str, type)) else str(key)
            target.bind_instance(k, value)


def install(container: InjectQ, module: Any) -> None:
    """Run a module's ``configure`` against ``container``, in whichever style it is written."""
    configure = getattr(module, "configure", None)
    if configure is None or not callable(configure):
        raise BindingError(f"{module!r} is not a module: it has no configure() method")
    takes_binder = _takes_binder(configure)
    binder = ModuleBinder(container)
    previous = getattr(module, "_binder", None)
    try:
        if isinstance(module, Module):
            module._binder = binder
        if takes_binder:
            configure(binder)
        else:
            configure()
        if isinstance(module, Module):
            bind_providers(module, binder)
    finally:
        if isinstance(module, Module):
            module._binder = previous


def _takes_binder(configure: Callable[..., Any]) -> bool:
    func = getattr(configure, "__func__", configure)
    if func in (SimpleModule.configure, ProviderModule.configure, ConfigurationModule.configure):
        return False
    code = getattr(func, "__code__", None)
    if code is not None:
        return bool(code.co_argcount >= 2)  # (self, binder)
    import inspect  # a configure without a code object (a builtin or a partial)

    return len(inspect.signature(configure).parameters) >= 1
