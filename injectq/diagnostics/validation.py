"""0.5's ``DependencyValidator``: the one validator's findings, reported as a ``ValidationResult``.

As in 0.5, only registered services count as resolvable here (a class the container would build
on its own is reported missing), so a validated configuration names every service it uses.
"""

from __future__ import annotations

from typing import Any

from .._errors import InjectQError
from .._graph import Binding, Kind, Problem, validate
from .._log import get_logger
from .._runtime.container import InjectQ
from ._adapter import container_graph
from ._view import GraphView

__all__ = [
    "DependencyValidator",
    "InvalidBindingError",
    "MissingDependencyError",
    "TypeMismatchError",
    "ValidationError",
    "ValidationResult",
]

_logger = get_logger("injectq.diagnostics")


class ValidationError(InjectQError):
    """A problem found by :class:`DependencyValidator` (cycles are reported with this class)."""


class MissingDependencyError(ValidationError):
    """A service depends on a key nothing is registered for."""


class InvalidBindingError(ValidationError):
    """A binding cannot work as declared (abstract class, scope leak, ...)."""


class TypeMismatchError(ValidationError):
    """A binding provides an object that is not of its key's type (reported as a warning)."""


class ValidationResult:
    """Errors and warnings of one validation; ``str()`` is 0.5's summary."""

    def __init__(
        self, errors: list[Exception] | None = None, warnings: list[Exception] | None = None
    ) -> None:
        self.errors: list[Exception] = errors or []
        self.warnings: list[Exception] = warnings or []

    @property
    def is_valid(self) -> bool:
        """True when there are no errors (warnings allowed)."""
        return not self.errors

    @property
    def has_warnings(self) -> bool:
        return bool(self.warnings)

    def __str__(self) -> str:
        lines = ["✅ Validation passed" if self.is_valid else "❌ Validation failed"]
        for title, items in (("Errors", self.errors), ("Warnings", self.warnings)):
            if items:
                lines.append(f"\n{title} ({len(items)}):")
                lines.extend(f"  {i}. {item}" for i, item in enumerate(items, 1))
        return "\n".join(lines)


class DependencyValidator:
    """Validates a container's dependency graph before anything is resolved."""

    def __init__(self, container: InjectQ | None = None) -> None:
        self.container = container
        _logger.info("DependencyValidator initialized")

    def set_container(self, container: InjectQ) -> None:
        """Validate ``container`` from now on."""
        self.container = container
        _logger.debug("Container set for validation")

    def validate(self) -> ValidationResult:
        """Every problem at once: cycles and missing services as errors, type mismatches as
        warnings, plus the scope leaks and abstract bindings the graph validator finds."""
        if self.container is None:
            _logger.error("No container set for validation")
            return ValidationResult(errors=[ValidationError("No container set for validation")])
        view = self._view()
        result = ValidationResult()
        for problem in validate(view.registered_only()):
            target = result.errors if problem.severity == "error" else result.warnings
            target.extend(_exceptions(problem, view))
        result.warnings.extend(_type_mismatches(view))
        _logger.info(
            "Validation completed with %d errors and %d warnings",
            len(result.errors),
            len(result.warnings),
        )
        return result

    def get_dependency_graph(self) -> dict[Any, set[Any]]:
        """``{service: {its dependencies}}``, by the keys the services were registered under."""
        if self.container is None:
            return {}
        return {key: set(deps) for key, deps in self._view().edges().items()}

    def get_dependency_chain(self, service_key: Any) -> list[Any]:
        """``service_key`` and everything it needs, transitively, depth first."""
        edges = self._view().edges() if self.container is not None else {}
        chain: list[Any] = []

        def visit(key: Any) -> None:
            if key not in chain:
                chain.append(key)
                for dep in edges.get(key, ()):
                    visit(dep)

        visit(service_key)
        return chain

    def find_potential_cycles(self) -> list[list[Any]]:
        """Each dependency cycle, as the list of its keys (without repeating the first)."""
        if self.container is None:
            return []
        return [cycle[:-1] for cycle in self._view().cycles()]

    def _view(self) -> GraphView:
        assert self.container is not None
        return GraphView(container_graph(self.container))


def _exceptions(problem: Problem, view: GraphView) -> list[ValidationError]:
    """The 0.5 exceptions for one finding: a missing key gives one error per service needing it."""
    if problem.code not in ("IQ001", "IQ008"):
        cls = InvalidBindingError if problem.code in ("IQ003", "IQ005") else ValidationError
        return [cls(_with_hint(problem))]
    owners = [b.key for b in view.bindings if problem.key in view.dep_keys(b)]
    if not owners or not problem.message.startswith("No binding found"):
        return [MissingDependencyError(_with_hint(problem))]  # e.g. an unannotated parameter
    hint = f"\n  hint: {problem.hint}" if problem.hint else ""
    dep = view.label(problem.key)
    return [
        MissingDependencyError(
            f"Service '{view.label(owner)}' depends on '{dep}' which is not registered{hint}"
        )
        for owner in owners
    ]


def _with_hint(problem: Problem) -> str:
    return f"{problem.message}\n  hint: {problem.hint}" if problem.hint else problem.message


def _type_mismatches(view: GraphView) -> list[Exception]:
    found: list[Exception] = []
    for binding in view.bindings:
        for dep in view.dep_keys(binding):
            target = view.graph.lookup(dep)
            expected = view.name(dep)
            actual = _provided_type(target) if target is not None else None
            if actual is not None and not _compatible(expected, actual):
                provides = f"{actual.__module__}.{actual.__qualname__}"
                found.append(
                    TypeMismatchError(
                        f"Type mismatch: {view.label(binding.key)} expects {view.label(dep)} "
                        f"but {view.label(dep)} provides {provides}"
                    )
                )
    return found


def _provided_type(binding: Binding) -> type | None:
    if binding.kind is Kind.CLASS and isinstance(binding.obj, type):
        return binding.obj
    if binding.kind is Kind.INSTANCE and binding.obj is not None:
        return type(binding.obj)
    return None


def _compatible(expected: Any, actual: type) -> bool:
    if not isinstance(expected, type):
        return True  # string keys name no type
    try:
        return issubclass(actual, expected)
    except TypeError:  # a Protocol that is not runtime_checkable, a generic alias
        return True
