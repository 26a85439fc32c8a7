"""What keeps the generator fast, checked for behaviour: the warm path, cheap lines, linear walks.

The timings themselves are measured by the benchmark suite (W8), never here.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from injectq_codegen._read._lines import parse, statement_lines
from injectq_codegen._runtime import (
    SINGLETON,
    TRANSIENT,
    Binding,
    Graph,
    Key,
    Kind,
    Param,
    validate,
)
from injectq_codegen._synthetic import write_project

from .conftest import GOLDEN, run_cli

_WARM = """\
import sys
from injectq_codegen._cli import main
code = main(["--config", sys.argv[1], "-q"])
heavy = sorted(m for m in ("libcst", "jinja2", "injectq") if m in sys.modules)
print(code, ",".join(heavy))
"""


def test_synthetic_project_generates_without_findings(tmp_path: Path) -> None:
    """The benchmark's synthetic project is a valid graph that generates cleanly."""
    pyproject = write_project(tmp_path, 60)
    run = run_cli("--config", str(pyproject), "--no-cache", "--strict")
    assert run.code == 0, run.out
    text = (tmp_path / "generated" / "container.py").read_text(encoding="utf-8")
    assert "def svc59()" in text
    assert "open_svc57" in text


def test_warm_run_imports_neither_libcst_jinja2_nor_the_runtime(tmp_path: Path) -> None:
    """When the cache shows nothing changed, the CLI returns before importing the pipeline."""
    pyproject = write_project(tmp_path, 20)
    assert run_cli("--config", str(pyproject)).code == 0
    done = subprocess.run(
        [sys.executable, "-c", _WARM, str(pyproject)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["0"]


def _sources() -> list[Path]:
    here = Path(__file__).resolve().parents[2]
    return sorted(
        p
        for p in [*GOLDEN.rglob("*.py"), *(here / "injectq_codegen").rglob("*.py")]
        if "syntax_error" not in p.parts
    )


@pytest.mark.parametrize("path", _sources(), ids=lambda p: p.name)
def test_statement_lines_agree_with_libcst_positions(path: Path) -> None:
    """Every line found with ast equals the line libcst's position metadata gives."""
    text = path.read_text(encoding="utf-8")
    module = cst.parse_module(text)
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    lines = statement_lines(module, parse(text))
    assert lines or not module.body
    assert {n: positions[n].start.line for n in lines} == lines


def test_statement_lines_are_empty_when_the_trees_do_not_align() -> None:
    """A tree that does not match the text yields no lines, so positions fall back to libcst."""
    module = cst.parse_module("a = 1\nb = 2\n")
    assert statement_lines(module, parse("a = 1\n")) == {}


def _leaky_chain(singletons: int, depth: int) -> Graph:
    """``singletons`` singletons over one transient chain of ``depth`` ending at a scoped key."""
    graph = Graph()

    def key(name: str) -> Key:
        return Key(f"m.{name}")

    graph.add(Binding(key("Session"), Kind.CLASS, "request", (), "m.Session", "m.py:1"))
    for i in range(depth):
        below = key(f"T{i + 1}") if i + 1 < depth else key("Session")
        param = Param("dep", below)
        graph.add(Binding(key(f"T{i}"), Kind.CLASS, TRANSIENT, (param,), f"m.T{i}", "m.py:2"))
    for i in range(singletons):
        params = (Param("first", key("T0")), Param("again", key(f"T{depth // 2}")))
        graph.add(Binding(key(f"S{i}"), Kind.CLASS, SINGLETON, params, f"m.S{i}", "m.py:3"))
    return graph


def test_scope_leaks_name_the_first_path_for_every_singleton() -> None:
    """Each singleton over a shared transient chain gets one leak, through its first parameter."""
    problems = [p for p in validate(_leaky_chain(30, 40)) if p.code == "IQ003"]
    assert [str(p.key) for p in problems] == sorted(f"m.S{i}" for i in range(30))
    for problem in problems:
        assert problem.path[0].param == "first"
        assert [str(s.key) for s in problem.path] == [
            *(f"m.T{i}" for i in range(40)),
            "m.Session",
        ]


def test_scope_leaks_through_a_transient_cycle_are_still_reported() -> None:
    """A transient cycle is a cycle finding, and the leak beside it keeps its path."""
    graph = _leaky_chain(1, 3)
    back = Param("back", Key("m.T0"))
    t2 = graph.bindings[Key("m.T2")]
    graph.bindings[Key("m.T2")] = Binding(
        t2.key, t2.kind, t2.lifetime, (back, *t2.params), t2.target, t2.location
    )
    codes = {p.code for p in validate(graph)}
    assert {"IQ002", "IQ003"} <= codes
    leak = next(p for p in validate(graph) if p.code == "IQ003")
    assert [str(s.key) for s in leak.path] == ["m.T0", "m.T1", "m.T2", "m.Session"]


def test_inlined_subtrees_are_bounded_in_size(tmp_path: Path) -> None:
    """A transient DAG is inlined up to a budget, then factories are called: no statement
    repeats a whole shared subtree, so the module stays proportional to the graph."""
    pyproject = write_project(tmp_path, 200)
    assert run_cli("--config", str(pyproject), "--no-cache").code == 0
    text = (tmp_path / "generated" / "container.py").read_text(encoding="utf-8")
    statements = [s for s in ast.walk(ast.parse(text)) if isinstance(s, ast.Return)]
    most = max(
        len(re.findall(r"\bSvc\d+\(", ast.get_source_segment(text, s) or "")) for s in statements
    )
    assert 10 < most <= 25
