"""What the template prints: the plan of one generated module, every piece already code."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Factory", "ModulePlan", "Provide"]


@dataclass(frozen=True, slots=True)
class Factory:
    """One factory function of ``wire()``; ``form`` names the template block that prints it."""

    form: str
    fn: str
    slot: str
    create_fn: str
    returns: str
    create: str
    scope_var: str
    ignore: str
    key: str = ""
    fn_in: str = ""
    resource: bool = False
    prepare: tuple[str, ...] = ()
    scope_name: str = "''"
    ready_fn: str = ""
    ready_prepare: tuple[str, ...] = ()
    raw: str = ""  # a scoped resource's construction, entered inline: enter is its kind
    enter: str = ""
    what: str = ""


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
    declared: tuple[str, ...]
    inputs: tuple[str, ...]
    uses_lock: bool
    uses_missing: bool
    uses_ready: bool
    modules: tuple[str, ...] = ()  # the configured modules, as code: installing them is a no-op
