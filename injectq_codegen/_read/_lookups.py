"""Keys scanned code asks the container for, and the classes the container must build for them.

``container.get(K)``, ``aget``, ``try_get`` and ``atry_get`` calls with a literal key in scanned
code are uses of ``K`` (so ``--strict`` does not report it unused); with a computed ``name=``, every
named binding of ``K`` is used. A class whose ``__init__`` is ``@inject`` is built by the container
too. Once every module is read, such keys become roots, and the unbound classes reachable from any
root (0.5's rule: a concrete class with its own ``__init__``, built transient) are planned like
declared bindings, so the generated container shares its singletons with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst

from .._runtime import Binding, Key, Root
from ._result import ReadResult
from ._sources import ParsedModule

if TYPE_CHECKING:
    from ._reader import Reader

__all__ = ["ANY_NAME", "Lookup", "LookupFinder", "add_lookup_roots", "plan_auto_built"]

_LOOKUPS = frozenset({"get", "aget", "try_get", "atry_get"})
ANY_NAME = "*"  # a lookup whose name= is computed: every named binding of the key


@dataclass(frozen=True, slots=True)
class Lookup:
    """A key scanned code resolves: its key, the name (None, a literal or ANY_NAME), where."""

    key: Key
    name: str | None
    where: str


class LookupFinder(cst.CSTVisitor):
    """Collects the container lookups of one module with a key the reader can follow."""

    def __init__(self, reader: Reader, module: ParsedModule) -> None:
        self.reader = reader
        self.module = module
        self.found: list[Lookup] = []

    def visit_Call(self, node: cst.Call) -> None:
        """Record ``x.get(K)``-style calls whose key the reader can follow."""
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value in _LOOKUPS):
            return
        target = _argument(node, "service_type", 0)
        key = None if target is None else self._key(target)
        if key is None:
            return
        named = _argument(node, "name", 1 if func.attr.value in ("get", "aget") else None)
        name: str | None = None
        if named is not None:
            literal = _literal(named)
            name = ANY_NAME if literal is None else literal
        self.found.append(Lookup(key, name, f"{func.attr.value} at {self.module.line(node)}"))

    def _key(self, expr: cst.BaseExpression) -> Key | None:
        literal = _literal(expr)
        if literal is not None:
            return Key.string(literal)
        if not isinstance(expr, (cst.Name, cst.Attribute)):
            return None
        found = self.reader.index.definition(self.module, expr)
        if found is None or not isinstance(found.node, cst.ClassDef):
            return None
        self.reader.remember(found.symbol)
        return Key(found.symbol.ident)


def _argument(call: cst.Call, keyword: str, position: int | None) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    positional = [a for a in call.args if a.keyword is None and not a.star]
    if position is not None and position < len(positional):
        return positional[position].value
    return None


def _literal(expr: cst.BaseExpression) -> str | None:
    if isinstance(expr, cst.SimpleString) and isinstance(expr.evaluated_value, str):
        return expr.evaluated_value
    return None


def add_lookup_roots(result: ReadResult, lookups: list[Lookup]) -> None:
    """Every lookup whose key resolves becomes a root (a missing one is the caller's concern:
    ``try_get`` may expect it, and another container may bind it)."""
    graph = result.graph
    known = sorted(set(graph.bindings) | set(graph.factories))
    for lookup in lookups:
        if lookup.name == ANY_NAME:
            keys = [k for k in known if k.ident == lookup.key.ident and k.name is not None]
        else:
            keys = [Key(lookup.key.ident, lookup.name)]
        for key in keys:
            if graph.lookup(key) is not None:
                result.roots.append(Root(lookup.where, key=key, location=lookup.where))


def plan_auto_built(result: ReadResult) -> None:
    """Put the unbound classes the roots reach into the graph, as the runtime would build them."""
    graph = result.graph
    todo = [root.key for root in result.roots if root.key is not None]
    found = (graph.resolve_param(p) for root in result.roots for p in root.params)
    todo += [key for key in found if key is not None]  # matched as the validator matches
    seen: set[Key] = set()
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        binding = graph.lookup(key)
        if binding is None:
            continue
        if key not in graph.bindings and key not in graph.factories:
            graph.bindings[key] = binding
        todo += _dependencies(result, binding)


def _dependencies(result: ReadResult, binding: Binding) -> list[Key]:
    found = (result.graph.resolve_param(p) for p in binding.params)
    return [k for k in found if k is not None]
