"""FastMCP (2.14 up to 4.x): one ``request`` scope block per tool call, resource read or prompt.

``setup_mcp(container, mcp)`` attaches the container to the server (as 0.5 did) and adds
:class:`InjectQMCPMiddleware`, which runs every ``tools/call``, ``resources/read`` and
``prompts/get`` in its own ``container.scope("request")`` block, left when the call returns
or fails. A handler declares what it needs with a default value, ``svc: T = InjectMCP(T)``;
it is a FastMCP dependency, so the parameter does not appear in the tool's input schema, and
it is resolved with ``await container.aget(T)``.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import Any, TypeVar

try:
    from fastmcp.dependencies import Depends
    from fastmcp.server.dependencies import get_context
    from fastmcp.server.middleware import Middleware
except ImportError as _error:  # pragma: no cover - exercised with the package hidden
    from ._blocks import missing_extra

    raise ImportError(missing_extra(__name__, "fastmcp>=2.14", "fastmcp")) from _error

from injectq import InjectionError, InjectQ, InjectQError

from ._blocks import run_in_block

__all__ = ["InjectMCP", "InjectQMCPMiddleware", "get_container_mcp", "setup_mcp"]

T = TypeVar("T")

logger = logging.getLogger("injectq.fastmcp")

_SERVER_ATTRIBUTE = "_injectq_container"
_container: ContextVar[InjectQ | None] = ContextVar("injectq_fastmcp_container", default=None)


def setup_mcp(container: InjectQ, mcp: Any) -> None:
    """Serve ``mcp``'s handlers from ``container``: one block per call (adds the middleware)."""
    setattr(mcp, _SERVER_ATTRIBUTE, container)
    if not any(isinstance(m, InjectQMCPMiddleware) for m in mcp.middleware):
        mcp.add_middleware(InjectQMCPMiddleware(container=container))
    logger.info("InjectQ container attached to %r", mcp)


def get_container_mcp() -> InjectQ:
    """The container serving the current call: the middleware's, else the server's."""
    container = _container.get()
    if container is not None:
        return container
    try:
        server = get_context().fastmcp
    except RuntimeError as error:
        raise InjectionError(_NOT_SET_UP) from error
    attached: InjectQ | None = getattr(server, _SERVER_ATTRIBUTE, None)
    if attached is None:
        raise InjectionError(_NOT_SET_UP)
    return attached


def InjectMCP(interface: type[T], *, name: str | None = None) -> T:
    """A FastMCP dependency resolving ``interface``: ``svc: T = InjectMCP(T)``.

    Hidden from the tool's input schema. A key that cannot be resolved fails the call and is
    logged on ``injectq.fastmcp``.
    """

    async def resolve() -> Any:
        try:
            return await get_container_mcp().aget(interface, name)
        except InjectQError:
            logger.exception("injectq could not resolve %r for a FastMCP handler", interface)
            raise

    resolve.__qualname__ = f"InjectMCP({getattr(interface, '__name__', interface)})"
    dependency: T = Depends(resolve)
    return dependency


class InjectQMCPMiddleware(Middleware):
    """FastMCP middleware: one ``request`` scope block per tool call, resource read or prompt.

    The container is also the current container during the call. A teardown error is
    logged on ``injectq.fastmcp``; the call's own result or error stands.
    """

    def __init__(self, *, container: InjectQ) -> None:
        self.container = container

    async def on_call_tool(self, context: Any, call_next: Any) -> Any:
        return await self._in_block(context, call_next)

    async def on_read_resource(self, context: Any, call_next: Any) -> Any:
        return await self._in_block(context, call_next)

    async def on_get_prompt(self, context: Any, call_next: Any) -> Any:
        return await self._in_block(context, call_next)

    async def _in_block(self, context: Any, call_next: Any) -> Any:
        return await run_in_block(self.container, _container, _log_teardown, call_next, context)


def _log_teardown(failure: Exception, context: Any) -> None:
    logger.error("teardown of the scope block of %s failed", context.method, exc_info=failure)


_NOT_SET_UP = (
    "No InjectQ container serves this FastMCP call: call setup_mcp(container, mcp) "
    "(or add InjectQMCPMiddleware(container=...)) before the server starts"
)
