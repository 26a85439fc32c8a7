"""0.5's ``injectq.decorators.inject``: ``inject`` and ``Inject``."""

from .._declare.markers import Inject
from .._runtime.inject import inject

__all__ = ["Inject", "inject"]
