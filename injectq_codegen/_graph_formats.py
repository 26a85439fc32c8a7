"""``injectq-gen graph``: the statically read graph as Mermaid, DOT or JSON."""

from __future__ import annotations

import json

from ._runtime import Binding, Graph, Key

__all__ = ["render_graph"]


def _edges(graph: Graph) -> list[tuple[Key, str, Key]]:
    edges: list[tuple[Key, str, Key]] = []
    for key, binding in sorted(graph.snapshot().items(), key=lambda kv: kv[0]):
        for param in binding.params:
            dep = graph.resolve_param(param)
            if dep is not None:
                edges.append((key, param.name, dep))
    return edges


def _nodes(graph: Graph) -> dict[Key, Binding | None]:
    nodes: dict[Key, Binding | None] = dict(graph.snapshot())
    for _, _, dep in _edges(graph):
        nodes.setdefault(dep, graph.lookup(dep))
    return dict(sorted(nodes.items(), key=lambda kv: kv[0]))


def render_graph(graph: Graph, fmt: str) -> str:
    """The graph's bindings and edges as ``mermaid``, ``dot`` or ``json`` text."""
    nodes = _nodes(graph)
    ids = {key: f"n{i}" for i, key in enumerate(nodes)}
    edges = _edges(graph)
    if fmt == "json":
        return (
            json.dumps(
                {
                    "nodes": [
                        {
                            "id": ids[k],
                            "key": str(k),
                            "lifetime": b.lifetime if b else "input",
                            "kind": b.kind.value if b else None,
                            "location": b.location if b else None,
                        }
                        for k, b in nodes.items()
                    ],
                    "edges": [{"from": ids[a], "param": p, "to": ids[b]} for a, p, b in edges],
                },
                indent=2,
            )
            + "\n"
        )
    if fmt == "dot":
        lines = ["digraph injectq {"]
        lines += [
            f'  {ids[k]} [label="{k} ({b.lifetime if b else "input"})"];' for k, b in nodes.items()
        ]
        lines += [f'  {ids[a]} -> {ids[b]} [label="{p}"];' for a, p, b in edges]
        return "\n".join([*lines, "}"]) + "\n"
    lines = ["graph LR"]
    lines += [f'  {ids[k]}["{k} ({b.lifetime if b else "input"})"]' for k, b in nodes.items()]
    lines += [f"  {ids[a]} -->|{p}| {ids[b]}" for a, p, b in edges]
    return "\n".join(lines) + "\n"
