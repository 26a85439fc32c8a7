"""Records on 0.5's ``injectq.*`` loggers without making ``import injectq`` load :mod:`logging`.

``log`` drops a record at once while the program has not imported :mod:`logging`: nothing can
have configured a handler for it then, so the record could not reach anyone. Once
:mod:`logging` is loaded, records go to the named child of the ``injectq`` logger, which carries a
``NullHandler`` (as in 0.5) so unconfigured programs print nothing.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from logging import Logger
    from typing import Any

__all__ = ["DEBUG", "ERROR", "INFO", "get_logger", "log"]

DEBUG, INFO, ERROR = 10, 20, 40  # logging's levels, without importing it
_loggers: dict[str, Logger] = {}


def get_logger(name: str = "injectq") -> Logger:
    """The logger ``name`` (a child of ``injectq``), the library's ``NullHandler`` in place."""
    found = _loggers.get(name)
    if found is not None:
        return found
    import logging

    root = logging.getLogger("injectq")
    if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
        root.addHandler(logging.NullHandler())
    found = _loggers[name] = logging.getLogger(name)
    return found


def log(name: str, level: int, msg: str, *args: Any) -> None:
    """Emit ``msg % args`` at ``level`` on logger ``name`` if anything could receive it."""
    if "logging" not in sys.modules:
        return
    logger = get_logger(name)
    if logger.isEnabledFor(level):
        logger.log(level, msg, *args, stacklevel=2)
