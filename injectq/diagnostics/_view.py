"""The graph as 0.5's diagnostics present it: services named by the user's own keys, with edges.

A :class:`GraphView` reads one :class:`~injectq.diagnostics._adapter.ContainerGraph`. An edge goes
from a binding to the key each of its parameters resolves to, by the graph model's own rule (a
string key equal to the parameter name first, then the annotation). A required parameter that
resolves to nothing still gets an edge, to the key it declares, so missing services show up.
Parameters typed as the container are left out. ``Lazy[T]`` parameters are drawn as dependencies
but do not close cycles (a generated container's registrations do not say which parameters are
lazy, so there they count as plain dependencies).
"""

from __future__ import annotations

from typing import Any

from .._graph import Binding, Graph, Key, Kind, Param
from .._runtime.container import InjectQ
from ._adapter import ContainerGraph

__all__ = ["GraphView"]


class GraphView:
    """Read-only queries over one container's graph, keyed by the user's keys."""

    def __init__(self, source: ContainerGraph) -> None:
        self.graph = source.graph
        self._live = source.live
        merged = self.graph.snapshot()
        self.bindings: list[Binding] = [merged[key] for key in sorted(merged)]
        self._edges: dict[Key, list[Key]] = {}
        self._eager: dict[Key, list[Key]] = {}  # without Lazy[T] edges: what cycles are made of
        for binding in self.bindings:
            self._edges[binding.key] = self._deps(binding, lazy=True)
            self._eager[binding.key] = self._deps(binding, lazy=False)

    def name(self, key: Key) -> Any:
        """The object user code names ``key`` by (a type, a string, ...)."""
        return self._live.get(key, str(key))

    def label(self, key: Key) -> str:
        """How messages and pictures name ``key``: its qualified name, or the string itself."""
        live = self.name(key)
        return live if isinstance(live, str) else str(key)

    def short(self, key: Key) -> str:
        """The label without the module path (``UserService``, ``Formatter[name='html']``)."""
        if key.is_string:
            return self.label(key)
        return key.short if key.name is None else f"{key.short}[name={key.name!r}]"

    def dep_keys(self, binding: Binding) -> list[Key]:
        return self._edges[binding.key]

    def edges(self) -> dict[Any, list[Any]]:
        """Each service's dependencies, in parameter order, by the user's keys."""
        return {self.name(k): [self.name(d) for d in deps] for k, deps in self._edges.items()}

    def registered_only(self) -> Graph:
        """The graph with auto-building switched off: 0.5's validator counts only registrations."""
        return Graph(
            dict(self.graph.bindings),
            dict(self.graph.factories),
            self.graph.provided,
            list(self.graph.duplicates),
        )

    def is_registered(self, key: Key) -> bool:
        return self.graph.has(key)

    def cycles(self) -> list[list[Any]]:
        """Every cycle a depth-first walk meets, each closed by repeating its first key."""
        found: list[list[Any]] = []
        done: set[Key] = set()

        def walk(key: Key, path: list[Key]) -> None:
            if key in path:
                found.append([self.name(k) for k in [*path[path.index(key) :], key]])
                return
            if key in done:
                return
            done.add(key)
            for dep in self._eager.get(key, ()):
                walk(dep, [*path, key])

        for key in self._eager:
            walk(key, [])
        return found

    def _deps(self, binding: Binding, lazy: bool) -> list[Key]:
        deps: list[Key] = []
        for param in binding.params:
            dep = self._dep(param) if lazy or not param.lazy else None
            if dep is not None and dep not in deps:
                deps.append(dep)
        return deps

    def _dep(self, param: Param) -> Key | None:
        if _is_container(param.annotation):
            return None
        found = self.graph.resolve_param(param)
        if found is None and param.required:
            return param.key
        return found


def _is_container(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, InjectQ)


def service_type(binding: Binding) -> str:
    """0.5's service kinds: ``"binding"`` for classes and instances, else ``"factory"``."""
    if binding.factory_table or binding.kind not in (Kind.CLASS, Kind.INSTANCE, Kind.AWAITABLE):
        return "factory"
    return "binding"
