"""Copying an instance expression from a module into generated code.

``self.bind(Config, Config(url="sqlite://"))`` is evaluated once, lazily, by the generated
container. Every name in the expression is replaced by a reference the planner imports under a
collision-free alias; ``self`` becomes the module instance. Names local to the method cannot be
followed and are reported.
"""

from __future__ import annotations

import re

import libcst as cst

from .._diagnostics import Code
from ._reader import Reader
from ._result import ExprRef
from ._sources import ParsedModule, Symbol

__all__ = ["ExprCopier"]

_PLACEHOLDER = re.compile(r"__iqref(\d+)__")


class _Refs(cst.CSTTransformer):
    def __init__(self, copier: ExprCopier, module: ParsedModule, receivers: frozenset[str]) -> None:
        self.copier = copier
        self.module = module
        self.receivers = receivers
        self.skip: set[int] = set()
        self.refs: list[ExprRef] = []
        self.bad: list[tuple[cst.CSTNode, str]] = []

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.skip.add(id(node.attr))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self.skip.add(id(node.keyword))

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        self.bad.append((node, "a lambda"))
        return False

    def visit_ListComp(self, node: cst.ListComp) -> bool:
        self.bad.append((node, "a comprehension"))
        return False

    visit_SetComp = visit_ListComp  # type: ignore[assignment]  # same handling for every kind
    visit_DictComp = visit_ListComp  # type: ignore[assignment]  # same handling for every kind
    visit_GeneratorExp = visit_ListComp  # type: ignore[assignment]  # same handling

    def visit_NamedExpr(self, node: cst.NamedExpr) -> bool:
        self.bad.append((node, "an assignment expression"))
        return False

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        if id(original) in self.skip or original.value in ("None", "True", "False"):
            return updated
        ref = self.copier.ref(self.module, original.value, self.receivers)
        if ref is None:
            self.bad.append((original, f"the local name {original.value!r}"))
            return updated
        if ref.kind == "builtin":
            return updated
        self.refs.append(ref)
        return updated.with_changes(value=f"__iqref{len(self.refs) - 1}__")


class ExprCopier:
    """Turns an expression into code pieces and references."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    def ref(self, module: ParsedModule, name: str, receivers: frozenset[str]) -> ExprRef | None:
        """What a name in an instance expression refers to; None when it is local."""
        if name == "self" and "self" in receivers:
            return ExprRef("self")
        qname = self.reader.index.resolve(module, name)
        if qname is None:
            return None
        if qname.startswith("builtins."):
            return ExprRef("builtin")
        if module.imports.get(name) == qname and "." not in qname and name not in module.defs:
            return ExprRef("module", module=qname)
        found = self.reader.index.canonical(qname)
        if found is None:
            if self.reader.index.load(qname) is not None:
                return ExprRef("module", module=qname)
            found_symbol = Symbol.guess(qname)
        else:
            found_symbol = found.symbol
        self.reader.remember(found_symbol)
        return ExprRef("symbol", symbol=found_symbol)

    def copy(
        self, module: ParsedModule, expr: cst.BaseExpression, receivers: frozenset[str]
    ) -> tuple[str | ExprRef, ...] | None:
        """The expression as code pieces and references; None (reported) if it cannot be copied."""
        refs = _Refs(self, module, receivers)
        changed = expr.visit(refs)
        if refs.bad:
            for node, what in refs.bad:
                self.reader.error(
                    module,
                    node,
                    Code.UNSUPPORTED_FORM,
                    f"the instance expression uses {what}, "
                    "which the generated container cannot evaluate",
                    "move the construction into a helper method of the module "
                    "(self._make_x()) or a @provider method",
                )
            return None
        assert isinstance(changed, cst.BaseExpression)
        code = cst.Module([]).code_for_node(changed)
        pieces: list[str | ExprRef] = []
        last = 0
        for match in _PLACEHOLDER.finditer(code):
            if match.start() > last:
                pieces.append(code[last : match.start()])
            pieces.append(refs.refs[int(match.group(1))])
            last = match.end()
        if last < len(code):
            pieces.append(code[last:])
        return tuple(pieces)
