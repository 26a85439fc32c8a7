"""Findings: what the validator reports, and the one place each kind of problem is worded.

The graph walk (:func:`injectq._graph.validate`) and the runtime compiler both build their
problems with the functions below, so a cycle, a missing binding, an abstract binding or a scope
leak gets the same code, message and path rendering in both modes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .._errors import (
    AlreadyRegisteredError,
    BindingError,
    CircularDependencyError,
    DependencyNotFoundError,
    InjectionError,
    InjectQError,
    PathStep,
    ScopeError,
    render_path,
    shown_location,
)
from .codes import (
    ABSTRACT_BINDING,
    CODES,
    CYCLE,
    DUPLICATE_BINDING,
    MISSING_BINDING,
    MISSING_INPUT,
    SCOPE_LEAK,
)
from .model import Binding, Key, Kind

__all__ = [
    "Problem",
    "Step",
    "abstract_binding",
    "cycle",
    "missing_binding",
    "owner_of",
    "scope_leak",
]


@dataclass(frozen=True, slots=True)
class Step:
    """One edge of a path: ``owner`` needs ``key`` through parameter ``param``."""

    owner: str
    param: str | None
    key: Key
    declared: str | None  # where the owner was declared, as its binding records it

    @property
    def location(self) -> str | None:
        """``file:line`` where the owner was declared (see ``shown_location``)."""
        return shown_location(self.declared)

    @classmethod
    def edge(cls, binding: Binding, param: str | None, key: Key) -> Step:
        """The step from ``binding`` to ``key`` through its parameter ``param``."""
        return cls(owner_of(binding), param, key, binding.location)

    def as_path_step(self) -> PathStep:
        """The rendering form the exceptions carry."""
        return PathStep(self.owner, self.param, str(self.key), self.location)


def owner_of(binding: Binding) -> str:
    """How a path names the binding a step starts from (``Class.__init__`` for a class)."""
    target = binding.target or str(binding.key)
    return f"{target}.__init__" if binding.kind is Kind.CLASS else target


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One finding. Sorted by (severity, code, key, path)."""

    severity: str
    code: str
    key: Key
    message: str
    path: tuple[Step, ...] = field(default=())
    hint: str | None = None

    @property
    def slug(self) -> str:
        """The code's name (``missing-binding`` for IQ001)."""
        return CODES[self.code]

    def render(self) -> str:
        """``CODE slug: message``, the path, then the hint."""
        text = f"{self.code} {self.slug}: {self.message}"
        if self.path:
            text += "\n" + render_path(self.path_steps())
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def path_steps(self) -> list[PathStep]:
        """The path in the form exceptions carry."""
        return [s.as_path_step() for s in self.path]

    def detail(self) -> str:
        """The path and the hint, as lines to append to an exception's first line."""
        text = ""
        if self.path:
            text += "\n" + render_path(self.path_steps())
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def to_exception(self) -> InjectQError:
        """The 0.5 exception class the runtime raises for the same problem."""
        exc: InjectQError
        if self.code in (MISSING_BINDING, MISSING_INPUT):
            exc = DependencyNotFoundError(self.key, self.detail())
        elif self.code == CYCLE:
            exc = CircularDependencyError([s.key for s in self.path])
        elif self.code == SCOPE_LEAK:
            exc = ScopeError(self.render())
        elif self.code == DUPLICATE_BINDING:
            exc = AlreadyRegisteredError(self.key)
        elif self.code == ABSTRACT_BINDING:
            exc = BindingError(self.render())
        else:
            exc = InjectionError(self.render())
        exc.path = tuple(self.path_steps())
        exc.problem = self
        return exc

    def __str__(self) -> str:
        return self.render()


def cycle(chain: Sequence[Key], path: Sequence[Step]) -> Problem:
    """IQ002: ``chain`` (first key repeated last) depends on itself; ``path`` leads around it."""
    members = set(chain)
    return Problem(
        "error",
        CYCLE,
        chain[-1],
        "Circular dependency detected: " + " -> ".join(map(str, chain)),
        tuple(s for s in path if s.key in members),
        "break the cycle with Lazy[T] or a provider",
    )


def missing_binding(key: Key, path: Sequence[Step], hint: str | None = None) -> Problem:
    """IQ001 (IQ008 for a string or builtin key, a value only the running program has)."""
    if key.is_string or key.ident.startswith("builtins."):
        message = (
            f"No binding found for type: {key} (a value that exists only "
            "at runtime, but not declared as an input)"
        )
        return Problem("error", MISSING_INPUT, key, message, tuple(path), hint)
    message = f"No binding found for type: {key}"
    return Problem("error", MISSING_BINDING, key, message, tuple(path), hint)


def abstract_binding(key: Key, target: str, path: Sequence[Step]) -> Problem:
    """IQ005: ``key`` is bound to an abstract class."""
    return Problem(
        "error",
        ABSTRACT_BINDING,
        key,
        f"{key} is bound to abstract class {target} with no implementation",
        tuple(path),
        "bind a concrete subclass: bind(Key, Implementation)",
    )


def scope_leak(root: Key, dep: Key, lifetime: str, path: Sequence[Step]) -> Problem:
    """IQ003: singleton ``root`` reaches ``lifetime``-scoped ``dep`` through ``path``."""
    return Problem(
        "error",
        SCOPE_LEAK,
        root,
        f"singleton {root} depends on {lifetime}-scoped {dep}: the singleton "
        f"would keep one {lifetime}'s instance forever",
        tuple(path),
        f"make {root} {lifetime}-scoped, or inject {_current_of(dep)} and call its get() "
        f"in each {lifetime}",
    )


def _current_of(key: Key) -> str:
    """How the hint spells the handle: ``Current[UnitOfWork]``, with its qualifier if named."""
    if key.name is None:
        return f"Current[{key.short}]"
    return f"Current[Annotated[{key.short}, Named({key.name!r})]]"
