"""0.5's ``injectq.utils.logging``: ``logger`` is the library's ``injectq`` logger.

It has a ``NullHandler``; attach a handler (and a level) to see InjectQ's records. Child loggers
name the part that logs: ``injectq.diagnostics``, ``injectq.components``, ...
"""

from .._log import get_logger

logger = get_logger()

__all__ = ["logger"]
