"""W6: a 200-class graph, defined once at import time.

Node ``i`` depends on nodes ``2i+1``, ``2i+2`` and ``2i+3`` (those below 200), so node 0
reaches every node, the depth is 8 and many nodes are shared. Every node is a singleton.
The classes are ordinary classes with annotated ``__init__`` parameters; their source is
produced by a loop here instead of being spelled out 200 times, and so is the straight-line
hand-written builder used as the W6 baseline.
"""

from __future__ import annotations

from collections.abc import Callable

SIZE = 200


def deps_of(index: int) -> tuple[int, ...]:
    return tuple(k for k in (2 * index + 1, 2 * index + 2, 2 * index + 3) if k < SIZE)


def _class_source(index: int) -> str:
    deps = deps_of(index)
    params = "".join(f", d{k}: Node{k}" for k in deps)
    body = "".join(f"        self.d{k} = d{k}\n" for k in deps) or "        pass\n"
    return f"class Node{index}:\n    def __init__(self{params}) -> None:\n{body}\n"


def _builder_source() -> str:
    lines = ["def build_by_hand() -> Node0:"]
    for index in reversed(range(SIZE)):
        args = ", ".join(f"n{k}" for k in deps_of(index))
        lines.append(f"    n{index} = Node{index}({args})")
    lines.append("    return n0")
    return "\n".join(lines) + "\n"


def _define() -> tuple[list[type], Callable[[], object]]:
    namespace = globals()
    source = "".join(_class_source(i) for i in reversed(range(SIZE))) + _builder_source()
    exec(compile(source, "<benchmarks.wide>", "exec"), namespace)
    classes = [namespace[f"Node{i}"] for i in range(SIZE)]
    builder = namespace["build_by_hand"]
    return classes, builder


NODES, build_by_hand = _define()
ROOT: type = NODES[0]
DEPS: dict[type, tuple[type, ...]] = {
    NODES[i]: tuple(NODES[k] for k in deps_of(i)) for i in range(SIZE)
}


def verify_graph(root: object) -> None:
    """Check that every node was built once and shared wherever it is depended on."""
    seen: dict[int, object] = {}
    stack: list[tuple[int, object]] = [(0, root)]
    while stack:
        index, node = stack.pop()
        if type(node) is not NODES[index]:
            raise AssertionError(f"node {index} has type {type(node).__name__}")
        known = seen.get(index)
        if known is not None:
            if known is not node:
                raise AssertionError(f"singleton Node{index} was built more than once")
            continue
        seen[index] = node
        stack.extend((k, getattr(node, f"d{k}")) for k in deps_of(index))
    if len(seen) != SIZE:
        raise AssertionError(f"reached {len(seen)} of {SIZE} nodes")
