"""injectq-gen replaces its output atomically: a write that fails midway leaves the old file."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import Run, run_cli

Gen = Callable[..., tuple[Path, Run]]

SERVICES = """
    from injectq import singleton, transient


    @singleton
    class Clock:
        def __init__(self) -> None:
            pass


    @transient
    class Service:
        def __init__(self, clock: Clock) -> None:
            self.clock = clock
"""


def _fail(*args: object, **kwargs: object) -> None:
    raise OSError("disk full")


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_failed_write_keeps_previous_output_and_leaves_no_temp_file(
    gen: Gen, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """A write failing after the new content is written keeps the old output, and no temp file."""
    root, first = gen({"app/__init__.py": "", "app/services.py": SERVICES})
    assert first.code == 0, first.out + first.err
    output = root / "gen" / "container.py"
    before = output.read_bytes()
    services = root / "src" / "app" / "services.py"
    services.write_text(services.read_text().replace("@transient", "@singleton"))
    monkeypatch.setattr(os, step, _fail)
    failed = run_cli("--config", str(root / "pyproject.toml"), "--no-cache")
    monkeypatch.undo()
    assert failed.code == 2, failed.out + failed.err
    assert "disk full" in failed.out + failed.err
    assert output.read_bytes() == before
    assert sorted(p.name for p in output.parent.iterdir()) == ["container.py"]
    second = run_cli("--config", str(root / "pyproject.toml"), "--no-cache")
    assert second.code == 0, second.out + second.err
    assert output.read_bytes() != before
