"""W8: ``injectq-gen`` on synthetic 200- and 1,000-service projects, cold and warm.

Cold: a fresh interpreter runs the generator on a freshly written project with an empty
output directory and no cache. Warm: the generator runs again on the unchanged project with
its previous output and cache in place. Both are wall-clock times of a whole subprocess, so
the interpreter start time is printed beside them. Targets (the generator issue): 1,000
services under 3 s cold and under 0.5 s warm.

The project comes from ``injectq_codegen._synthetic.write_project(root, services)`` (which
returns the project's ``pyproject.toml``) when it exists, else from the small builder below.
"""

from __future__ import annotations

import importlib
import importlib.util
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from time import perf_counter_ns

from benchmarks.report import format_ns

KEY = "W8"
SIZES = (200, 1000)
PER_MODULE = 50
PACKAGE = "synth_app"
_ENTRY = ("injectq_codegen._cli", "main")
TARGETS = {1000: (3_000_000_000, 500_000_000)}


def generator_args(pyproject: Path) -> list[str]:
    """The command line arguments of one ``injectq-gen`` run (the adapter slot)."""
    return ["--config", str(pyproject)]


def entry_available() -> str | None:
    """``None`` when the generator can be called, else the reason it cannot."""
    if importlib.util.find_spec("injectq_codegen") is None:
        return "the injectq_codegen package is not importable"
    module_name, attr = _ENTRY
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:
        return f"{module_name} does not import: {type(exc).__name__}: {exc}"
    if not callable(getattr(module, attr, None)):
        return f"{module_name}.{attr} is not callable"
    return None


def project_writer() -> tuple[Callable[[Path, int], Path], str]:
    """The synthetic-project writer to use and a line saying which one it is."""
    try:
        synthetic = importlib.import_module("injectq_codegen._synthetic")
        writer = synthetic.write_project
    except (ImportError, AttributeError):
        return write_project, "Project: the builder in `benchmarks/codegen_bench.py`."
    return writer, "Project: `injectq_codegen._synthetic.write_project`."


def _class_source(index: int) -> str:
    deps = sorted({k for k in (index - 1, index // 2) if 0 <= k < index})
    params = "".join(f", s{k}: Svc{k}" for k in deps)
    body = "".join(f"        self.s{k} = s{k}\n" for k in deps) or "        pass\n"
    return f"\n\nclass Svc{index}:\n    def __init__(self{params}) -> None:\n{body}"


def write_project(root: Path, size: int) -> Path:
    """Fallback: ``src/synth_app`` with ``size`` classes in modules of 50, one ``Module``
    binding them all (spelled out), and a ``pyproject.toml``; returns the latter."""
    package = root / "src" / PACKAGE
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    owners: dict[int, str] = {}
    for start in range(0, size, PER_MODULE):
        name = f"services_{start // PER_MODULE:03d}"
        indices = range(start, min(size, start + PER_MODULE))
        needed = sorted({k for i in indices for k in (i - 1, i // 2) if 0 <= k < start})
        imports = "".join(f"from {PACKAGE}.{owners[k]} import Svc{k}\n" for k in needed)
        source = "from __future__ import annotations\n\n" + imports
        source += "".join(_class_source(i) for i in indices)
        (package / f"{name}.py").write_text(source)
        owners.update((i, name) for i in indices)
    lines = ["from injectq import Module\n"]
    lines += [f"from {PACKAGE}.{owners[i]} import Svc{i}\n" for i in range(size)]
    lines += ["\n\nclass AppModule(Module):\n", "    def configure(self, binder) -> None:\n"]
    for i in range(size):
        scope = "singleton" if i % 2 == 0 else "transient"
        lines.append(f'        binder.bind(Svc{i}, Svc{i}, scope="{scope}")\n')
    (package / "wiring.py").write_text("".join(lines))
    pyproject = root / "pyproject.toml"
    pyproject.write_text(
        "[tool.injectq]\n"
        'source_roots = ["src"]\n'
        f'modules = ["{PACKAGE}.wiring:AppModule"]\n'
        'output = "generated/container.py"\n'
    )
    return pyproject


def _run(args: list[str], cwd: Path) -> int:
    module_name, attr = _ENTRY
    code = (
        f"import sys; from {module_name} import {attr}; "
        f"sys.argv[0] = 'injectq-gen'; sys.exit({attr}())"
    )
    start = perf_counter_ns()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True
    )
    elapsed = perf_counter_ns() - start
    if done.returncode != 0:
        shown = (done.stdout + done.stderr).strip().splitlines() or ["(no output)"]
        last = shown[0]
        raise RuntimeError(f"exit {done.returncode}: {last}")
    return elapsed


def _startup_ns(samples: int) -> float:
    times = []
    for _ in range(samples):
        start = perf_counter_ns()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(perf_counter_ns() - start)
    return statistics.median(times)


def _measure(
    size: int, cold_samples: int, warm_samples: int, writer: Callable[[Path, int], Path]
) -> tuple[float, float]:
    cold: list[int] = []
    warm: list[int] = []
    with tempfile.TemporaryDirectory(prefix="injectq-bench-") as tmp:
        for sample in range(cold_samples):
            project = Path(tmp) / f"p{sample}"
            pyproject = writer(project, size)
            cold.append(_run(generator_args(pyproject), project))
            if sample == cold_samples - 1:
                warm = [_run(generator_args(pyproject), project) for _ in range(warm_samples)]
            shutil.rmtree(project)
    return statistics.median(cold), statistics.median(warm)


def _cell(ns: float, target: int | None) -> str:
    if target is None:
        return format_ns(ns)
    verdict = "meets" if ns < target else "MISSES"
    return f"{format_ns(ns)} ({verdict} < {format_ns(target)})"


def run(quick: bool) -> list[str]:
    """The W8 section of the report, as Markdown lines."""
    lines = ["## W8: injectq-gen on synthetic projects (absolute wall-clock, subprocess)", ""]
    reason = entry_available()
    if reason is not None:
        return [*lines, f"n/a (generator not available): {reason}"]
    cold_samples, warm_samples = (1, 2) if quick else (3, 5)
    writer, which = project_writer()
    lines += ["| services | cold | warm |", "|---|---|---|"]
    for size in SIZES:
        cold_target, warm_target = TARGETS.get(size, (None, None))
        try:
            cold_ns, warm_ns = _measure(size, cold_samples, warm_samples, writer)
            cold, warm = _cell(cold_ns, cold_target), _cell(warm_ns, warm_target)
        except Exception as exc:
            cold = warm = f"FAIL: {exc}".replace("|", "\\|")
        lines.append(f"| {size} | {cold} | {warm} |")
    startup = format_ns(_startup_ns(3))
    lines += ["", which, f"Interpreter start alone (`python -c pass`): {startup}."]
    return lines
