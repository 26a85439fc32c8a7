"""InjectQ: dependency injection with a build step.

The runtime container resolves the graph while the program runs (development and tests);
``injectq-gen`` generates a reflection-free container from the same declarations (production).
"""

from __future__ import annotations

from ._current import set_default_source

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: ``import injectq`` is cheap
if TYPE_CHECKING:
    from logging import Logger
    from typing import Any

    from . import testing
    from ._current import ContainerContext
    from ._declare.decorators import register_as, scoped, singleton, transient
    from ._declare.markers import Current, Lazy, Named
    from ._declare.markers import TypedInject as Inject  # type-checks as the T it stands for
    from ._declare.modules import (
        ConfigurationModule,
        Module,
        ModuleBinder,
        ProviderModule,
        SimpleModule,
        provider,
    )
    from ._declare.resources import (
        async_managed_resource,
        get_resource_manager,
        managed_resource,
        resource,
    )
    from ._declare.types import (
        AsyncFactory,
        AsyncProvider,
        AsyncResourceProvider,
        Configurable,
        Factory,
        Injectable,
        Provider,
        Resolvable,
        ResourceProvider,
        Scope,
        ScopeAware,
        ScopeType,
        ServiceFactory,
        ServiceKey,
    )
    from ._errors import (
        BindingError,
        CircularDependencyError,
        CleanupError,
        DependencyNotFoundError,
        GraphError,
        InjectionError,
        InjectQError,
        ScopeError,
        ScopeLeakWarning,
    )
    from ._runtime.container import InjectQ, use_generated
    from ._runtime.inject import inject
    from .components import (
        Component,
        ComponentBinding,
        ComponentContainer,
        ComponentError,
        ComponentInterface,
        ComponentRegistry,
        ComponentScope,
        ComponentState,
    )
    from .diagnostics import DependencyProfiler, DependencyValidator, DependencyVisualizer

    logger: Logger
__version__ = "0.6.0"


def _global_container() -> InjectQ:
    """The process-wide container, for ``@inject`` and the class decorators used before anything
    imported the runtime container (importing it installs ``InjectQ.get_instance`` instead)."""
    from ._runtime.container import InjectQ

    return InjectQ.get_instance()


set_default_source(_global_container)


def _names(module: str, names: str) -> dict[str, str]:
    return dict.fromkeys(names.split(), module)


# Every public name is imported on first use, so ``import injectq`` loads nothing else and a
# program pays only for what it touches: name -> the submodule holding it.
_LAZY = {
    **_names("._current", "ContainerContext"),
    **_names("._declare.decorators", "register_as scoped singleton transient"),
    **_names("._declare.markers", "Current Inject Lazy Named"),
    **_names(
        "._declare.modules",
        "ConfigurationModule Module ModuleBinder ProviderModule SimpleModule provider",
    ),
    **_names(
        "._declare.resources",
        "async_managed_resource get_resource_manager managed_resource resource",
    ),
    **_names(
        "._declare.types",
        "AsyncFactory AsyncProvider AsyncResourceProvider Configurable Factory Injectable "
        "Provider Resolvable ResourceProvider Scope ScopeAware ScopeType ServiceFactory "
        "ServiceKey",
    ),
    **_names(
        "._errors",
        "BindingError CircularDependencyError CleanupError DependencyNotFoundError GraphError "
        "InjectionError InjectQError ScopeError ScopeLeakWarning",
    ),
    **_names("._runtime.container", "InjectQ use_generated"),
    **_names("._runtime.inject", "inject"),
    **_names(
        ".components",
        "Component ComponentBinding ComponentContainer ComponentError ComponentInterface "
        "ComponentRegistry ComponentScope ComponentState",
    ),
    **_names(".diagnostics", "DependencyProfiler DependencyValidator DependencyVisualizer"),
}


def __getattr__(name: str) -> Any:
    """Every public name, imported from its submodule on first use (PEP 562)."""
    if name == "testing":
        import importlib

        return importlib.import_module(".testing", __name__)
    if name == "logger":
        from ._log import get_logger

        found = globals()["logger"] = get_logger()
        return found
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'injectq' has no attribute {name!r}")  # (or a submodule)
    import importlib  # not before: ``from injectq import _support`` asks here first

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, the lazy ones included."""
    return sorted({*globals(), *__all__})


__all__ = [
    "AsyncFactory",
    "Component",
    "ComponentBinding",
    "ComponentContainer",
    "ComponentError",
    "ComponentInterface",
    "ComponentRegistry",
    "ComponentScope",
    "ComponentState",
    "DependencyProfiler",
    "DependencyValidator",
    "DependencyVisualizer",
    "AsyncProvider",
    "AsyncResourceProvider",
    "BindingError",
    "CircularDependencyError",
    "CleanupError",
    "Configurable",
    "ConfigurationModule",
    "ContainerContext",
    "Current",
    "DependencyNotFoundError",
    "Factory",
    "GraphError",
    "Inject",
    "InjectQ",
    "InjectQError",
    "Injectable",
    "InjectionError",
    "Lazy",
    "Module",
    "ModuleBinder",
    "Named",
    "Provider",
    "ProviderModule",
    "Resolvable",
    "ResourceProvider",
    "Scope",
    "ScopeAware",
    "ScopeError",
    "ScopeLeakWarning",
    "ScopeType",
    "ServiceFactory",
    "ServiceKey",
    "SimpleModule",
    "async_managed_resource",
    "get_resource_manager",
    "inject",
    "logger",
    "managed_resource",
    "provider",
    "register_as",
    "resource",
    "scoped",
    "singleton",
    "testing",
    "transient",
    "use_generated",
]
