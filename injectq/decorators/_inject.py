"""0.5's ``injectq.decorators.inject``: ``inject`` and ``Inject``."""

from .._inject import inject
from .._markers import Inject

__all__ = ["Inject", "inject"]
