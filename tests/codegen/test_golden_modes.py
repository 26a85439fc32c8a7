"""Every valid golden case runs alike in runtime and generated mode.

The generated container's run (every declared key resolved twice in one request block) is recorded
per case in ``expected_program_output.txt``, re-recorded with ``--update-golden``.
"""

from __future__ import annotations

import asyncio
import importlib
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from injectq import InjectQ
from injectq_codegen._cli import main
from injectq_codegen._config import tomllib

GOLDEN = Path(__file__).parent / "golden"
CASES = ["contract_forms", "duplicate_binding", "reserved_keyword_names", "shared_singleton_reads"]


@pytest.fixture
def case(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """A generated copy of a golden case, importable; its modules are forgotten afterwards."""
    root = tmp_path / request.param
    shutil.copytree(GOLDEN / request.param / "input", root)
    assert main(["--config", str(root / "pyproject.toml"), "--no-cache"]) == 0
    config = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["injectq"]
    before = set(sys.modules)
    sys.path[:0] = [str(root / "src"), str(root / "gen")]
    try:
        yield root, config
    finally:
        sys.path.remove(str(root / "src"))
        sys.path.remove(str(root / "gen"))
        for name in set(sys.modules) - before:
            if name in ("app", "container") or name.startswith("app."):
                del sys.modules[name]


def _import_all(root: Path) -> None:
    for file in sorted((root / "src" / "app").rglob("*.py")):
        parts = file.relative_to(root / "src").with_suffix("").parts
        importlib.import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))


def _inputs(container: InjectQ, config: dict[str, Any]) -> None:
    for entry in config.get("inputs", []):
        if entry.startswith("'"):
            container.bind_instance(entry.strip("'"), "input", allow_concrete=False)
        else:
            module, _, name = entry.rpartition(".")
            cls = getattr(importlib.import_module(module), name)
            container.bind_instance(cls, cls(), allow_concrete=False)


def _observe(container: InjectQ, keys: list[Any]) -> list[tuple[str, str, bool]]:
    """Per key: the type built, and whether two resolutions in one request block agree."""

    async def run() -> list[tuple[str, str, bool]]:
        seen = []
        async with container.scope("request"):
            for rk in keys:
                key, name = rk if isinstance(rk, tuple) else (rk, None)
                first = await container.aget(key, name)
                second = await container.aget(key, name)
                seen.append((repr(rk), type(first).__qualname__, first is second))
        return seen

    return asyncio.run(run())


def _program_output(observed: list[tuple[str, str, bool]]) -> str:
    lines = [f"{key}: {built}, same within a block: {same}\n" for key, built, same in observed]
    return "".join(lines)


@pytest.mark.parametrize("case", CASES, indirect=True)
def test_golden_case_behaves_alike_in_both_modes(
    case: tuple[Path, dict[str, Any]], update_golden: bool
) -> None:
    """Same types, same sharing within a request, for every declared key; the generated
    program's output is what the case records."""
    root, config = case
    runtime = InjectQ()
    with runtime.context():
        _import_all(root)
        for spec in config.get("modules", []):
            module, _, attr = spec.partition(":")
            target = getattr(importlib.import_module(module), attr)
            runtime.install(target() if isinstance(target, type) else target)
    _inputs(runtime, config)
    generated = importlib.import_module("container").Container()
    _inputs(generated, config)
    generated.has(object)  # wire it
    keys = sorted(
        (rk for rk in generated._source.specs if rk not in generated._source.inputs), key=repr
    )
    assert keys
    observed = _observe(generated, keys)
    assert _observe(runtime, keys) == observed
    recorded = GOLDEN / root.name / "expected_program_output.txt"
    if update_golden:
        recorded.write_text(_program_output(observed), encoding="utf-8")
    assert _program_output(observed) == recorded.read_text(encoding="utf-8")
