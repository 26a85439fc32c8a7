"""0.5 import path of the decorators."""

from .._declare.decorators import register_as, scoped, singleton, transient
from .._declare.markers import Inject
from .._declare.resources import resource
from .._runtime.inject import inject

__all__ = ["Inject", "inject", "register_as", "resource", "scoped", "singleton", "transient"]
