"""One collector for the reader's findings and the validator's problems, one code table."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from injectq_codegen._diagnostics import Code, Diagnostics
from injectq_codegen._runtime import CODES, Key, Problem

from .conftest import Run

Gen = Callable[..., tuple[Path, Run]]
PACKAGE = Path(__file__).resolve().parents[2] / "injectq_codegen"

BOTH = {
    "app/__init__.py": "",
    "app/services.py": """
        from typing import Annotated

        from injectq import Named, singleton

        NAME = "x"


        class Missing:
            pass


        @singleton
        class Service:
            def __init__(self, dep: Missing, other: Annotated[int, Named(NAME)]) -> None:
                self.dep = dep
    """,
}


def test_reader_codes_keep_their_numbers_and_slugs() -> None:
    """The reader's codes are stable: IQ101..IQ105 with their kebab-case slugs."""
    assert [(c.value, c.slug) for c in Code] == [
        ("IQ101", "unsupported-form"),
        ("IQ102", "syntax-error"),
        ("IQ103", "unresolved-name"),
        ("IQ104", "unreadable-class"),
        ("IQ105", "config-error"),
    ]
    assert not set(CODES) & {c.value for c in Code}


def test_validator_problem_becomes_a_diagnostic_with_the_runtime_slug() -> None:
    """A validator problem enters the collector with its own code, slug and key."""
    found = Diagnostics()
    found.add_problem(Problem("error", "IQ002", Key("app.A"), "a cycle"))
    found.error(Code.CONFIG_ERROR, "bad settings")
    config, cycle = found.sorted()  # the settings are a root cause: they come first
    assert (cycle.code, cycle.slug, cycle.key, cycle.from_reader) == (
        "IQ002",
        CODES["IQ002"],
        "app.A",
        False,
    )
    assert (config.code, config.slug, config.from_reader) == ("IQ105", "config-error", True)


def test_reader_and_validator_findings_are_reported_together(gen: Gen) -> None:
    """One run reports a reader error and a validator problem in one sorted list."""
    _, run = gen(BOTH, "--format", "json")
    codes = [(d["code"], d["slug"]) for d in json.loads(run.out)["diagnostics"]]
    assert codes == [
        ("IQ001", "missing-binding"),
        ("IQ008", "missing-input"),
        ("IQ101", "unsupported-form"),
    ]
    assert run.code == 1


def test_finding_codes_are_written_only_in_the_code_table() -> None:
    """No module of the generator spells a finding code as a literal, except the table."""
    spelled = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if re.search(r"[\"']IQ\d{3}[\"']", path.read_text(encoding="utf-8"))
    }
    assert spelled == {"_diagnostics.py"}
