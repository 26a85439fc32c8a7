"""Runs ``injectq-gen`` on the benchmark wiring, once per workload, at the start of a run.

Settings come from ``benchmarks/injectq-gen.toml``; each workload's module (and, for W7,
the scanned module holding the ``@inject`` function) and its output file are passed on the
command line, because one generator run produces one container. The outputs land in the
gitignored ``benchmarks/_generated/`` as ``w1_container.py`` ... ``w7_container.py``. Each is
compiled to its ``__pycache__`` file explicitly (``py_compile``, which works even under
``PYTHONDONTWRITEBYTECODE``), so imports read bytecode as in production, then imported once.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import py_compile
import sys
from pathlib import Path
from time import perf_counter_ns

from benchmarks import wide
from benchmarks.injectq_wiring import GENERATOR_INPUTS

CONFIG = Path(__file__).parent / "injectq-gen.toml"
PACKAGE = "benchmarks._generated"
GENERATED = Path(__file__).parent / "_generated"

_done: dict[str, str | None] | None = None


def module_name(key: str) -> str:
    return f"{PACKAGE}.{key.lower()}_container"


def generator_argv(key: str) -> list[str]:
    spec, scan = GENERATOR_INPUTS[key]
    argv = ["--config", str(CONFIG), "--module", spec, "--no-cache", "--strict"]
    for package in scan:
        argv += ["--scan", package]
    return [*argv, "--output", f"_generated/{key.lower()}_container.py"]


def _run_one(key: str) -> str | None:
    from injectq_codegen._cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(generator_argv(key))
    if code != 0:
        text = (out.getvalue() + err.getvalue()).strip().splitlines() or ["(no output)"]
        return f"injectq-gen exit {code}: {text[0]}"
    compile_cached(GENERATED / f"{key.lower()}_container.py")
    sys.modules.pop(module_name(key), None)
    importlib.invalidate_caches()
    importlib.import_module(module_name(key))
    return None


def compile_cached(path: Path) -> None:
    """Write ``path``'s bytecode cache, as an installed application has it."""
    py_compile.compile(str(path), doraise=True)


def generate_all() -> dict[str, str | None]:
    """Workload key -> ``None`` when its container was generated, else the reason it was not."""
    global _done
    if _done is None:
        wide.ensure_source()
        compile_cached(GENERATED / "wide_graph.py")
        start = perf_counter_ns()
        _done = {}
        for key in GENERATOR_INPUTS:
            try:
                _done[key] = _run_one(key)
            except Exception as exc:
                _done[key] = f"{type(exc).__name__}: {exc}"
        ms = (perf_counter_ns() - start) / 1e6
        print(f"... injectq-gen: {len(_done)} containers in {ms:.0f} ms", file=sys.stderr)
    return _done
