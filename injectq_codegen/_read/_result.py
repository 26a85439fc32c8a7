"""What the reader hands to the planner, next to the shared :class:`~injectq._graph.Graph`.

The graph says *what* is bound; a :class:`Recipe` says how generated code produces a binding's
value (which callable to import and call, or which instance expression to evaluate).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .._runtime import Graph, Key, Param, Root
from ._sites import ParamSite
from ._sources import Symbol

__all__ = ["ExprRef", "InjectFunction", "ReadResult", "Recipe"]


@dataclass(frozen=True, slots=True, order=True)
class ExprRef:
    """A name inside a copied instance expression: a symbol, a module, or the module instance."""

    kind: str  # "symbol" | "module" | "self" ("builtin" only while copying: left as written)
    symbol: Symbol | None = None
    module: str | None = None


@dataclass(frozen=True, slots=True)
class Recipe:
    """How generated code builds one binding's value."""

    callee: Symbol | None = None
    method: str | None = None
    module_class: Symbol | None = None
    expr: tuple[str | ExprRef, ...] | None = None
    returns: Symbol | None = None
    may_be_none: bool = False
    typed: bool = True
    declared: str = ""  # "module:Class.method" of the declaring body; "" when it is ``callee``


@dataclass(frozen=True, slots=True)
class InjectFunction:
    """An ``@inject`` function (a root): its plan is carried by the generated module."""

    qualname: str
    params: tuple[Param, ...]
    is_async: bool
    location: str


@dataclass(slots=True)
class ReadResult:
    """Everything the static reader found."""

    graph: Graph
    roots: list[Root] = field(default_factory=list)
    recipes: dict[Key, Recipe] = field(default_factory=dict)
    injects: list[InjectFunction] = field(default_factory=list)
    inputs: list[Key] = field(default_factory=list)
    container_key: Key | None = None
    symbols: dict[str, Symbol] = field(default_factory=dict)
    declared: set[Key] = field(default_factory=set)
    files: list[Path] = field(default_factory=list)  # the project's files that were parsed
    sources: dict[Path, bytes] = field(default_factory=dict)  # every project file, as read
    param_site: Callable[[str, str], ParamSite | None] | None = None  # (owner, name) -> site
    not_auto_built: Callable[[Key], str | None] | None = None  # why a read class is not built
