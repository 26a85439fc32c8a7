"""``injectq-gen verify``: the static graph and the runtime's introspected graph must be equal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from injectq_codegen import _verify
from injectq_codegen._config import Config
from injectq_codegen._runtime import Graph, Key
from injectq_codegen._synthetic import PACKAGE, write_project

from .conftest import PYPROJECT, run_cli


@pytest.fixture
def synthetic(tmp_path: Path) -> Iterator[Path]:
    """A synthetic project; the modules verify imports are removed afterwards."""
    path_before = list(sys.path)
    try:
        yield write_project(tmp_path, 40)
    finally:
        sys.path[:] = path_before
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def test_verify_passes_when_both_graphs_agree(synthetic: Path) -> None:
    """Decorators, a Module, resources and an @inject root read the same both ways."""
    run = run_cli("verify", "--config", str(synthetic))
    assert run.code == 0, run.out
    assert "agree" in run.out


def test_verify_fails_and_names_the_key_that_differs(
    synthetic: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A binding whose lifetime differs at runtime makes verify exit 1 naming its key."""
    real = _verify.runtime_graph
    changed = Key(f"{PACKAGE}.services_000.Svc3")

    def altered(config: Config) -> Graph:
        graph = real(config)
        graph.bindings[changed] = graph.bindings[changed].replace(lifetime="transient")
        return graph

    monkeypatch.setattr(_verify, "runtime_graph", altered)
    run = run_cli("verify", "--config", str(synthetic))
    assert run.code == 1
    assert f"{changed}: lifetime differs: static 'singleton', runtime 'transient'" in run.out


MISSING = {
    "vmissing/__init__.py": "",
    "vmissing/services.py": """
        from injectq import singleton


        class Missing:
            pass


        @singleton
        class Service:
            def __init__(self, dep: Missing) -> None:
                self.dep = dep
    """,
}


def test_verify_fails_on_a_missing_binding_even_when_the_graphs_agree(
    make_project: Callable[..., Path],
) -> None:
    """Both readings agree, but the graph is broken: verify exits 1 and names the finding."""
    root = make_project(MISSING, PYPROJECT.replace('"app"', '"vmissing"'))
    path_before = list(sys.path)
    try:
        run = run_cli("verify", "--config", str(root / "pyproject.toml"))
    finally:
        sys.path[:] = path_before
        for name in [n for n in sys.modules if n.startswith("vmissing")]:
            del sys.modules[name]
    assert run.code == 1
    assert "agree" in run.out and "IQ001 missing-binding" in run.out
