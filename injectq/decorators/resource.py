"""0.5 import path of ``resource`` and ``ResourceError``."""

from .._declare.resources import (
    ResourceManager,
    async_managed_resource,
    get_resource_manager,
    managed_resource,
    resource,
)
from .._errors import ResourceError

__all__ = [
    "ResourceError",
    "ResourceManager",
    "async_managed_resource",
    "get_resource_manager",
    "managed_resource",
    "resource",
]
