"""The generator's kill loop for ``make stress``: ``kill -9`` mid-run never leaves a broken file."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

from tests.reliability.conftest import write_package

__all__ = ["kill_loop"]


def _big_source(classes: int) -> str:
    lines = ["from injectq import singleton, transient", ""]
    for i in range(classes):
        arg = f"d: C{i - 1}" if i else ""
        lines += ["", "@transient" if i % 2 else "@singleton", f"class C{i}:"]
        lines += [f"    def __init__(self{', ' + arg if arg else ''}) -> None:", "        pass", ""]
    return "\n".join(lines)


def kill_loop(where: Path, rounds: int) -> str:
    """Kill ``injectq-gen`` at random moments; the output is always absent or complete."""
    root = where / "killed"
    write_package(root, "killed", _big_source(400))
    config = root / "pyproject.toml"
    config.write_text(
        '[tool.injectq]\nsource_roots = ["src"]\nscan = ["killed"]\n'
        'output = "gen/killed_container.py"\n',
        encoding="utf-8",
    )
    output = root / "gen" / "killed_container.py"
    command = [sys.executable, "-m", "injectq_codegen", "--config", str(config), "--no-cache"]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    full = time.perf_counter() - start
    broken = complete = 0
    for _ in range(rounds):
        output.unlink(missing_ok=True)
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(random.uniform(full * 0.5, full * 1.1))  # mostly while it renders and writes
        process.kill()
        process.wait(timeout=30)
        if output.exists():
            text = output.read_text(encoding="utf-8")
            try:
                compile(text, str(output), "exec")
            except SyntaxError:
                broken += 1
                continue
            if "class Container(_iq.GeneratedContainer):" in text:
                complete += 1
            else:
                broken += 1
    if broken:
        raise AssertionError(f"{broken} of {rounds} kills left a broken file")
    strays = [p.name for p in output.parent.iterdir() if p != output]
    return (
        f"{rounds} kills over a {full:.2f} s run: {complete} complete outputs, "
        f"{rounds - complete} absent, 0 broken; stray temp files: {len(strays)}"
    )
