"""The plan: everything a generated module contains, decided here so templates only print.

From the validated graph it computes the factory functions in dependency order, their names,
construction expressions (whole transient subtrees inlined, positional arguments where allowed),
awaits on async paths only, cleanup owners for resources, and the sorted, aliased imports.
"""

from __future__ import annotations

from dataclasses import dataclass

from injectq._graph import TRANSIENT, Binding, Graph, Key, Kind, is_scoped

from ._model import ExprRef, ReadResult, Recipe
from ._names import Namer, snake_case
from ._sources import Symbol

__all__ = ["Factory", "Import", "ModulePlan", "plan_module"]

_UNTYPED = "  # type: ignore[no-untyped-call]"


@dataclass(frozen=True, slots=True, order=True)
class Import:
    """``from module import name as alias`` (``name`` empty: ``import module as alias``)."""

    module: str
    name: str
    alias: str

    @property
    def line(self) -> str:
        if not self.name:
            return f"import {self.module}" if self.alias == self.module else (
                f"import {self.module} as {self.alias}")
        suffix = "" if self.alias == self.name else f" as {self.alias}"
        return f"from {self.module} import {self.name}{suffix}"


@dataclass(frozen=True, slots=True)
class Factory:
    """One factory function of ``wire()``; ``form`` names the template block that prints it."""

    form: str
    fn: str
    slot: str
    create_fn: str
    returns: str
    create: str
    ident: str
    scope_var: str
    comment: str
    ignore: str


@dataclass(frozen=True, slots=True)
class Provide:
    key: str
    name: str
    lifetime: str
    get: str
    aget: str
    deps: str


@dataclass(frozen=True, slots=True)
class ModulePlan:
    """The whole generated module, ready to print."""

    header: tuple[str, ...]
    version: str
    imports: tuple[str, ...]
    scopes: tuple[tuple[str, str], ...]
    inputs: tuple[tuple[str, str], ...]
    instances: tuple[tuple[str, str], ...]
    factories: tuple[Factory, ...]
    provides: tuple[Provide, ...]
    inject_plans: tuple[tuple[str, str], ...]
    declared: tuple[str, ...]
    declared_inputs: tuple[str, ...]
    needs_any: bool


class _Planner:
    def __init__(self, read: ReadResult) -> None:
        self.read = read
        self.graph: Graph = read.graph
        self.names = Namer()
        self.imports: dict[tuple[str, str], Import] = {}
        self.fn: dict[Key, str] = {}
        self.async_: dict[Key, bool] = {}
        self.order: list[Key] = []
        self.scope_vars: dict[str, str] = {}
        self.input_vars: dict[Key, str] = {}
        self.module_vars: dict[Symbol, str] = {}
        self.needs_any = False

    # -- names and imports ------------------------------------------------------------------
    def symbol(self, symbol: Symbol) -> str:
        top, _, rest = symbol.qualname.partition(".")
        if symbol.module == "builtins":
            return symbol.qualname
        found = self.imports.get((symbol.module, top))
        if found is None:
            found = Import(symbol.module, top, self.names.claim(top))
            self.imports[(symbol.module, top)] = found
        return f"{found.alias}.{rest}" if rest else found.alias

    def module(self, name: str) -> str:
        found = self.imports.get((name, ""))
        if found is None:
            found = Import(name, "", self.names.claim(name.replace(".", "_")))
            self.imports[(name, "")] = found
        return found.alias

    def key_obj(self, key: Key) -> str:
        if key.is_string:
            return key.ident
        symbol = self.read.symbols.get(key.ident) or Symbol.guess(key.ident)
        return self.symbol(symbol)

    def type_of(self, recipe: Recipe | None, key: Key) -> str:
        symbol = recipe.returns if recipe is not None else None
        if symbol is None and not key.is_string:
            symbol = self.read.symbols.get(key.ident)
        if symbol is None:
            self.needs_any = True
            return "Any"
        text = self.symbol(symbol)
        return f"{text} | None" if recipe is not None and recipe.may_be_none else text

    # -- order ------------------------------------------------------------------------------
    def visit(self, key: Key, stack: set[Key]) -> bool:
        """Post-order walk; returns whether ``key`` needs an await."""
        if key in self.async_:
            return self.async_[key]
        if key in stack or key in self.graph.provided:
            return False
        binding = self.graph.lookup(key)
        if binding is None:
            return False
        stack.add(key)
        needs = binding.is_async
        for param in binding.params:
            dep = self.graph.resolve_param(param)
            if dep is not None and self.visit(dep, stack) and not param.lazy:
                needs = True
        stack.discard(key)
        self.async_[key] = needs
        self.order.append(key)
        return needs

    # -- expressions --------------------------------------------------------------------------
    def dep_expr(self, key: Key, lazy: bool, in_async: bool, depth: int) -> tuple[str, bool]:
        """Code for one dependency value, and whether it calls untyped code."""
        if key == self.read.container_key:
            return "w.container", False
        if key in self.input_vars:
            return f"{self.input_vars[key]}()", False
        if lazy:
            return f"_iq.Lazy({self.fn[key]})", False
        binding = self.graph.lookup(key)
        assert binding is not None
        if (binding.lifetime == TRANSIENT and not binding.kind.is_resource and depth < 6
                and binding.kind is not Kind.AWAITABLE):
            return self.construct(binding, in_async, depth + 1)
        call = f"{self.fn[key]}()"
        return (f"await {call}" if self.async_[key] else call), False

    def args(self, binding: Binding, in_async: bool, depth: int) -> tuple[str, bool]:
        parts: list[str] = []
        untyped = False
        keywords = False
        for param in binding.params:
            dep = self.graph.resolve_param(param)
            if dep is None:
                if param.has_default:
                    keywords = True
                    continue
                code = "None"
            else:
                code, dep_untyped = self.dep_expr(dep, param.lazy, in_async, depth)
                untyped = untyped or dep_untyped
            if keywords or not param.positional:
                keywords = True
                parts.append(f"{param.name}={code}")
            else:
                parts.append(code)
        return ", ".join(parts), untyped

    def construct(self, binding: Binding, in_async: bool, depth: int = 0) -> tuple[str, bool]:
        """The expression building a fresh value (not entering resources)."""
        recipe = self.read.recipes[binding.key]
        if recipe.expr is not None:
            code = "".join(self.piece(p) for p in recipe.expr)
            return (f"await {code}" if binding.kind is Kind.AWAITABLE else code), False
        args, untyped = self.args(binding, in_async, depth)
        if recipe.method is not None:
            assert recipe.module_class is not None
            callee = f"{self.module_vars[recipe.module_class]}.{recipe.method}"
        else:
            assert recipe.callee is not None
            callee = self.symbol(recipe.callee)
        call = f"{callee}({args})"
        if binding.kind is Kind.ASYNC_FACTORY:
            call = f"await {call}"
        return call, untyped or not recipe.typed

    def piece(self, piece: str | ExprRef) -> str:
        if isinstance(piece, str):
            return piece
        if piece.kind == "self":
            assert piece.symbol is None
            return self.module_vars[self._module_of_self()]
        if piece.kind == "module":
            assert piece.module is not None
            return self.module(piece.module)
        assert piece.symbol is not None
        return self.symbol(piece.symbol)

    def _module_of_self(self) -> Symbol:
        return self._current_module

    _current_module: Symbol

    def create(self, binding: Binding, owner: str) -> tuple[str, bool]:
        """The full creation: construct, then enter a resource into ``owner``."""
        recipe = self.read.recipes[binding.key]
        if recipe.module_class is not None:
            self._current_module = recipe.module_class
        code, untyped = self.construct(binding, self.async_[binding.key])
        what = repr(_ident(binding.key))
        if binding.kind is Kind.GENERATOR:
            code = f"{owner}.enter(_iq.cm({code.rsplit('(', 1)[0]})({code.rsplit('(', 1)[1]}, {what})"
        return code, untyped


def _ident(key: Key) -> str:
    return key.ident if key.name is None else f"{key.ident}[{key.name}]"


def plan_module(read: ReadResult, header: tuple[str, ...], version: str) -> ModulePlan:
    """Plan the generated module for a graph that validated without errors."""
    from ._plan_build import build

    return build(_Planner(read), header, version)


__all__ += ["_Planner", "_ident", "is_scoped"]
