"""0.5 import path of ``resource`` and ``ResourceError``."""

from .._errors import ResourceError
from .._resources import (
    ResourceManager,
    async_managed_resource,
    get_resource_manager,
    managed_resource,
    resource,
)

__all__ = [
    "ResourceError",
    "ResourceManager",
    "async_managed_resource",
    "get_resource_manager",
    "managed_resource",
    "resource",
]
