"""The reader's state for one run, shared by its parts (``_scan``, ``_modules``, ``_binds``,
``_classes``): the source index, the type reader, the findings collector and the result, plus the
small readings every part needs (markers, parameters, literal scope and string arguments).

Anything outside the reader's contract becomes an error with ``file:line:col``.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from .._config import Config
from .._diagnostics import Code, Diagnostics
from .._runtime import SINGLETON, TRANSIENT, Binding, Graph, Key, Param, normalize_scope
from ._classes import ClassReader
from ._lookups import Lookup
from ._result import ReadResult, Recipe
from ._sources import ParsedModule, SourceIndex, Symbol
from ._types import TypeReader, TypeRef, marker_of

__all__ = ["CLASS_MARKS", "Reader"]

CLASS_MARKS = {"singleton": SINGLETON, "transient": TRANSIENT}


class Reader:
    """Holds the index and the result while the declarations are read."""

    def __init__(self, config: Config, diagnostics: Diagnostics) -> None:
        self.config = config
        self.diagnostics = diagnostics
        self.index = SourceIndex(config.source_paths(), config.root, diagnostics)
        self.types = TypeReader(self.index, diagnostics)
        self.result = ReadResult(Graph())
        self.classes = ClassReader(self)
        self.result.graph.auto = self.classes.auto
        self.lookups: list[Lookup] = []

    # -- diagnostics ------------------------------------------------------------------------
    def error(
        self,
        module: ParsedModule,
        node: cst.CSTNode,
        code: Code,
        message: str,
        hint: str | None = None,
    ) -> None:
        """Record an error at ``node``'s ``file:line:col``."""
        self.diagnostics.error(code, message, hint, module.where(node))

    def marks(
        self, module: ParsedModule, decorators: Sequence[cst.Decorator]
    ) -> dict[str, cst.Decorator]:
        """Markers among the decorators, by marker name."""
        found: dict[str, cst.Decorator] = {}
        for deco in decorators:
            expr = deco.decorator.func if isinstance(deco.decorator, cst.Call) else deco.decorator
            mark = marker_of(self.types.qname(module, expr))
            if mark is not None:
                found[mark.removeprefix("injectq.") if mark.startswith("injectq.") else mark] = deco
        return found

    def remember(self, symbol: Symbol | None) -> None:
        """Record a symbol the generated module may import."""
        if symbol is not None:
            self.result.symbols.setdefault(symbol.ident, symbol)

    def key_of(self, ref: TypeRef) -> Key | None:
        """The key of an annotation, remembering its symbol."""
        self.remember(ref.symbol)
        return ref.key

    def params(
        self, module: ParsedModule, func: cst.FunctionDef, skip_first: bool
    ) -> tuple[tuple[Param, ...], bool]:
        """The injectable parameters of ``func`` and whether it is fully typed."""
        params, typed = self.types.params(module, func, skip_first)
        for param in params:
            if param.key is not None:
                self.result.symbols.setdefault(param.key.ident, Symbol.guess(param.key.ident))
        self._remember_params(module, func)
        return params, typed

    def _remember_params(self, module: ParsedModule, func: cst.FunctionDef) -> None:
        p = func.params
        for node in (*p.posonly_params, *p.params, *p.kwonly_params):
            if node.annotation is not None:
                self._remember_ref(self.types.read(module, node.annotation.annotation))
            if node.default is not None:
                marked = self.types.inject_default(module, node.default)
                if marked is not None:
                    self._remember_ref(marked)

    def _remember_ref(self, ref: TypeRef) -> None:
        self.remember(ref.symbol)
        for arg in ref.args:
            self._remember_ref(arg)

    # -- scope and string arguments -----------------------------------------------------------
    def scope_arg(self, module: ParsedModule, expr: cst.BaseExpression) -> str | None:
        """A literal scope argument's lifetime; None (reported) when it is computed."""
        if isinstance(expr, cst.SimpleString) and isinstance(expr.evaluated_value, str):
            return normalize_scope(expr.evaluated_value)
        qname = self.types.qname(module, expr)
        head, _, member = (qname or "").rpartition(".")
        if head.endswith("ScopeType") and member:
            return normalize_scope(member.lower())
        self.error(
            module,
            expr,
            Code.UNSUPPORTED_FORM,
            "the scope name is computed, not a literal",
            'write the scope as a literal: "request", "action" or ScopeType.REQUEST',
        )
        return None

    def string_arg(self, module: ParsedModule, expr: cst.BaseExpression, what: str) -> str | None:
        """A string literal argument's value; None (reported) when it is computed."""
        if isinstance(expr, cst.SimpleString) and isinstance(expr.evaluated_value, str):
            return expr.evaluated_value
        self.error(
            module,
            expr,
            Code.UNSUPPORTED_FORM,
            f"the {what} is computed, not a string literal",
            f"write the {what} as a string literal",
        )
        return None

    def add(self, binding: Binding, recipe: Recipe) -> None:
        """Add a binding, with its recipe, to the graph."""
        self.result.graph.add(binding)
        self.result.recipes[binding.key] = recipe
        self.result.declared.add(binding.key)
