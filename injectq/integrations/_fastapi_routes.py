"""The fast path for FastAPI routes: an endpoint resolves its own ``InjectFastAPI`` markers.

FastAPI solves every ``Depends`` of a route on every request, and that costs more than the
resolution behind it. So when :class:`~injectq.integrations.fastapi.InjectQRequestMiddleware`
first sees its application (at lifespan startup, else at the first request, before any
route runs), each async HTTP route whose own parameters carry markers is rewritten once: the
markers leave the route's dependency list and the endpoint is wrapped so that it resolves
their keys itself (through ``resolve_into``) before it runs. Everything else (sync
endpoints, WebSocket routes, markers inside other dependencies, routes added later) keeps
the markers as ordinary FastAPI dependencies, which resolve the same objects, only more
slowly. No signature is read here:
FastAPI read them when the routes were declared.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable, Iterable, Iterator
from typing import Any

__all__ = ["MARKER", "Markers", "ResolveInto", "take_over"]

#: Attribute of a marker's resolver (its key: ``(interface, name)``), and of an endpoint
#: wrapped here (``True``).
MARKER = "__injectq_marker__"

#: Per marker taken over: (parameter name, interface, binding name).
Markers = tuple[tuple[str, Any, "str | None"], ...]
#: Resolves ``markers`` into an endpoint's keyword arguments.
ResolveInto = Callable[[Markers, dict[str, Any]], Awaitable[None]]


def take_over(app: Any, resolve_into: ResolveInto) -> None:
    """Rewrite the routes of ``app`` (a FastAPI application) that can take the fast path."""
    router = getattr(app, "router", None)
    for route in _http_routes(getattr(router, "routes", ())):
        _rewrite(route.dependant, resolve_into)


def _http_routes(routes: Iterable[Any]) -> Iterator[Any]:
    for route in routes:
        if getattr(route, "dependant", None) is not None and getattr(route, "methods", None):
            yield route
        candidates = getattr(route, "effective_candidates", None)  # included routers
        if callable(candidates):
            yield from _http_routes(candidates())


def _rewrite(dependant: Any, resolve_into: ResolveInto) -> None:
    endpoint = dependant.call
    if endpoint is None or getattr(endpoint, MARKER, None) is not None:
        return
    if not inspect.iscoroutinefunction(endpoint):
        return
    markers = []
    kept = []
    for sub in dependant.dependencies:
        key = getattr(sub.call, MARKER, None)
        if sub.name and key is not None:
            markers.append((sub.name, *key))
        else:
            kept.append(sub)
    if markers:
        dependant.dependencies = kept
        dependant.call = _resolving(endpoint, tuple(markers), resolve_into)


def _resolving(
    endpoint: Callable[..., Awaitable[Any]], markers: Markers, resolve_into: ResolveInto
) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(endpoint)
    async def resolving(**values: Any) -> Any:
        await resolve_into(markers, values)
        return await endpoint(**values)

    setattr(resolving, MARKER, True)
    return resolving
