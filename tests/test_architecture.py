"""The runtime package's import graph: no cycles, and no build-time dependencies."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import injectq

PACKAGE = Path(injectq.__file__).parent
FORBIDDEN = ("libcst", "jinja2", "injectq_codegen")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement, at module or function level, outside ``if TYPE_CHECKING:``."""
    found: list[ast.Import | ast.ImportFrom] = []
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            todo.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return found


def _targets(module: str, is_package: bool, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The absolute names of the modules one import statement loads."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module if is_package else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def _graph() -> tuple[dict[str, set[str]], set[str]]:
    """Edges between the package's modules, and every absolute name imported anywhere."""
    modules = _modules()
    edges: dict[str, set[str]] = {name: set() for name in modules}
    imported: set[str] = set()
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _imports(tree):
            targets = _targets(name, path.name == "__init__.py", node)
            imported.update(targets)
            submodules = [t for t in targets[1:] if t in modules]
            edges[name].update(submodules or [t for t in targets[:1] if t in modules])
    return edges, imported


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of modules on it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def test_runtime_package_has_no_import_cycle() -> None:
    """No module of injectq imports, directly or through others, a module that imports it."""
    edges, _ = _graph()
    assert _cycle(edges) is None


def test_cycle_finder_reports_a_cycle() -> None:
    """The cycle finder used above does find a cycle when one exists."""
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_runtime_never_imports_the_generator_or_its_dependencies() -> None:
    """injectq depends on typing-extensions only: no libcst, jinja2 or injectq_codegen."""
    _, imported = _graph()
    assert not [name for name in imported if name.partition(".")[0] in FORBIDDEN]


def test_only_the_mypy_plugin_imports_mypy_and_nothing_imports_the_plugin() -> None:
    """mypy is no dependency: ``injectq.mypy`` alone imports it, and only mypy loads that."""
    importers: dict[str, set[str]] = {}
    for name, path in _modules().items():
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            for target in _targets(name, path.name == "__init__.py", node):
                importers.setdefault(target.partition(".")[0], set()).add(name)
                importers.setdefault(target, set()).add(name)
    assert importers["mypy"] == {"injectq.mypy"}
    assert "injectq.mypy" not in importers


def test_import_graph_sees_function_level_imports() -> None:
    """Imports inside functions count as edges; imports under TYPE_CHECKING do not."""
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from .a import A\n"
        "def f():\n    from .b import B\n"
    )
    names = [t for node in _imports(tree) for t in _targets("pkg.m", False, node)]
    assert "pkg.b" in names
    assert "pkg.a" not in names


def test_import_defers_asyncio_logging_and_the_testing_helpers() -> None:
    """``import injectq`` loads no asyncio, logging or testing helpers; they load on first use."""
    code = (
        "import sys, injectq\n"
        "print([m for m in ('asyncio', 'logging', 'injectq.testing') if m in sys.modules])\n"
        "from injectq import testing\n"
        "print(injectq.logger.name, testing.test_container.__name__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.splitlines() == ["[]", "injectq test_container"]


LAYERS = {  # each stage imports only from the stages listed for it (and from itself)
    "injectq._where": (),
    "injectq._errors": ("injectq._where",),
    "injectq._current": (),
    "injectq._log": (),
    "injectq._graph": ("injectq._errors",),
    "injectq._declare": ("injectq._errors", "injectq._graph", "injectq._current", "injectq._log"),
}


def test_stages_import_only_the_stages_below_them() -> None:
    """The model knows no runtime, and what users write knows no container machinery."""
    edges, _ = _graph()
    wrong = []
    for module, targets in edges.items():
        for stage, allowed in LAYERS.items():
            if module == stage or module.startswith(f"{stage}."):
                inside = (stage, *allowed)
                wrong += [
                    (module, t)
                    for t in targets
                    if not any(t == s or t.startswith(f"{s}.") for s in inside)
                ]
    assert wrong == []
