"""The generator's layout: its modules import each other without a cycle, only one of them imports
injectq's private modules, functions stay short and public definitions are documented."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def _definitions() -> Iterator[tuple[str, Definition, bool]]:
    """Every function and class of the package, with whether it is public (its name and every
    enclosing class's name have no leading underscore, and it is not nested in a function)."""

    def walk(node: ast.AST, prefix: str, public: bool) -> Iterator[Any]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = prefix + child.name
                is_public = public and not child.name.startswith("_")
                yield name, child, is_public
                yield from walk(child, name + ".", is_public and isinstance(child, ast.ClassDef))

    for module, path in _modules().items():
        yield from walk(ast.parse(path.read_text(encoding="utf-8")), module + ":", True)


def test_generator_functions_stay_under_forty_lines() -> None:
    """No function of injectq_codegen is longer than 40 lines."""
    long = [
        f"{name} ({node.end_lineno - node.lineno + 1} lines)"
        for name, node, _ in _definitions()
        if not isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > 40
    ]
    assert long == []


def test_public_generator_definitions_have_docstrings() -> None:
    """Every public function, method and class of injectq_codegen says what it does."""
    bare = [name for name, node, public in _definitions() if public and not ast.get_docstring(node)]
    assert bare == []
