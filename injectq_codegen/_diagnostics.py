"""Findings of one run: the one collector, the reader's code table, text and JSON output.

Every stage reports into one :class:`Diagnostics` collector. The reader's findings carry a
:class:`Code` (IQ1xx); the validator's problems (IQ0xx, named by the runtime's own table) become
the same :class:`Diagnostic` at one boundary, :meth:`Diagnostics.add_problem`. Every finding has a
severity, a code, a slug and, where one exists, a ``file:line:col`` position.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the warm (cached) path replays findings without importing the runtime
    from ._runtime import Problem

__all__ = [
    "Code",
    "Diagnostic",
    "Diagnostics",
    "exit_code",
    "render",
    "render_github",
    "render_json",
    "render_text",
]


class Code(str, enum.Enum):
    """The reader's finding codes; the slug is the member's name in kebab case."""

    UNSUPPORTED_FORM = "IQ101"
    SYNTAX_ERROR = "IQ102"
    UNRESOLVED_NAME = "IQ103"
    UNREADABLE_CLASS = "IQ104"
    CONFIG_ERROR = "IQ105"

    @property
    def slug(self) -> str:
        """``unsupported-form`` for ``UNSUPPORTED_FORM``."""
        return self.name.lower().replace("_", "-")


_READER_CODES = frozenset(code.value for code in Code)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding, from the reader or from the validator."""

    severity: str
    where: str
    code: str
    slug: str
    message: str
    hint: str | None = None
    key: str | None = None
    path: tuple[str, ...] = field(default=())
    detail: str = field(default="", compare=False)

    @property
    def from_reader(self) -> bool:
        """Whether the reader found it (the source is outside its contract), not the validator."""
        return self.code in _READER_CODES

    def render(self) -> str:
        """The finding as the text report prints it (position, code, message, path, hint)."""
        head = f"{self.where}: " if self.where else ""
        text = f"{head}{self.severity} {self.code} {self.slug}: {self.message}"
        if self.detail:
            text += "\n" + self.detail
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def record(self) -> dict[str, Any]:
        """Every field, for the cache: a cache hit replays the findings as they were."""
        data = asdict(self)
        data["path"] = list(self.path)
        return data

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Diagnostic:
        """The finding :meth:`record` stored."""
        return cls(**{**data, "path": tuple(data.get("path", ()))})

    def as_json(self) -> dict[str, object]:
        """The finding as one entry of the JSON report."""
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


class Diagnostics:
    """The one collector of a run's findings."""

    def __init__(self) -> None:
        self._found: list[Diagnostic] = []

    def error(self, code: Code, message: str, hint: str | None = None, where: str = "") -> None:
        """Record a reader error at ``where`` (``file:line:col``, or empty for the settings)."""
        self._found.append(Diagnostic("error", where, code.value, code.slug, message, hint))

    def add_problem(self, problem: Problem, where: str | None = None) -> None:
        """Record a validator problem; its position is ``where`` or the first binding on its
        path."""
        where = where or next((s.location for s in problem.path if s.location), None) or ""
        path = tuple(f"{s.owner}({s.param}: {s.key})" if s.param else s.owner for s in problem.path)
        self._found.append(
            Diagnostic(
                problem.severity,
                where,
                problem.code,
                problem.slug,
                problem.message,
                problem.hint,
                str(problem.key),
                path,
                _path_text(problem.render().split("\n", 1)),
            )
        )

    def sorted(self) -> list[Diagnostic]:
        """Every finding once, root causes first: a file that does not parse, then the
        settings, then errors and warnings by code, position and message.

        While a file does not parse, only syntax errors and unsupported forms are reported:
        anything else (a missing binding, an unresolved name, a module "not found") may only
        follow from the declarations that could not be read."""
        found = set(self._found)
        if any(d.code == Code.SYNTAX_ERROR.value for d in found):
            kept = {Code.SYNTAX_ERROR.value, Code.UNSUPPORTED_FORM.value}
            found = {d for d in found if d.code in kept}
        return sorted(found, key=_order)


def _path_text(parts: Sequence[str]) -> str:
    if len(parts) < 2:
        return ""
    lines = [ln for ln in parts[1].split("\n") if not ln.startswith("  hint: ")]
    return "\n".join(lines)


_ROOT_CAUSES = {Code.SYNTAX_ERROR.value: 0, Code.CONFIG_ERROR.value: 1}


def _order(diag: Diagnostic) -> tuple[int, int, str, str, str, str, str]:
    severity = 0 if diag.severity == "error" else 1
    cause = _ROOT_CAUSES.get(diag.code, 2)
    return (cause, severity, diag.code, diag.where, diag.message, diag.key or "", diag.hint or "")


def render_text(diags: Sequence[Diagnostic]) -> str:
    """The text report: one finding after another, then the counts; empty when clean."""
    if not diags:
        return ""
    errors = sum(1 for d in diags if d.severity == "error")
    warnings = len(diags) - errors
    body = "\n".join(d.render() for d in diags)
    return f"{body}\nfound {errors} error(s), {warnings} warning(s)\n"


def render_json(diags: Sequence[Diagnostic]) -> str:
    """The JSON report: ``{"diagnostics": [...]}``."""
    return json.dumps({"diagnostics": [d.as_json() for d in diags]}, indent=2) + "\n"


def exit_code(diags: Sequence[Diagnostic], strict: bool) -> int:
    """0 when clean (warnings allowed unless ``strict``), else 1."""
    if any(d.severity == "error" for d in diags):
        return 1
    if strict and diags:
        return 1
    return 0


def _escape(text: str, extra: str = "") -> str:
    out = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    for ch in extra:
        out = out.replace(ch, {":": "%3A", ",": "%2C"}[ch])
    return out


def _github_line(diag: Diagnostic) -> str:
    level = "error" if diag.severity == "error" else "warning"
    props = [f"title={_escape(f'{diag.code} {diag.slug}', ':,')}"]
    if diag.where:
        parts = diag.where.split(":")
        numbers = [p for p in parts[1:] if p.isdigit()]
        file = ":".join(parts[: len(parts) - len(numbers)])
        props.insert(0, f"file={_escape(file, ':,')}")
        for label, value in zip(("line", "col"), numbers, strict=False):
            props.insert(len(props) - 1, f"{label}={value}")
    body = diag.message + (f"\n{diag.detail}" if diag.detail else "")
    body += f"\nhint: {diag.hint}" if diag.hint else ""
    return f"::{level} {','.join(props)}::{_escape(body)}"


def render_github(diags: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands: one ``::error``/``::warning`` annotation per finding."""
    return "".join(_github_line(d) + "\n" for d in diags)


def render(diags: Sequence[Diagnostic], fmt: str) -> str:
    """The report in ``fmt``: ``text``, ``json`` or ``github``."""
    if fmt == "json":
        return render_json(diags)
    if fmt == "github":
        return render_github(diags)
    return render_text(diags)
