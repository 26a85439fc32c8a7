"""InjectQ: dependency injection with a build step.

The runtime container resolves the graph while the program runs (development and tests);
``injectq-gen`` generates a reflection-free container from the same declarations (production).
"""

from __future__ import annotations

import logging

from . import testing
from ._current import ContainerContext
from ._declare.decorators import register_as, scoped, singleton, transient
from ._declare.markers import Current, Inject, Lazy, Named
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

__version__ = "0.6.0"

logger = logging.getLogger("injectq")
logger.addHandler(logging.NullHandler())

__all__ = [
    "AsyncFactory",
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
