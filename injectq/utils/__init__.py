"""0.5 import path of ``AlreadyRegisteredError`` and the typing aliases."""

from .._declare.types import ServiceFactory, ServiceKey
from .._errors import AlreadyRegisteredError

__all__ = ["AlreadyRegisteredError", "ServiceFactory", "ServiceKey"]
