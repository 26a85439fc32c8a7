"""Framework integrations: FastAPI, Taskiq and FastMCP.

Each integration lives in its own module and imports its framework only when that module is
imported, so ``import injectq`` never pulls a framework in. The names are also reachable from
this package (``from injectq.integrations import setup_fastapi``); looking one up imports its
module, which fails with an ``ImportError`` naming the extra to install when the framework is
missing.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .fastapi import (
        InjectAPI,
        InjectFastAPI,
        InjectQRequestMiddleware,
        get_container_fastapi,
        setup_fastapi,
    )
    from .fastmcp import InjectMCP, InjectQMCPMiddleware, get_container_mcp, setup_mcp
    from .taskiq import InjectTask, InjectTaskiq, setup_taskiq

logger = logging.getLogger("injectq.integrations")

_MODULES = {
    "InjectAPI": "fastapi",
    "InjectFastAPI": "fastapi",
    "InjectQRequestMiddleware": "fastapi",
    "get_container_fastapi": "fastapi",
    "setup_fastapi": "fastapi",
    "InjectMCP": "fastmcp",
    "InjectQMCPMiddleware": "fastmcp",
    "get_container_mcp": "fastmcp",
    "setup_mcp": "fastmcp",
    "InjectTask": "taskiq",
    "InjectTaskiq": "taskiq",
    "setup_taskiq": "taskiq",
}

__all__ = [
    "InjectAPI",
    "InjectFastAPI",
    "InjectMCP",
    "InjectQMCPMiddleware",
    "InjectQRequestMiddleware",
    "InjectTask",
    "InjectTaskiq",
    "get_container_fastapi",
    "get_container_mcp",
    "setup_fastapi",
    "setup_mcp",
    "setup_taskiq",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
