"""Both modes from one source: ``app(source)`` gives a container and the imported module.

In runtime mode the module is imported with a fresh ``InjectQ`` current (its decorators bind
there); in generated mode ``injectq-gen`` reads the same file and the generated ``Container`` is
used. Every test taking ``app`` runs once per mode. ``LIMIT`` bounds every wait in this suite: a
test that could hang fails after it instead.
"""

from __future__ import annotations

import importlib
import itertools
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from injectq import InjectQ
from tests.codegen.conftest import run_cli

LIMIT = 20.0  # seconds: no single wait in a passing run comes near it
_COUNTER = itertools.count()

App = Callable[[str], tuple[Any, ModuleType]]


def write_package(root: Path, package: str, source: str) -> None:
    """``root/src/<package>/app.py`` holding ``source``."""
    where = root / "src" / package
    where.mkdir(parents=True)
    (where / "__init__.py").write_text("", encoding="utf-8")
    (where / "app.py").write_text(textwrap.dedent(source), encoding="utf-8")


def generate(root: Path, package: str) -> None:
    """Run ``injectq-gen`` over ``root/src/<package>`` into ``root/gen/<package>_container.py``."""
    (root / "pyproject.toml").write_text(
        "[tool.injectq]\n"
        'source_roots = ["src"]\n'
        f'scan = ["{package}"]\n'
        f'output = "gen/{package}_container.py"\n',
        encoding="utf-8",
    )
    run = run_cli("--config", str(root / "pyproject.toml"), "--no-cache")
    assert run.code == 0, run.out + run.err


@pytest.fixture(params=["runtime", "generated"])
def mode(request: pytest.FixtureRequest) -> str:
    """The container mode a test runs in."""
    return str(request.param)


@pytest.fixture
def app(mode: str, tmp_path: Path) -> Iterator[App]:
    """Make a container of ``mode`` from module source; its modules are forgotten afterwards."""
    made: list[str] = []

    def make(source: str) -> tuple[Any, ModuleType]:
        package = f"reliability_app_{next(_COUNTER)}"
        root = tmp_path / package
        write_package(root, package, source)
        sys.path[:0] = [str(root / "src"), str(root / "gen")]
        made.append(package)
        if mode == "runtime":
            container: Any = InjectQ()
            with container.context():
                module = importlib.import_module(f"{package}.app")
            return container, module
        generate(root, package)
        importlib.invalidate_caches()  # gen/ did not exist when it was put on the path
        container = importlib.import_module(f"{package}_container").Container()
        return container, importlib.import_module(f"{package}.app")

    try:
        yield make
    finally:
        for package in made:
            for name in [n for n in sys.modules if n.startswith(package)]:
                del sys.modules[name]
        sys.path[:] = [p for p in sys.path if not any(package in p for package in made)]
