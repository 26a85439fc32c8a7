"""The one exception hierarchy of InjectQ.

Every exception carries data (the key, the resolution path, where bindings were declared); the
text is rendered from that data in one place, :func:`render_path`.
"""

from __future__ import annotations

import sys

from ._where import declaration_location

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

__all__ = [
    "AlreadyRegisteredError",
    "BindingError",
    "CircularDependencyError",
    "CleanupError",
    "ComponentError",
    "DependencyNotFoundError",
    "GraphError",
    "InjectQError",
    "InjectionError",
    "ResourceError",
    "ScopeError",
    "ScopeLeakWarning",
    "render_path",
    "shown_location",
]


def shown_location(location: str | None) -> str | None:
    """``file:line`` of a binding's location, as messages show it.

    A generated container records where a binding was declared as ``module:qualname`` (no line
    number, so a comment-only edit leaves the generated module alone); it is looked up here,
    when a message needs it, in the already imported module. Any other location is returned as
    it is, and so is a declaration that cannot be found.
    """
    if location is None or not _is_declaration(location):
        return location
    return declaration_location(location) or location


def _is_declaration(location: str) -> bool:
    """Whether ``location`` reads ``package.module:Qual.name`` (not ``path/file.py:12``)."""
    module, colon, qualname = location.partition(":")
    names = [*module.split("."), *qualname.split(".")]
    return bool(colon) and all(name.isidentifier() for name in names)


class PathStep:
    """One edge of a resolution path: ``owner.param -> key``, with where the owner was bound."""

    __slots__ = ("key", "location", "owner", "param")

    def __init__(self, owner: str, param: str | None, key: str, location: str | None) -> None:
        self.owner = owner
        self.param = param
        self.key = key
        self.location = shown_location(location)

    def __repr__(self) -> str:
        return f"PathStep({self.owner!r}, {self.param!r}, {self.key!r}, {self.location!r})"


def _short(key: str) -> str:
    """A parameter's key as its annotation reads: ``Clock`` for ``app.services.Clock``."""
    if key[:1] in ("'", '"'):
        return key  # a string key
    base, bracket, rest = key.partition("[")
    return base.rsplit(".", 1)[-1] + bracket + rest


def render_path(path: Sequence[PathStep]) -> str:
    """Render a resolution path as an indented, multi-line explanation."""
    if not path:
        return ""
    lines = ["  resolution path:"]
    for step in path:
        edge = f"{step.owner}({step.param}: {_short(step.key)})" if step.param else step.owner
        where = f"  [{step.location}]" if step.location else ""
        lines.append(f"    -> {edge}{where}")
    return "\n".join(lines)


class InjectQError(Exception):
    """Base class of every error raised by InjectQ."""

    path: tuple[PathStep, ...] = ()
    problem: Any = None  # the validator's Problem, when the error comes from validation
    failed_key: Any = None  # the key whose resolution failed (the path is completed up to it)

    def with_path(self, path: Sequence[PathStep]) -> InjectQError:
        """Attach the resolution path and re-render the message with it."""
        if self.path or not path:
            return self
        self.path = tuple(path)
        if self.args and isinstance(self.args[0], str):
            self.args = (f"{self.args[0]}\n{render_path(self.path)}", *self.args[1:])
        return self


class DependencyNotFoundError(InjectQError):
    """No binding, factory or auto-buildable class exists for a key."""

    def __init__(self, dependency_type: Any, detail: str = "") -> None:
        self.dependency_type = dependency_type
        name = _display(dependency_type)
        super().__init__(f"No binding found for type: {name}{detail}")


def input_not_set(key: Any, detail: str | None = None) -> DependencyNotFoundError:
    """The error for an input (a value set at startup) that was not set: one first line in
    both modes, ``input 'db_url' was not set``, then ``detail`` (by default the hint)."""
    error = DependencyNotFoundError(key)
    text = f"\n  hint: {input_hint(key)}" if detail is None else detail
    error.args = (f"input {_display(key)} was not set{text}",)
    return error


def input_hint(key: Any) -> str:
    """How to set the input ``key``."""
    return f"set it at startup with container[{_display(key)}] = value"


class CircularDependencyError(InjectQError):
    """The graph contains a cycle; ``dependency_chain`` lists it, first key repeated last."""

    def __init__(self, dependency_chain: Sequence[Any]) -> None:
        self.dependency_chain = list(dependency_chain)
        chain = " -> ".join(_display(k) for k in self.dependency_chain)
        super().__init__(f"Circular dependency detected: {chain}")


class BindingError(InjectQError):
    """A binding is malformed (bad implementation, missing annotation, ...)."""


class InjectionError(InjectQError):
    """A dependency could not be injected, or a constructor or factory failed."""


class ScopeError(InjectQError):
    """A scope is unknown, not active, or cannot be closed the way it was asked to."""


class ScopeLeakWarning(UserWarning):
    """A singleton captured a scoped instance (0.5 tolerated this; strict_scopes raises)."""


class ResourceError(InjectQError):
    """A resource could not be initialised or shut down."""


class ComponentError(InjectQError):
    """A component lifecycle transition is not allowed."""


class AlreadyRegisteredError(InjectQError):
    """Re-binding a key on a container created with ``allow_override=False``."""

    def __init__(self, dependency_type: Any) -> None:
        self.dependency_type = dependency_type
        super().__init__(f"Type already registered: {_display(dependency_type)}")


class GraphError(InjectionError):
    """Every problem found by ``validate()`` / ``compile()``, reported at once.

    ``problems`` holds the individual exceptions (each of its own 0.5 class), sorted.
    """

    def __init__(self, problems: Sequence[InjectQError]) -> None:
        self.problems = list(problems)
        body = "\n".join(f"- {p}" for p in self.problems)
        super().__init__(f"Dependency validation failed: {len(self.problems)} problem(s)\n{body}")


if sys.version_info >= (3, 11):

    class CleanupError(ExceptionGroup, InjectQError):  # type: ignore[misc]  # noqa: F821
        """Several teardowns failed; every failure is in ``exceptions``."""

        def __new__(cls, message: str, exceptions: Sequence[Exception]) -> CleanupError:
            return super().__new__(cls, message, list(exceptions))

else:  # pragma: no cover - exercised on Python 3.10 only

    class CleanupError(InjectQError):
        """Several teardowns failed; every failure is in ``exceptions``."""

        def __init__(self, message: str, exceptions: Sequence[BaseException]) -> None:
            self.exceptions = tuple(exceptions)
            self.message = message
            super().__init__(f"{message} ({len(self.exceptions)} sub-exceptions)")


def _display(key: Any) -> str:
    if isinstance(key, type):
        return key.__qualname__ if key.__module__ == "builtins" else _qual(key)
    return str(key) if not isinstance(key, str) else repr(key)


def _qual(t: type) -> str:
    return f"{t.__module__}.{t.__qualname__}"
