"""0.5 import path of the module classes."""

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
