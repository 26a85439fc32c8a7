"""The one place where diagnostics read a container: its registrations as the shared graph model.

Everything else in ``injectq.diagnostics`` works on what :func:`container_graph` returns and never
touches a container's internals. A runtime container's graph is the one its own ``validate()``
checks; a generated container's graph is read from the registrations its generated module made
(``Wiring.provide``), so nothing is reflected. The profiler's link to the resolution path,
:func:`set_resolution_observer`, lives here for the same reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .._graph import SINGLETON, Binding, Graph, Key, Kind, Param
from .._runtime.container import InjectQ
from .._runtime.generated import GeneratedContainer, GeneratedPlans
from .._runtime.introspect import graph_of
from .._runtime.keys import graph_key, short_name, show, split

__all__ = ["ContainerGraph", "container_graph", "set_resolution_observer"]


@dataclass(frozen=True)
class ContainerGraph:
    """A container's graph, plus the object user code names each key by (a type, a string...)."""

    graph: Graph
    live: dict[Key, Any]


def container_graph(container: InjectQ) -> ContainerGraph:
    """The graph of ``container``'s registrations (runtime or generated)."""
    if isinstance(container, GeneratedContainer):
        return _generated_graph(container)
    graph: Graph = graph_of(container)
    registry = container._registry
    registered = [*registry.bindings, *registry.factories]
    return ContainerGraph(graph, _live_keys(registered, graph.snapshot().values()))


def _generated_graph(container: GeneratedContainer) -> ContainerGraph:
    source = container._source
    assert isinstance(source, GeneratedPlans)
    source.prepare()
    graph = Graph(provided=frozenset({Key.of(InjectQ), Key.of(type(container))}))
    provided = set(graph.provided)
    registered: list[Any] = []
    for rk in list(source.specs):
        registered.append(rk)
        graph.bindings[graph_key(rk)] = _generated_binding(source, rk)
    for rk, binding in list(container._registry.bindings.items()):
        if graph_key(rk) not in graph.bindings:  # a value bound at run time (an input, say)
            registered.append(rk)
            graph.bindings[binding.key] = binding
    for rk in source.inputs:  # values set at startup: instances, once they are set
        registered.append(rk)
        provided.add(graph_key(rk))
        if rk in source.input_values:
            value = source.input_values[rk]
            target = _target(None, "instance", value)
            graph.bindings[graph_key(rk)] = Binding(
                graph_key(rk), Kind.INSTANCE, SINGLETON, (), target, obj=value
            )
    graph.provided = frozenset(provided)
    return ContainerGraph(graph, _live_keys(registered, graph.bindings.values()))


def _generated_binding(source: GeneratedPlans, rk: Any) -> Binding:
    """A generated key's binding, its parameters read by the plan source (no reflection)."""
    spec = source.specs[rk]
    params = tuple(source.arg(p, k, q, pos, None).param for p, k, q, pos in spec.args)
    if not params and spec.deps:
        params = tuple(
            Param(show(key), Key.of(key, qualifier), explicit=True, annotation=key)
            for key, qualifier in spec.deps
        )
    target = _target(split(rk)[0], spec.kind, spec.impl)
    return Binding(
        graph_key(rk), Kind(spec.kind), spec.lifetime, params, target, spec.location, obj=spec.impl
    )


def _target(key: Any, kind: str, impl: Any) -> str:
    """What the binding is bound to, named as the runtime names it (``"instance of X"``...)."""
    obj = key if impl is None else impl
    if kind == "instance":
        return f"instance of {short_name(obj if isinstance(obj, type) else type(obj))}"
    return short_name(obj)


def _live_keys(registered: Iterable[Any], bindings: Iterable[Binding]) -> dict[Key, Any]:
    live: dict[Key, Any] = {}
    for binding in bindings:
        for param in binding.params:
            if param.key is not None and param.annotation is not None and not param.key.name:
                live.setdefault(param.key, param.annotation)
    for rk in registered:
        live[graph_key(rk)] = rk
    return live


def set_resolution_observer(observer: Any) -> None:
    """Tell the runtime which object to notify of each resolution (``None``: stop notifying).

    Every container, runtime or generated, then calls ``observer.begin_resolution(key)`` before
    and ``observer.end_resolution(key, cache_hit)`` after each ``get``/``aget`` (and each
    resolution of an ``@inject`` call); with no observer, resolving pays nothing for it.
    """
    hook = getattr(InjectQ, "_set_resolution_observer", None)
    if hook is not None:
        hook(observer)
