"""One generator run: read, validate, plan, render, check. Returns data; writes nothing."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from ._config import Config
from ._diagnostics import Code, Diagnostic, Diagnostics
from ._plan import plan_module
from ._read import ReadResult, read_project
from ._render import render_module
from ._runtime import Problem, validate
from ._templates import templates_digest
from ._write import check_compiles

__all__ = ["Outcome", "analyze", "generate", "injectq_version"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """The findings of a run and, when there were no errors, the generated module's text."""

    diagnostics: list[Diagnostic]
    read: ReadResult
    text: str | None = None


def injectq_version() -> str:
    """The installed injectq version, written into the header."""
    import injectq

    return str(getattr(injectq, "__version__", "0"))


def settings_fingerprint(config: Config) -> str:
    """The settings, injectq version and templates: what the header's fingerprint covers."""
    digest = hashlib.sha256()
    digest.update(config.fingerprint_text().encode())
    digest.update(injectq_version().encode())
    digest.update(templates_digest().encode())
    return digest.hexdigest()


_PLACEHOLDER = "0" * 32


def _output_fingerprint(config: Config, draft: str) -> str:
    """The settings and the generated code itself (rendered with a placeholder fingerprint).

    An edit that leaves the generated code the same (a comment, a docstring, a function the
    graph does not use) leaves the fingerprint the same, so ``--check`` does not fail on it; and
    no file is fingerprinted by its location, so the same project gives the same header from a
    checkout or from an installed wheel.
    """
    digest = hashlib.sha256(settings_fingerprint(config).encode())
    digest.update(draft.encode())
    return digest.hexdigest()[:32]


_MISSING = frozenset({"missing-binding", "missing-input"})  # the validator's slugs


def _third_party_hint(read: ReadResult, problem: Problem) -> Problem:
    """A hint for a missing key the reader could not build: how to provide it."""
    if problem.slug not in _MISSING or problem.hint is not None or problem.key.is_string:
        return problem
    if problem.key.ident.startswith("builtins.") and problem.path and problem.path[-1].param:
        name = problem.path[-1].param
        return replace(
            problem,
            hint=f"parameters match a string key by name first: declare the "
            f"input \"'{name}'\" in [tool.injectq] inputs, or bind '{name}'",
        )
    found = read.graph.auto(problem.key) if read.graph.auto else None
    reason = read.not_auto_built(problem.key) if read.not_auto_built else None
    if found is None and reason is not None:
        return replace(problem, hint=f"{problem.key.short} {reason}")
    if found is None:
        return replace(
            problem,
            hint=f"{problem.key} is not a class the reader can build from the "
            "source roots: bind it in a module, add a @provider that returns it, or "
            "declare it as an input",
        )
    return problem


def _where(read: ReadResult, problem: Problem) -> str | None:
    """An unused binding has no path: its position is the binding's own location."""
    if problem.slug != "unused-binding":
        return None
    binding = read.graph.lookup(problem.key)
    return binding.location if binding is not None else None


_UNANNOTATED = re.compile(
    r"parameter '(?P<name>\w+)' of (?P<owner>\S+) has no annotation and no default"
)


def _unannotated(read: ReadResult, problem: Problem, diagnostics: Diagnostics) -> bool:
    """A parameter the validator found without a key, reported at the parameter itself: an
    unresolved annotation (a typo, also in a string annotation) as IQ103 with the nearest name.
    False when the problem is not about such a parameter, or its source is not read."""
    found = _UNANNOTATED.fullmatch(problem.message)
    if found is None or read.param_site is None:
        return False
    site = read.param_site(found["owner"], found["name"])
    if site is None:
        return False
    if site.annotation is None:
        diagnostics.add_problem(problem, site.where)
        return True
    near = f"; did you mean {site.near!r}?" if site.near else ""
    diagnostics.error(
        Code.UNRESOLVED_NAME,
        f"the annotation {site.annotation!r} of parameter {found['name']!r} of "
        f"{found['owner']} does not resolve{near}",
        "fix the name, or import it at module level (under TYPE_CHECKING is fine)",
        site.where,
    )
    return True


def analyze(config: Config) -> tuple[ReadResult, list[Diagnostic]]:
    """Read and validate: every finding, sorted."""
    diagnostics = Diagnostics()
    read = read_project(config, diagnostics)
    problems = validate(
        read.graph,
        read.roots,
        strict_duplicates=not config.allow_override,
        report_unused=config.report_unused and bool(read.roots),
    )
    for problem in problems:
        if not _unannotated(read, problem, diagnostics):
            diagnostics.add_problem(_third_party_hint(read, problem), _where(read, problem))
    return read, diagnostics.sorted()


def header(config: Config, fingerprint: str) -> tuple[str, ...]:
    """The generated module's header lines (settings, version, input fingerprint)."""
    inputs = ", ".join(i.describe() for i in config.inputs) or "none"
    return (
        "generated by injectq-gen, do not edit",
        f"modules: {', '.join(config.modules) or 'none'}",
        f"scanned packages: {', '.join(config.scan) or 'none'}",
        f"inputs: {inputs}",
        f"regenerate: {config.regenerate_command()}",
        f"injectq: {injectq_version()}",
        f"fingerprint: {fingerprint}",
    )


def generate(config: Config) -> Outcome:
    """Read, validate and, when there is no error, plan and render the module."""
    read, diagnostics = analyze(config)
    if any(d.severity == "error" for d in diagnostics):
        return Outcome(diagnostics, read)
    plan = plan_module(read, header(config, _PLACEHOLDER), injectq_version(), tuple(config.modules))
    draft = render_module(plan)
    mark = f"fingerprint: {_PLACEHOLDER}"
    text = draft.replace(mark, f"fingerprint: {_output_fingerprint(config, draft)}", 1)
    check_compiles(text, config.output)
    return Outcome(diagnostics, read, text)
