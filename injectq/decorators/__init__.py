"""0.5 import path of the decorators."""

from .._decorators import register_as, scoped, singleton, transient
from .._inject import inject
from .._markers import Inject
from .._resources import resource

__all__ = ["Inject", "inject", "register_as", "resource", "scoped", "singleton", "transient"]
