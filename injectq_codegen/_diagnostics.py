"""Findings of one run: reader errors and validator problems, rendered as text or JSON.

Reader errors have their own codes (IQ1xx) next to the validator's IQ001..IQ008. Every finding has
a severity, a code and, where one exists, a ``file:line:col`` position.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ._runtime import Problem

__all__ = ["READER_CODES", "Diagnostic", "exit_code", "from_problem", "render_json", "render_text"]

READER_CODES = {
    "IQ101": "unsupported-form",
    "IQ102": "syntax-error",
    "IQ103": "unresolved-name",
    "IQ104": "unreadable-class",
    "IQ105": "config-error",
}


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One finding. Sorted by severity (errors first), then position, code and message."""

    severity: str
    where: str
    code: str
    message: str
    hint: str | None = None
    key: str | None = None
    path: tuple[str, ...] = field(default=())
    detail: str = field(default="", compare=False)

    @property
    def slug(self) -> str:
        return READER_CODES.get(self.code) or _validator_slug(self.code)

    def render(self) -> str:
        head = f"{self.where}: " if self.where else ""
        text = f"{head}{self.severity} {self.code} {self.slug}: {self.message}"
        if self.detail:
            text += "\n" + self.detail
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def as_json(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "code": self.code,
            "slug": self.slug,
            "where": self.where or None,
            "key": self.key,
            "message": self.message,
            "path": list(self.path),
            "hint": self.hint,
        }


def _validator_slug(code: str) -> str:
    from ._runtime import CODES

    return CODES.get(code, "finding")


def from_problem(problem: Problem) -> Diagnostic:
    """A validator problem as a diagnostic; its position is the first binding on its path."""
    where = next((s.location for s in problem.path if s.location), None) or ""
    detail = problem.render().split("\n", 1)
    path = tuple(f"{s.owner}({s.param}: {s.key})" if s.param else s.owner for s in problem.path)
    return Diagnostic(
        problem.severity,
        where,
        problem.code,
        problem.message,
        problem.hint,
        str(problem.key),
        path,
        _path_text(detail),
    )


def _path_text(parts: Sequence[str]) -> str:
    if len(parts) < 2:
        return ""
    lines = [ln for ln in parts[1].split("\n") if not ln.startswith("  hint: ")]
    return "\n".join(lines)


def _order(diag: Diagnostic) -> tuple[int, str, str, str]:
    return (0 if diag.severity == "error" else 1, diag.code, diag.where, diag.message)


def sort_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diags), key=_order)


def render_text(diags: Sequence[Diagnostic]) -> str:
    if not diags:
        return ""
    errors = sum(1 for d in diags if d.severity == "error")
    warnings = len(diags) - errors
    body = "\n".join(d.render() for d in diags)
    return f"{body}\nfound {errors} error(s), {warnings} warning(s)\n"


def render_json(diags: Sequence[Diagnostic]) -> str:
    return json.dumps({"diagnostics": [d.as_json() for d in diags]}, indent=2) + "\n"


def exit_code(diags: Sequence[Diagnostic], strict: bool) -> int:
    """0 when clean (warnings allowed unless ``strict``), else 1."""
    if any(d.severity == "error" for d in diags):
        return 1
    if strict and diags:
        return 1
    return 0
