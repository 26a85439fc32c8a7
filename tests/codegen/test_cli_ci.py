"""injectq-gen for people and CI: honest --check, summaries, formats and configuration errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .conftest import Run, run_cli
from .test_cli import SIMPLE

Gen = Callable[..., tuple[Path, Run]]


def test_a_comment_only_edit_does_not_make_check_fail(gen: Gen) -> None:
    """The header's fingerprint covers the generated code, not every byte of the sources."""
    root, _ = gen(SIMPLE)
    output = root / "gen" / "container.py"
    before = output.read_text(encoding="utf-8")
    services = root / "src" / "app" / "services.py"
    text = services.read_text(encoding="utf-8").replace("pass", "pass  # nothing to set up")
    services.write_text(text + "# a comment at the end\n", encoding="utf-8")
    run = run_cli("--config", str(root / "pyproject.toml"), "--check", "--no-cache")
    assert run.code == 0, run.out
    assert output.read_text(encoding="utf-8") == before


def test_check_fails_when_the_generated_code_would_change(gen: Gen) -> None:
    """An edit that changes the graph still fails --check, naming the command to run."""
    root, _ = gen(SIMPLE)
    services = root / "src" / "app" / "services.py"
    text = services.read_text(encoding="utf-8").replace("@transient", "@singleton")
    services.write_text(text, encoding="utf-8")
    run = run_cli("--config", str(root / "pyproject.toml"), "--check", "--no-cache")
    assert run.code == 1
    assert "is stale; run injectq-gen" in run.out
