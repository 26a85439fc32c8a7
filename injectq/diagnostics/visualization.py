"""0.5's ``DependencyVisualizer``: a container's graph as DOT, JSON or ASCII, plus statistics."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .._errors import InjectQError
from .._graph import Binding, Kind
from .._log import get_logger
from .._runtime.container import InjectQ
from ._adapter import container_graph
from ._view import GraphView, service_type

__all__ = ["DependencyVisualizer", "VisualizationError", "visualize_dependencies"]

_logger = get_logger("injectq.diagnostics")
_NO_CONTAINER = "No container set for visualization"


class VisualizationError(InjectQError):
    """The graph cannot be drawn (no container set, unknown output format)."""


class DependencyVisualizer:
    """Draws and measures a container's dependency graph.

    Node ids are the services' qualified names and labels their short names; the graph is read
    again on every call, so it reflects bindings made since the visualizer was created.
    """

    def __init__(self, container: InjectQ | None = None) -> None:
        self.container = container
        _logger.info("DependencyVisualizer initialized")

    def set_container(self, container: InjectQ | None) -> None:
        """Draw ``container`` from now on."""
        self.container = container
        _logger.debug("Container set for visualization")

    # -- output formats ---------------------------------------------------------------------
    def to_dot(
        self,
        include_scopes: bool = True,
        include_types: bool = True,
        cluster_by_scope: bool = False,
    ) -> str:
        """Graphviz source (``digraph Dependencies {``), optionally clustered by scope."""
        view = self._view()
        lines = [
            "digraph Dependencies {",
            "  rankdir=LR;",
            "  node [shape=box, style=rounded];",
            "",
        ]
        if cluster_by_scope:
            by_scope: dict[str, list[Binding]] = defaultdict(list)
            for binding in view.bindings:
                by_scope[binding.lifetime].append(binding)
            for scope, members in by_scope.items():
                lines += [f"  subgraph cluster_{scope} {{", f'    label="{scope.title()} Scope";']
                lines.append("    style=dashed;")
                lines += [f"    {_node(view, b, include_scopes, include_types)}" for b in members]
                lines += ["  }", ""]
        else:
            lines += [f"  {_node(view, b, include_scopes, include_types)}" for b in view.bindings]
        lines.append("")
        for source, target in _edges(view):
            lines.append(f"  {_quote(source)} -> {_quote(target)};")
        lines.append("}")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """``{"nodes": [...], "edges": [...], "metadata": {...}}``, ready for ``json.dumps``."""
        view = self._view()
        nodes = [_json_node(view, b) for b in view.bindings]
        edges = [{"from": s, "to": t, "type": "dependency"} for s, t in _edges(view)]
        return {
            "nodes": nodes,
            "edges": edges,
            "metadata": {
                "total_services": len(nodes),
                "total_dependencies": len(edges),
                "service_types": sorted({n["type"] for n in nodes}),
                "scopes": sorted({n["scope"] for n in nodes}),
            },
        }

    def to_ascii(self, max_width: int = 80) -> str:
        """A plain-text listing: each service, its kind and scope, and what it depends on.

        ``max_width`` is accepted for 0.5 compatibility; lines are not wrapped.
        """
        view = self._view()
        lines = ["=== Dependency Graph ===", ""]
        for binding in sorted(view.bindings, key=lambda b: view.label(b.key)):
            header = f"{view.short(binding.key)} ({service_type(binding)}, {binding.lifetime})"
            lines += [header, "-" * len(header)]
            deps = sorted(view.dep_keys(binding), key=view.label)
            if deps:
                lines.append("Dependencies:")
                lines += [f"  └─ {view.short(d)}" for d in deps]
            else:
                lines.append("No dependencies")
            lines.append("")
        return "\n".join(lines)

    def save_graph(self, filename: str, format: str = "dot", **kwargs: Any) -> None:
        """Write the graph to ``filename`` (UTF-8) as ``"dot"``, ``"json"`` or ``"ascii"``."""
        if format == "dot":
            content = self.to_dot(**kwargs)
        elif format == "json":
            content = json.dumps(self.to_json(), indent=2)
        elif format == "ascii":
            content = self.to_ascii(**kwargs)
        else:
            raise VisualizationError(f"Unknown format: {format}")
        Path(filename).write_text(content, encoding="utf-8")

    # -- analysis ---------------------------------------------------------------------------
    def get_statistics(self) -> dict[str, Any]:
        """Counts by kind and scope, dependency totals, and the busiest services (top five)."""
        if self.container is None:
            return {}
        view = self._view()
        edges = view.edges()
        counts = [len(deps) for deps in edges.values()]
        total = sum(counts)
        dependents = Counter(dep for deps in edges.values() for dep in deps)
        most = sorted(((key, len(deps)) for key, deps in edges.items()), key=lambda kv: -kv[1])
        return {
            "total_services": len(view.bindings),
            "total_dependencies": total,
            "average_dependencies": total / len(view.bindings) if view.bindings else 0,
            "max_dependencies": max(counts, default=0),
            "services_by_type": dict(Counter(service_type(b) for b in view.bindings)),
            "services_by_scope": dict(Counter(b.lifetime for b in view.bindings)),
            "most_dependencies": most[:5],
            "most_depended_upon": dependents.most_common(5),
        }

    def find_cycles(self) -> list[list[Any]]:
        """Each dependency cycle, its first key repeated at the end."""
        return self._view().cycles() if self.container is not None else []

    def get_dependency_path(self, from_service: Any, to_service: Any) -> list[Any] | None:
        """The shortest chain of dependencies from one service to another, or None."""
        if from_service == to_service:
            return [from_service]
        edges = self._view().edges() if self.container is not None else {}
        queue, seen = [[from_service]], {from_service}
        while queue:
            path = queue.pop(0)
            for dep in edges.get(path[-1], ()):
                if dep == to_service:
                    return [*path, dep]
                if dep not in seen:
                    seen.add(dep)
                    queue.append([*path, dep])
        return None

    def _view(self) -> GraphView:
        if self.container is None:
            raise VisualizationError(_NO_CONTAINER)
        return GraphView(container_graph(self.container))


def visualize_dependencies(container: InjectQ) -> DependencyVisualizer:
    """What ``container.visualize_dependencies()`` returns: a visualizer of that container."""
    return DependencyVisualizer(container)


def _edges(view: GraphView) -> Iterator[tuple[str, str]]:
    for binding in view.bindings:
        for dep in view.dep_keys(binding):
            yield view.label(binding.key), view.label(dep)


def _node(view: GraphView, binding: Binding, scopes: bool, types: bool) -> str:
    parts = [view.short(binding.key)]
    if types:
        kind = service_type(binding)
        if kind == "factory":
            parts.append("(factory)")
        elif binding.kind is Kind.CLASS:
            parts.append("(class)")
        elif binding.kind is Kind.INSTANCE:
            parts.append("(instance)")
    if scopes:
        parts.append(f"[{binding.lifetime}]")
    label = "\\n".join(p.replace('"', '\\"') for p in parts)
    return f'{_quote(view.label(binding.key))} [label="{label}"{_attributes(binding)}];'


def _attributes(binding: Binding) -> str:
    kind = service_type(binding)
    attrs = ["color=orange"] if kind == "factory" else []
    if kind == "binding":
        colors = {Kind.CLASS: "color=blue", Kind.INSTANCE: "color=green"}
        attrs.append(colors.get(binding.kind, "color=gray"))
    if binding.lifetime == "singleton":
        attrs.append("penwidth=3")
    elif binding.lifetime == "transient":
        attrs.append('style="rounded,dashed"')
    return ", " + ", ".join(attrs)


def _quote(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _json_node(view: GraphView, binding: Binding) -> dict[str, Any]:
    return {
        "id": view.label(binding.key),
        "label": view.short(binding.key),
        "type": service_type(binding),
        "scope": binding.lifetime,
        "implementation": binding.target,
        "is_class": binding.kind is Kind.CLASS,
        "is_instance": binding.kind is Kind.INSTANCE,
        "dependencies": [view.label(d) for d in view.dep_keys(binding)],
    }
