"""InjectQ: dependency injection with a build step.

The runtime container resolves the graph while the program runs (development and tests);
``injectq-gen`` generates a reflection-free container from the same declarations (production).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._current import ContainerContext
from ._declare.decorators import register_as, scoped, singleton, transient
from ._declare.markers import Current, Lazy, Named
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

if TYPE_CHECKING:  # ``Inject[T]`` and ``Inject(T)`` type-check as the T they stand for
    from ._declare.markers import TypedInject as Inject
else:
    from ._declare.markers import Inject

__version__ = "0.6.0"

if TYPE_CHECKING:
    from logging import Logger

    from . import testing
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

# Names imported on first use, so ``import injectq`` stays cheap: name -> the submodule holding it.
_LAZY = {
    "DependencyProfiler": "diagnostics",
    "DependencyValidator": "diagnostics",
    "DependencyVisualizer": "diagnostics",
    "Component": "components",
    "ComponentBinding": "components",
    "ComponentContainer": "components",
    "ComponentError": "components",
    "ComponentInterface": "components",
    "ComponentRegistry": "components",
    "ComponentScope": "components",
    "ComponentState": "components",
}


def __getattr__(name: str) -> Any:
    """``testing``, ``logger``, the diagnostics and the components, imported on first use."""
    import importlib

    if name == "testing":
        return importlib.import_module(".testing", __name__)
    if name == "logger":
        from ._log import get_logger

        found = globals()["logger"] = get_logger()
        return found
    package = _LAZY.get(name)
    if package is None:
        raise AttributeError(f"module 'injectq' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{package}", __name__), name)
    globals()[name] = value
    return value


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
