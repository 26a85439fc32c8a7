"""0.5 import path of ``AlreadyRegisteredError`` and the typing aliases."""

from .._errors import AlreadyRegisteredError
from .._types import ServiceFactory, ServiceKey

__all__ = ["AlreadyRegisteredError", "ServiceFactory", "ServiceKey"]
