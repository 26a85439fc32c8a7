"""The static reader: declarations in source text -> the shared graph model, plus recipes.

Reads the scanned packages for decorated classes, ``@resource`` functions and ``@inject`` roots,
then the configured ``Module`` classes (see ``_modules``). It never imports user code. Anything
outside the reader's contract becomes an error with ``file:line:col``.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from .._config import Config
from .._diagnostics import Code, Diagnostics
from .._runtime import SINGLETON, TRANSIENT, Binding, Graph, Key, Kind, Param, normalize_scope
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
        self.result.graph.auto = self.auto
        self._auto: dict[Key, Binding | None] = {}

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
        if symbol is not None:
            self.result.symbols.setdefault(symbol.ident, symbol)

    def key_of(self, ref: TypeRef) -> Key | None:
        self.remember(ref.symbol)
        return ref.key

    def params(
        self, module: ParsedModule, func: cst.FunctionDef, skip_first: bool
    ) -> tuple[tuple[Param, ...], bool]:
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

    # -- classes ------------------------------------------------------------------------------
    def find_method(
        self, module: ParsedModule, cls: cst.ClassDef, name: str, depth: int = 0
    ) -> tuple[ParsedModule, cst.FunctionDef, cst.ClassDef] | None:
        """``name`` defined on ``cls`` or on a base class read from the source roots."""
        for stmt in cls.body.body:
            if isinstance(stmt, cst.FunctionDef) and stmt.name.value == name:
                return module, stmt, cls
        if depth > 8:
            return None
        for base in cls.bases:
            found = self.index.definition(module, base.value)
            if found is None or found.module is None or _is_injectq(found.module.name):
                continue  # injectq's own base classes are markers, never read as user code
            if isinstance(found.node, cst.ClassDef):
                hit = self.find_method(found.module, found.node, name, depth + 1)
                if hit is not None:
                    return hit
        return None

    def is_dataclass(self, module: ParsedModule, cls: cst.ClassDef) -> bool:
        return any(
            (
                self.types.qname(
                    module, d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator
                )
                or ""
            ).endswith("dataclasses.dataclass")
            for d in cls.decorators
        )

    def dataclass_params(self, module: ParsedModule, cls: cst.ClassDef) -> tuple[Param, ...]:
        out: list[Param] = []
        for stmt in cls.body.body:
            if not isinstance(stmt, cst.SimpleStatementLine):
                continue
            for small in stmt.body:
                if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                    ref = self.types.read(module, small.annotation.annotation)
                    if (
                        marker_of(self.types.qname(module, _origin(small.annotation.annotation)))
                        == "ClassVar"
                    ):
                        continue
                    self.key_of(ref)
                    out.append(
                        Param(
                            small.target.value,
                            ref.key,
                            small.value is not None,
                            ref.optional,
                            ref.lazy,
                            ref.explicit,
                            True,
                            current=ref.current,
                        )
                    )
        return tuple(out)

    def constructor(
        self, module: ParsedModule, cls: cst.ClassDef
    ) -> tuple[tuple[Param, ...], bool, bool]:
        """(params, typed, own_init) of a class read from source."""
        if self.is_dataclass(module, cls):
            return self.dataclass_params(module, cls), True, True
        hit = self.find_method(module, cls, "__init__")
        if hit is None:
            return (), True, False
        where, init, owner = hit
        params, typed = self.params(where, init, skip_first=True)
        return params, typed, owner is cls

    def is_abstract(self, module: ParsedModule, cls: cst.ClassDef) -> bool:
        for stmt in cls.body.body:
            if isinstance(stmt, cst.FunctionDef) and "abstractmethod" in self.marks(
                module, stmt.decorators
            ):
                return True
        return False

    def class_binding(
        self,
        module: ParsedModule,
        cls: cst.ClassDef,
        symbol: Symbol,
        key: Key,
        lifetime: str,
        location: str,
        factory_table: bool = False,
    ) -> None:
        params, typed, _ = self.constructor(module, cls)
        self.remember(symbol)
        binding = Binding(
            key,
            Kind.CLASS,
            lifetime,
            params,
            symbol.ident,
            location,
            factory_table,
            self.is_abstract(module, cls),
        )
        self.add(binding, Recipe(callee=symbol, typed=typed, returns=symbol))

    def add(self, binding: Binding, recipe: Recipe) -> None:
        self.result.graph.add(binding)
        self.result.recipes[binding.key] = recipe
        self.result.declared.add(binding.key)

    def auto(self, key: Key) -> Binding | None:
        """An unbound class from the source roots with its own ``__init__``, built transient."""
        if key in self._auto:
            return self._auto[key]
        self._auto[key] = None
        if key.name is not None or key.is_string:
            return None
        found = self.index.canonical(key.ident)
        if found is None or found.module is None or not found.module.local:
            return None
        node = found.node
        if not isinstance(node, cst.ClassDef) or self.is_abstract(found.module, node):
            return None
        params, typed, own = self.constructor(found.module, node)
        if not own:
            return None
        binding = Binding(
            key,
            Kind.CLASS,
            TRANSIENT,
            params,
            found.symbol.ident,
            found.module.def_line(found.symbol.qualname, node),
        )
        self.remember(found.symbol)
        self.result.recipes[key] = Recipe(callee=found.symbol, typed=typed, returns=found.symbol)
        self._auto[key] = binding
        return binding


def _origin(expr: cst.BaseExpression) -> cst.BaseExpression:
    return expr.value if isinstance(expr, cst.Subscript) else expr


def _is_injectq(module: str) -> bool:
    return module == "injectq" or module.startswith("injectq.")
