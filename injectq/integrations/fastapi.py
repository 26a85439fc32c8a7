"""FastAPI: one ``request`` scope block per HTTP request and per WebSocket connection.

``setup_fastapi(container, app)`` adds :class:`InjectQRequestMiddleware`, a pure ASGI
middleware. For every HTTP request and every WebSocket connection it opens a
``container.scope("request")`` block, makes ``container`` the current container (for
``@inject``, ``Inject[T]`` and ``get_container_fastapi()``) and leaves the block once the
response has been sent or the connection has ended, also when the endpoint raises or the
request is cancelled. Endpoints declare what they need as
``Annotated[T, InjectFastAPI(T)]``; it is resolved with ``await container.aget(T)``, so async
providers and resources work, and request-scoped services are shared within one request only.
The markers are FastAPI dependencies; on async HTTP routes the middleware lets the endpoint
resolve them itself, which skips FastAPI's per-dependency work (see ``_fastapi_routes``).
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import Any, TypeVar

try:
    from fastapi import Depends
    from starlette.types import ASGIApp, Receive, Scope, Send
except ImportError as _error:  # pragma: no cover - exercised with the package hidden
    from ._blocks import missing_extra

    raise ImportError(missing_extra(__name__, "fastapi", "fastapi")) from _error

from injectq import InjectionError, InjectQ, InjectQError

from ._blocks import run_in_block
from ._fastapi_routes import MARKER, Markers, take_over

__all__ = [
    "InjectAPI",
    "InjectFastAPI",
    "InjectQRequestMiddleware",
    "get_container_fastapi",
    "setup_fastapi",
]

T = TypeVar("T")

logger = logging.getLogger("injectq.fastapi")

_container: ContextVar[InjectQ | None] = ContextVar("injectq_fastapi_container", default=None)
_CONNECTIONS = frozenset(("http", "websocket"))


def setup_fastapi(container: InjectQ, app: Any) -> None:
    """Serve ``app``'s requests and WebSocket connections from ``container``, one block each.

    Call it before the application starts; calling it again changes nothing. Closing the
    container (its singletons' resources) stays with the application, typically at the end
    of its lifespan.
    """
    added = getattr(app, "user_middleware", ())
    if any(getattr(m, "cls", None) is InjectQRequestMiddleware for m in added):
        return
    app.add_middleware(InjectQRequestMiddleware, container=container)
    logger.info("InjectQ request middleware added to %r", app)


def get_container_fastapi() -> InjectQ:
    """The container serving the current request (set by :class:`InjectQRequestMiddleware`)."""
    container = _container.get()
    if container is None:
        raise InjectionError(_NOT_SET_UP)
    return container


def InjectFastAPI(interface: type[T], *, name: str | None = None) -> T:
    """A FastAPI dependency resolving ``interface`` (``name=`` for a named binding).

    Use it as ``Annotated[T, InjectFastAPI(T)]``. A key that cannot be resolved fails the
    request (HTTP 500) and is logged on ``injectq.fastapi`` with injectq's full path.
    """

    async def resolve() -> Any:
        values: dict[str, Any] = {}
        await _resolve_into((("", interface, name),), values)
        return values[""]

    resolve.__qualname__ = f"InjectFastAPI({getattr(interface, '__name__', interface)})"
    setattr(resolve, MARKER, (interface, name))
    dependency: T = Depends(resolve)
    return dependency


InjectAPI = InjectFastAPI
"""0.5's alias of :func:`InjectFastAPI`."""


async def _resolve_into(markers: Markers, values: dict[str, Any]) -> None:
    """Resolve each marker's key from the serving container into ``values``."""
    container = _container.get()
    if container is None:
        logger.error("%s (while resolving %r)", _NOT_SET_UP, markers[0][1])
        raise InjectionError(_NOT_SET_UP)
    for parameter, interface, name in markers:
        try:
            values[parameter] = await container.aget(interface, name)
        except InjectQError:
            logger.exception("injectq could not resolve %r for the endpoint", interface)
            raise


class InjectQRequestMiddleware:
    """Pure ASGI middleware: one ``request`` scope block per HTTP request and WebSocket.

    The block is left after the application returns (the response has been sent, or the
    connection has closed). A teardown error is logged on ``injectq.fastapi``; it cannot
    change a response that has already been sent, and the next request is not affected.
    """

    def __init__(self, app: ASGIApp, *, container: InjectQ) -> None:
        self.app = app
        self.container = container
        self._routes_taken_over = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._routes_taken_over:
            self._routes_taken_over = True
            take_over(scope.get("app"), _resolve_into)  # before any route runs
        if scope["type"] not in _CONNECTIONS:
            await self.app(scope, receive, send)
            return
        await run_in_block(
            self.container, _container, _log_teardown, self.app, scope, receive, send
        )


def _log_teardown(failure: Exception, scope: Scope, receive: Receive, send: Send) -> None:
    logger.error(
        "teardown of the request scope block failed after %s %s",
        scope.get("method", "WEBSOCKET"),
        scope.get("path", "?"),
        exc_info=failure,
    )


_NOT_SET_UP = (
    "No InjectQ container serves this request: call setup_fastapi(container, app) "
    "(or add InjectQRequestMiddleware) before the application starts"
)
