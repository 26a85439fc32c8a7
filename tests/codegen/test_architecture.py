"""The generator's layout: its modules import each other without a cycle, and only one of them
imports injectq's private modules."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = "injectq_codegen"
ROOT = Path(__file__).resolve().parents[2] / PACKAGE


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = (PACKAGE, *path.relative_to(ROOT).with_suffix("").parts)
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, at any depth (inside functions too), but not under TYPE_CHECKING."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                yield from _imports(ast.Module(body=[child], type_ignores=[]))
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from _imports(node)


def _targets(name: str, is_package: bool, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The modules an import statement makes Python import (a submodule's packages included)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        base = node.module or ""
    else:
        parts = name.split(".")
        keep = len(parts) - node.level + (1 if is_package else 0)
        base = ".".join(parts[:keep] + ([node.module] if node.module else []))
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _imports(tree):
            for target in _targets(name, path.name == "__init__.py", node):
                parts = target.split(".")
                for cut in range(1, len(parts) + 1):
                    ancestor = ".".join(parts[:cut])
                    own_package = name.startswith(ancestor + ".")
                    if ancestor in modules and ancestor != name and not own_package:
                        edges[name].add(ancestor)
    return edges


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(edges[node]):
            if state.get(dep) == 1:
                return [*stack[stack.index(dep) :], dep]
            if dep not in state:
                found = visit(dep)
                if found is not None:
                    return found
        state[node] = 2
        stack.pop()
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found is not None:
                return found
    return None


def test_generator_modules_import_each_other_without_a_cycle() -> None:
    """No import cycle in injectq_codegen, counting imports inside functions."""
    edges = _graph()
    assert edges[f"{PACKAGE}._cli"], "the import graph was not read"
    assert _cycle(edges) is None, " -> ".join(_cycle(edges) or [])


def test_cycle_finder_reports_a_circle_of_function_level_imports() -> None:
    """The checker sees an import made inside a function as an edge of the graph."""
    tree = ast.parse("def f():\n    from ._b import x\n")
    (node,) = list(_imports(tree))
    assert _targets(f"{PACKAGE}._a", False, node) == [f"{PACKAGE}._b", f"{PACKAGE}._b.x"]
    assert _cycle({"a": {"b"}, "b": {"a"}}) == ["a", "b", "a"]


def test_only_the_runtime_module_imports_injectq_internals() -> None:
    """injectq's private modules are imported by injectq_codegen._runtime alone."""
    importers = set()
    for name, path in _modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _imports(tree):
            for target in _targets(name, path.name == "__init__.py", node):
                if target.startswith("injectq._"):
                    importers.add(name)
        if '"injectq._' in path.read_text(encoding="utf-8"):
            importers.add(name)
    assert importers == {f"{PACKAGE}._runtime"}
