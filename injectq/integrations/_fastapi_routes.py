"""The fast path for FastAPI routes: an endpoint resolves its own ``InjectFastAPI`` markers.

FastAPI solves every ``Depends`` of a route on every request, and that costs more than the
resolution behind it. So when :class:`~injectq.integrations.fastapi.InjectQRequestMiddleware`
first sees its application (at lifespan startup, else at the first request, before any
route runs), each async HTTP route whose own parameters carry markers is rewritten once: the
markers leave the route's dependency list and the endpoint is wrapped so that it awaits the
same markers itself before it runs. Everything else (sync endpoints, WebSocket routes,
markers inside other dependencies, routes added later) keeps the markers as ordinary FastAPI
dependencies, which resolve the same objects, only more slowly. No signature is read here:
FastAPI read them when the routes were declared.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable, Iterable, Iterator
from typing import Any

__all__ = ["MARKER", "take_over"]

#: Attribute carried by a marker's resolver, and by an endpoint wrapped here (``True``).
MARKER = "__injectq_marker__"

Resolver = Callable[[], Awaitable[Any]]


def take_over(app: Any) -> None:
    """Rewrite the routes of ``app`` (a FastAPI application) that can take the fast path."""
    router = getattr(app, "router", None)
    for route in _http_routes(getattr(router, "routes", ())):
        _rewrite(route.dependant)


def _http_routes(routes: Iterable[Any]) -> Iterator[Any]:
    for route in routes:
        if getattr(route, "dependant", None) is not None and getattr(route, "methods", None):
            yield route
        candidates = getattr(route, "effective_candidates", None)  # included routers
        if callable(candidates):
            yield from _http_routes(candidates())


def _rewrite(dependant: Any) -> None:
    endpoint = dependant.call
    if endpoint is None or getattr(endpoint, MARKER, None) is not None:
        return
    if not inspect.iscoroutinefunction(endpoint):
        return
    markers: list[tuple[str, Resolver]] = []
    kept = []
    for sub in dependant.dependencies:
        resolver = sub.call
        if sub.name and getattr(resolver, MARKER, None) is not None:
            markers.append((sub.name, resolver))
        else:
            kept.append(sub)
    if markers:
        dependant.dependencies = kept
        dependant.call = _resolving(endpoint, tuple(markers))


def _resolving(
    endpoint: Callable[..., Awaitable[Any]], markers: tuple[tuple[str, Resolver], ...]
) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(endpoint)
    async def resolving(**values: Any) -> Any:
        for name, resolve in markers:
            values[name] = await resolve()
        return await endpoint(**values)

    setattr(resolving, MARKER, True)
    return resolving
