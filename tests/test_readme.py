"""The README's tour runs as written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.readme_tour import ROOT, tour


def test_readme_tour_runs(tmp_path: Path) -> None:
    """The README's tour (the block ``make typecheck`` checks) runs and prints what it says."""
    script = tmp_path / "tour.py"
    script.write_text(tour()[0], encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "sqlite:///shop.db"


def test_readme_tour_lines_are_the_readme_lines() -> None:
    """``tour()`` gives the block under "## A short tour" and the README line it starts on."""
    source, first = tour()
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[first - 2] == "```python"
    assert "## A short tour" in lines[: first - 1]
    assert lines[first - 1 : first - 1 + source.count("\n")] == source.splitlines()
