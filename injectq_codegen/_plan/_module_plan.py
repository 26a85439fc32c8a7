"""What the template prints: the plan of one generated module, every piece already code."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Factory", "ModulePlan", "Provide"]


@dataclass(frozen=True, slots=True)
class Factory:
    """The function(s) ``wire()`` defines for one key, as text at ``wire()``'s indentation."""

    form: str  # singleton, singleton_cell, singleton_shared, transient, scoped or shared
    text: str


@dataclass(frozen=True, slots=True)
class Provide:
    """One ``w.provide(...)`` registration, every argument as code."""

    key: str
    name: str
    lifetime: str
    get: str
    aget: str
    options: str  # ", kind=..., impl=..., args=..." where they differ from the defaults


@dataclass(frozen=True, slots=True)
class ModulePlan:
    """The whole generated module, ready to print."""

    header: tuple[str, ...]
    version: str
    imports: tuple[str, ...]
    top_imports: tuple[str, ...]
    setup: tuple[tuple[str, str], ...]
    factories: tuple[Factory, ...]
    provides: tuple[Provide, ...]
    inject_plans: tuple[tuple[str, str], ...]
    declared: tuple[str, ...]  # the keys provided but not declared (built automatically)
    inputs: tuple[str, ...]
    modules: tuple[str, ...] = ()  # the configured modules, as code: installing them is a no-op
    expected: tuple[str, ...] = ()  # (callable, parameter names, passed by position), as code
    regenerate: str = "'injectq-gen'"  # the command regenerating the module, as code
    # Some factory calls untyped code: mypy allows it module-wide (a trailing ignore would miss
    # the call once the layout splits its statement over several lines).
    untyped_calls: bool = False
