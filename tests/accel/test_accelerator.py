"""The compiled accelerator is what a built checkout runs, and ``INJECTQ_PURE=1`` turns it off."""

from __future__ import annotations

import importlib
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import build_accel
from injectq._runtime import accel

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import injectq\n"
    "from injectq._runtime import accel\n"
    "from injectq._runtime.scopes import ScopeState\n"
    "print(accel.compiled(), injectq.InjectQ.__mro__[1].__module__,"
    " ScopeState.__module__)\n"
)


def _probe(**env: str) -> list[str]:
    """What a fresh interpreter loads: compiled?, the modules of Dispatch and of Block."""
    environ = {k: v for k, v in os.environ.items() if k != "INJECTQ_PURE"} | env
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environ,
        timeout=120,
        check=True,
    )
    return done.stdout.split()


def test_the_build_compiles_every_hot_module() -> None:
    """The build script and the loader agree on which modules are compiled."""
    assert build_accel.HOT_MODULES == accel.HOT_MODULES


def test_a_built_checkout_runs_the_compiled_modules() -> None:
    """Built (``make`` builds it), a fresh interpreter loads the compiled copies."""
    for name in accel.HOT_MODULES:
        spec = importlib.util.find_spec(f"injectq._runtime._{name}_c")
        assert spec is not None and spec.origin is not None, "run 'make accel' first"
        assert not spec.origin.endswith(".py")
    assert _probe() == ["True", "injectq._runtime._dispatch_c", "injectq._runtime._blocks_c"]


def test_the_compiled_modules_were_built_from_the_current_sources() -> None:
    """A compiled module records the digest of its source: an edit since needs 'make accel'."""
    runtime = ROOT / "injectq" / "_runtime"
    for name in accel.HOT_MODULES:
        built = importlib.import_module(f"injectq._runtime._{name}_c").BUILT_FROM
        assert built == build_accel.digest(runtime / f"{name}.py"), f"{name}: run 'make accel'"


def test_injectq_pure_forces_the_pure_modules() -> None:
    """``INJECTQ_PURE=1`` loads the pure-Python modules even where the compiled ones exist."""
    assert _probe(INJECTQ_PURE="1") == [
        "False",
        "injectq._runtime.dispatch",
        "injectq._runtime.blocks",
    ]


def test_this_run_uses_the_implementation_the_environment_asks_for() -> None:
    """The suite runs twice (``make pytest``): compiled, then with ``INJECTQ_PURE=1``."""
    assert accel.compiled() is (os.environ.get("INJECTQ_PURE") != "1")
