"""Deep dependency chains: 500 levels resolve in both modes; deeper ones fail with a clear error."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from injectq import InjectionError

from .conftest import App


def chain_source(levels: int, decorator: str = "transient") -> str:
    """``C0 <- C1 <- ... <- C{levels-1}``: each class takes the previous one."""
    lines = [f"from injectq import {decorator}", "", "", f"@{decorator}", "class C0:", "    pass"]
    for i in range(1, levels):
        lines += ["", "", f"@{decorator}", f"class C{i}:"]
        lines += [f"    def __init__(self, d: C{i - 1}) -> None:", "        self.d = d"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("decorator", ["transient", "singleton"])
def test_a_chain_of_500_levels_resolves(app: App, decorator: str) -> None:
    """get and aget build every level of a 500-deep chain."""
    container, module = app(chain_source(500, decorator))
    top = container.get(module.C499)
    depth = 1
    while not isinstance(top, module.C0):
        top, depth = top.d, depth + 1
    assert depth == 500
    assert isinstance(asyncio.run(container.aget(module.C499)), module.C499)


def test_a_chain_beyond_the_limit_raises_one_injectq_error_naming_depth_and_start(
    app: App,
) -> None:
    """No bare RecursionError: the error says how deep the chain is and where its path starts."""
    container, module = app(chain_source(1500, "singleton"))
    for resolve in (
        lambda: container.get(module.C1499),
        lambda: asyncio.run(container.aget(module.C1499)),
    ):
        with pytest.raises(InjectionError) as caught:
            resolve()
        message = str(caught.value)
        assert "1500 levels deep" in message
        assert "the path starts C1499 -> C1498" in message
        assert "recursion limit" in message
    assert isinstance(container.get(module.C400), module.C400)  # shorter chains still resolve


def test_an_applications_own_recursion_is_not_reported_as_a_deep_chain() -> None:
    """A constructor that recurses forever raises its own RecursionError, wrapped as usual."""
    from injectq import InjectQ, InjectQError

    class Loop:
        def __init__(self) -> None:
            def spin(n: int) -> int:
                return spin(n + 1)

            spin(0)

    container = InjectQ()
    container.bind(Loop, Loop)
    with pytest.raises((RecursionError, InjectQError)) as caught:
        container.get(Loop)
    assert "levels deep" not in str(caught.value)


def _deep_graph(levels: int, lifetime: str, close_cycle: bool = False) -> Any:
    from injectq._graph import Graph
    from injectq._graph.model import Binding, Key, Kind, Param

    keys = [Key.string(f"k{i}") for i in range(levels)]
    bindings = {}
    for i, key in enumerate(keys):
        below = keys[i - 1] if i else (keys[-1] if close_cycle else None)
        params = (Param("d", below, explicit=True),) if below is not None else ()
        bindings[key] = Binding(key, Kind.FACTORY, lifetime, params, target=f"f{i}")
    return Graph(bindings=bindings)


@pytest.mark.parametrize("lifetime", ["singleton", "transient"])
def test_the_validator_walks_a_54k_deep_chain_without_recursing(lifetime: str) -> None:
    """A 54,000-level chain validates with no problem and no RecursionError."""
    from injectq._graph import validate

    assert [p for p in validate(_deep_graph(54_000, lifetime)) if p.severity == "error"] == []


def test_the_validator_reports_a_54k_long_cycle_as_a_cycle() -> None:
    """Closing a 54,000-level chain into a loop is one cycle problem, found without recursing."""
    from injectq._graph import validate

    errors = [p for p in validate(_deep_graph(54_000, "transient", close_cycle=True))]
    assert [p.code for p in errors if p.severity == "error"] == ["IQ002"]


def test_injectq_gen_on_a_graph_too_deep_for_it_exits_2_with_a_message(tmp_path: Any) -> None:
    """Past what the generator can nest, it fails with exit 2 and one clear line, no traceback."""
    import sys

    from tests.codegen.conftest import run_cli

    from .conftest import write_package

    write_package(tmp_path, "deep", chain_source(1500, "singleton"))
    config = tmp_path / "pyproject.toml"
    config.write_text(
        '[tool.injectq]\nsource_roots = ["src"]\nscan = ["deep"]\noutput = "gen/deep.py"\n',
        encoding="utf-8",
    )
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(400)  # a 1,500-level chain is then far beyond what it can nest
    try:
        run = run_cli("--config", str(config), "--no-cache")
    finally:
        sys.setrecursionlimit(limit)
    assert run.code == 2
    assert "nests deeper than Python's recursion limit" in run.err
    assert "Traceback" not in run.err + run.out
    assert not (tmp_path / "gen" / "deep.py").exists()
