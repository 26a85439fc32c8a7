"""An invalid graph gives the same class of error, naming the same key, in both modes."""

from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from injectq import GraphError, InjectQ
from injectq_codegen._config import load_config
from injectq_codegen._diagnostics import Diagnostics
from injectq_codegen._read import read_project
from injectq_codegen._runtime import Key, validate

GOLDEN = Path(__file__).parent / "golden"
CASES = ["cycle", "missing_binding", "missing_input", "scope_leak"]


@pytest.fixture
def project(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    """A private copy of a golden case, importable under a unique package name."""
    case: str = request.param
    root = tmp_path / case
    shutil.copytree(GOLDEN / case / "input", root)
    before = set(sys.modules)
    sys.path.insert(0, str(root / "src"))
    try:
        yield root
    finally:
        sys.path.remove(str(root / "src"))
        for name in set(sys.modules) - before:
            if name == "app" or name.startswith("app."):
                del sys.modules[name]


def _static(root: Path) -> set[tuple[str, Key]]:
    read = read_project(load_config(root / "pyproject.toml"), Diagnostics())
    problems = validate(read.graph, read.roots)
    return {(type(p.to_exception()).__name__, p.key) for p in problems if p.severity == "error"}


def _runtime(root: Path) -> set[tuple[str, Key]]:
    container = InjectQ()
    with container.context():
        for file in sorted((root / "src" / "app").rglob("*.py")):
            parts = file.relative_to(root / "src").with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            importlib.import_module(name)
    with pytest.raises(GraphError) as info:
        container.validate()
    return {(type(e).__name__, e.problem.key) for e in info.value.problems}


@pytest.mark.parametrize("project", CASES, indirect=True)
def test_build_time_and_runtime_report_the_same_problems(project: Path) -> None:
    """Same exception classes for the same keys from injectq-gen and from validate()."""
    static = _static(project)
    assert static and static == _runtime(project)
