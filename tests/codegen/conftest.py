"""Shared fixtures for the generator's tests: throwaway projects and a CLI runner.

Golden cases are re-recorded with ``--update-golden`` (declared in the root ``tests/conftest.py``,
since pytest reads ``pytest_addoption`` only from initial conftests) or ``INJECTQ_UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import contextlib
import io
import os
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from injectq_codegen._cli import main

GOLDEN = Path(__file__).parent / "golden"

PYPROJECT = """\
[tool.injectq]
source_roots = ["src"]
scan = ["app"]
output = "gen/container.py"
"""


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def run_cli(*argv: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether golden files are re-recorded instead of compared."""
    flag = request.config.getoption("--update-golden", default=False)
    return bool(flag) or os.environ.get("INJECTQ_UPDATE_GOLDEN") == "1"


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Write ``files`` (path -> source) under ``tmp_path/src`` plus a pyproject.toml."""

    def make(files: Mapping[str, str], pyproject: str = PYPROJECT) -> Path:
        (tmp_path / "pyproject.toml").write_text(textwrap.dedent(pyproject), encoding="utf-8")
        for name, text in files.items():
            path = tmp_path / "src" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return tmp_path

    return make


@pytest.fixture
def gen(make_project: Callable[..., Path]) -> Callable[..., tuple[Path, Run]]:
    """Make a project and run ``injectq-gen`` on it with the given extra flags."""

    def run(files: Mapping[str, str], *flags: str, pyproject: str = PYPROJECT) -> tuple[Path, Run]:
        root = make_project(files, pyproject)
        return root, run_cli("--config", str(root / "pyproject.toml"), "--no-cache", *flags)

    return run
