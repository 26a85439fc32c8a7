"""W6: a 200-class graph, written out as a source file and imported.

Node ``i`` depends on nodes ``2i+1``, ``2i+2`` and ``2i+3`` (those below 200), so node 0
reaches every node, the depth is 8 and many nodes are shared. Every node is a singleton.

The generator's static reader reads source text and refuses bindings made in a loop, so the
200 classes, their ``Module`` (200 spelled-out bindings) and the straight-line hand-written
builder are written as ordinary source to ``benchmarks/_generated/wide_graph.py`` (gitignored)
when this module is first imported, and imported from there by every column. The file is only
rewritten when its text would change, so its bytecode cache survives between runs.
"""

from __future__ import annotations

import importlib
import py_compile
import sys
from pathlib import Path
from typing import Any

SIZE = 200
GENERATED_DIR = Path(__file__).parent / "_generated"
SOURCE_MODULE = "benchmarks._generated.wide_graph"
NODES_MODULE = "benchmarks._generated.wide_nodes"


def deps_of(index: int) -> tuple[int, ...]:
    return tuple(k for k in (2 * index + 1, 2 * index + 2, 2 * index + 3) if k < SIZE)


def _class_source(index: int) -> str:
    deps = deps_of(index)
    params = "".join(f", d{k}: Node{k}" for k in deps)
    body = "".join(f"        self.d{k} = d{k}\n" for k in deps) or "        pass\n"
    return f"class Node{index}:\n    def __init__(self{params}) -> None:\n{body}\n\n"


def _builder_source() -> str:
    lines = ["def build_by_hand() -> Node0:"]
    for index in reversed(range(SIZE)):
        args = ", ".join(f"n{k}" for k in deps_of(index))
        lines.append(f"    n{index} = Node{index}({args})")
    lines.append("    return n0")
    return "\n".join(lines) + "\n\n\n"


def _module_source() -> str:
    lines = ["class W6Module(Module):", "    def configure(self, binder: Any) -> None:"]
    lines += [f'        binder.bind(Node{i}, Node{i}, scope="singleton")' for i in range(SIZE)]
    return "\n".join(lines) + "\n"


HANDWIRED_MODULE = "benchmarks._generated.wide_handwired"


def handwired_text() -> str:
    """The hand-written wiring, in a module of its own: a cold start imports it like the
    generated module is imported, so both columns count the same kind of work."""
    header = (
        '"""W6 hand-written wiring: one straight-line builder.\n\n'
        'Written by benchmarks/wide.py; do not edit.\n"""\n\n'
        "from __future__ import annotations\n\n"
    )
    return header + _node_imports(NODES_MODULE) + _builder_source()


def _node_imports(module: str) -> str:
    names = "".join(f"    Node{i},\n" for i in range(SIZE))
    return f"from {module} import (  # noqa: F401\n{names})\n\n\n"


def nodes_text() -> str:
    """The 200 plain classes, in a module of their own that imports nothing: the application
    code every column shares (the hand-written wiring never imports injectq)."""
    header = (
        '"""W6 graph: 200 plain classes.\n\n'
        'Written by benchmarks/wide.py; do not edit.\n"""\n\n'
        "from __future__ import annotations\n\n\n"
    )
    return header + "".join(_class_source(i) for i in reversed(range(SIZE)))


def source_text() -> str:
    """The W6 wiring source file: the classes' imports, hand-written builder, ``W6Module``."""
    header = (
        '"""W6 graph: the 200 classes, their injectq module and a hand-written builder.\n\n'
        'Written by benchmarks/wide.py; do not edit.\n"""\n\n'
        "from __future__ import annotations\n\n"
        "from typing import Any\n\n"
        "from injectq import Module\n\n"
    )
    return header + _node_imports(NODES_MODULE) + _builder_source() + _module_source()


def write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def ensure_source() -> None:
    """Write ``benchmarks/_generated/`` (package marker + the W6 source file) when stale."""
    write_if_changed(GENERATED_DIR / "__init__.py", '"""Files written by the benchmarks."""\n')
    write_if_changed(GENERATED_DIR / "wide_nodes.py", nodes_text())
    write_if_changed(GENERATED_DIR / "wide_graph.py", source_text())
    write_if_changed(GENERATED_DIR / "wide_handwired.py", handwired_text())
    # Cold starts import from bytecode, as in production (even under PYTHONDONTWRITEBYTECODE).
    for name in ("wide_nodes.py", "wide_handwired.py"):
        py_compile.compile(str(GENERATED_DIR / name), doraise=True)


ensure_source()
importlib.invalidate_caches()
_source: Any = importlib.import_module(SOURCE_MODULE)

NODES: list[type] = [getattr(_source, f"Node{i}") for i in range(SIZE)]
ROOT: type = NODES[0]
W6Module: Any = _source.W6Module
build_by_hand = _source.build_by_hand


def cold_build_by_hand() -> object:
    """Hand-written cold start: import the wiring module (from its bytecode) and build."""
    sys.modules.pop(HANDWIRED_MODULE, None)
    return importlib.import_module(HANDWIRED_MODULE).build_by_hand()


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
