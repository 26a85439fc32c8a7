"""Reading type hints and parameters from source into the graph model's :class:`Param`.

Normalised as the runtime does: ``Optional[X]`` / ``X | None`` mark the parameter optional,
generic aliases resolve to their origin, ``Annotated[X, Named("n")]`` names the key,
``Inject[T]`` (annotation or default) makes the key explicit, ``Lazy[T]`` and ``Current[T]``
defer it. String
annotations are parsed and resolved in the module's namespace, so ``TYPE_CHECKING`` imports work.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import libcst as cst

from .._diagnostics import Code, Diagnostics
from .._runtime import Key, Param
from ._sources import ParsedModule, SourceIndex, Symbol, dotted_name

__all__ = ["TypeReader", "TypeRef", "marker_of"]

_TYPING = ("typing.", "typing_extensions.")
_ABC = ("typing.", "typing_extensions.", "collections.abc.", "contextlib.", "abc.")


def marker_of(qname: str | None) -> str | None:
    """The marker a qualified name stands for (``"Optional"``, ``"injectq.Inject"``, ...)."""
    if qname is None:
        return None
    head, _, last = qname.rpartition(".")
    if head == "injectq" or head.startswith("injectq."):
        return f"injectq.{last}"
    if any(qname.startswith(p) for p in _ABC):
        return last
    if qname in ("builtins.None", "types.NoneType"):
        return "None"
    return None


@dataclass(frozen=True, slots=True)
class TypeRef:
    """An annotation read as a key: the type, whether None is allowed, and its markers."""

    symbol: Symbol | None = None
    optional: bool = False
    lazy: bool = False
    explicit: bool = False
    name: str | None = None
    is_none: bool = False
    args: tuple[TypeRef, ...] = field(default=())
    current: bool = False  # with lazy: Current[T] rather than Lazy[T]

    @property
    def key(self) -> Key | None:
        """The graph key the annotation names, or None."""
        return None if self.symbol is None else Key(self.symbol.ident, self.name)


_NONE = TypeRef(is_none=True)
_UNKNOWN = TypeRef()


class TypeReader:
    """Turns annotations and signatures of one index into :class:`TypeRef` and :class:`Param`."""

    def __init__(self, index: SourceIndex, diagnostics: Diagnostics) -> None:
        self.index = index
        self.diagnostics = diagnostics

    def qname(self, module: ParsedModule, expr: cst.BaseExpression) -> str | None:
        """The qualified name a Name/Attribute expression refers to."""
        dotted = dotted_name(expr)
        return None if dotted is None else self.index.resolve(module, dotted)

    def symbol(self, module: ParsedModule, expr: cst.BaseExpression) -> Symbol | None:
        """The canonical symbol an expression refers to."""
        found = self.index.definition(module, expr)
        return None if found is None else found.symbol

    def read(self, module: ParsedModule, expr: cst.BaseExpression | None) -> TypeRef:
        """An annotation read as a :class:`TypeRef`."""
        if expr is None:
            return _UNKNOWN
        if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
            return self._string(module, expr)
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.BitOr):
            return self._union(module, [expr.left, expr.right])
        if isinstance(expr, cst.Subscript):
            return self._subscript(module, expr)
        if isinstance(expr, (cst.Name, cst.Attribute)):
            qname = self.qname(module, expr)
            mark = marker_of(qname)
            if mark == "None":
                return _NONE
            if mark == "Any" or qname is None:
                return _UNKNOWN
            return TypeRef(self.symbol(module, expr))
        return _UNKNOWN

    def _string(self, module: ParsedModule, expr: cst.BaseExpression) -> TypeRef:
        text = None
        if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
            text = expr.evaluated_value
        if not isinstance(text, str):
            return _UNKNOWN
        try:
            inner = cst.parse_expression(text.strip())
        except cst.ParserSyntaxError:
            self.diagnostics.error(
                Code.UNSUPPORTED_FORM,
                f"cannot parse the string annotation {text!r}",
                "write a valid type expression",
                module.where(expr),
            )
            return _UNKNOWN
        return self.read(module, inner)

    def _union(self, module: ParsedModule, members: list[cst.BaseExpression]) -> TypeRef:
        flat: list[TypeRef] = []
        for member in members:
            ref = self.read(module, member)
            flat.extend(ref.args if ref.args and ref.symbol is None else [ref])
        rest = [m for m in flat if not m.is_none]
        optional = len(rest) < len(flat)
        if len(rest) == 1:
            one = rest[0]
            return replace(one, optional=optional or one.optional, is_none=False, args=())
        return TypeRef(optional=optional, args=tuple(flat))

    def _subscript(self, module: ParsedModule, expr: cst.Subscript) -> TypeRef:
        mark = marker_of(self.qname(module, expr.value))
        items = [e.slice.value for e in expr.slice if isinstance(e.slice, cst.Index)]
        if not items:
            return _UNKNOWN
        if mark == "Optional":
            ref = self.read(module, items[0])
            return replace(ref, optional=True, is_none=False, args=())
        if mark == "Union":
            return self._union(module, items)
        if mark == "Annotated":
            ref = self.read(module, items[0])
            name = ref.name
            explicit = ref.explicit
            for meta in items[1:]:
                named = self._named(module, meta)
                if named is not None:
                    name, explicit = named, True
            return replace(ref, explicit=explicit, name=name, is_none=False, args=())
        if mark == "injectq.Inject":
            ref = self.read(module, items[0])
            return replace(ref, explicit=True, is_none=False, args=())
        if mark in ("injectq.Lazy", "injectq.Current"):
            ref = self.read(module, items[0])
            current = mark == "injectq.Current"
            return replace(ref, lazy=True, current=current, is_none=False, args=())
        origin = self.read(module, expr.value)
        return TypeRef(origin.symbol, args=tuple(self.read(module, i) for i in items))

    def _named(self, module: ParsedModule, meta: cst.BaseExpression) -> str | None:
        if (
            not isinstance(meta, cst.Call)
            or marker_of(self.qname(module, meta.func)) != "injectq.Named"
        ):
            return None
        if meta.args and isinstance(meta.args[0].value, cst.SimpleString):
            value = meta.args[0].value.evaluated_value
            if isinstance(value, str):
                return value
        self.diagnostics.error(
            Code.UNSUPPORTED_FORM,
            "Named(...) needs a string literal",
            'write Named("name") with a literal name',
            module.where(meta),
        )
        return None

    def inject_default(self, module: ParsedModule, default: cst.BaseExpression) -> TypeRef | None:
        """The key of an ``Inject[T]`` / ``Inject(T)`` default, else None."""
        if isinstance(default, cst.Subscript):
            if marker_of(self.qname(module, default.value)) == "injectq.Inject":
                return self.read(module, default)
            return None
        if (
            isinstance(default, cst.Call)
            and default.args
            and marker_of(self.qname(module, default.func)) == "injectq.Inject"
        ):
            ref = self.read(module, default.args[0].value)
            return replace(ref, explicit=True, is_none=False, args=())
        return None

    # -- signatures -------------------------------------------------------------------------
    def params(
        self, module: ParsedModule, func: cst.FunctionDef, skip_first: bool
    ) -> tuple[tuple[Param, ...], bool]:
        """The injectable parameters of ``func`` and whether it is fully typed."""
        p = func.params
        positional = [*p.posonly_params, *p.params]
        if skip_first and positional:
            positional = positional[1:]
        typed = func.returns is not None or (
            skip_first
            and func.name.value == "__init__"
            and any(x.annotation is not None for x in (*positional, *p.kwonly_params))
        )
        out: list[Param] = []
        for node, is_positional in [(x, True) for x in positional] + [
            (x, False) for x in p.kwonly_params
        ]:
            if node.annotation is None and node.default is None:
                typed = False
            out.append(self.param(module, node, is_positional))
        return tuple(out), typed

    def param(self, module: ParsedModule, node: cst.Param, positional: bool) -> Param:
        """One parameter of a signature as the graph model's :class:`Param`."""
        ref = self.read(module, node.annotation.annotation if node.annotation else None)
        has_default = node.default is not None
        explicit = ref.explicit
        if node.default is not None:
            marked = self.inject_default(module, node.default)
            if marked is not None:
                has_default = False
                explicit = True
                if marked.symbol is not None:
                    ref = marked
        return Param(
            name=node.name.value,
            key=ref.key,
            has_default=has_default,
            optional=ref.optional,
            lazy=ref.lazy,
            explicit=explicit,
            positional=positional,
            current=ref.current,
        )
