"""Golden cases: one folder per behaviour, each with input modules and the expected result.

``input/`` holds a ``pyproject.toml`` and the source tree; ``expected_output.txt`` is what
``injectq-gen`` prints, ``expected.py`` the generated module (absent when the case fails) and
``expected_program_output.txt`` what running the generated container prints (see
``test_golden_modes``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import GOLDEN, run_cli

CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "input").is_dir())


def _check(path: Path, actual: str | None, update: bool) -> None:
    if update:
        if actual is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(actual, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8") if path.is_file() else None
    assert actual == expected, f"{path} differs; re-record with --update-golden if intended"


@pytest.mark.parametrize("case", CASES)
def test_golden_case_matches_expected_output(
    case: str, tmp_path: Path, update_golden: bool
) -> None:
    """Generating a golden case prints and writes exactly what the case folder records."""
    folder = GOLDEN / case
    project = tmp_path / case
    shutil.copytree(folder / "input", project)
    run = run_cli("--config", str(project / "pyproject.toml"), "--no-cache", "-q")
    output = project / "gen" / "container.py"
    _check(folder / "expected_output.txt", f"exit {run.code}\n{run.out}{run.err}", update_golden)
    _check(
        folder / "expected.py",
        output.read_text(encoding="utf-8") if output.is_file() else None,
        update_golden,
    )


def test_every_golden_case_has_expectations() -> None:
    """Each case folder records its expected output, so no case passes vacuously."""
    for case in CASES:
        assert (GOLDEN / case / "expected_output.txt").is_file(), case
        generates = (GOLDEN / case / "expected.py").is_file()
        assert (GOLDEN / case / "expected_program_output.txt").is_file() == generates, case
