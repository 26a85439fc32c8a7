"""0.5's ``injectq.modules.base`` import path of the module classes."""

from .._declare.modules import (
    ConfigurationModule,
    Module,
    ModuleBinder,
    ProviderModule,
    SimpleModule,
    provider,
)

__all__ = [
    "ConfigurationModule",
    "Module",
    "ModuleBinder",
    "ProviderModule",
    "SimpleModule",
    "provider",
]
