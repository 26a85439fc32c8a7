"""Reading classes from source: constructors (``__init__`` or dataclass fields), methods found
through base classes, abstract classes, and the transient binding of an unbound class."""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from .._runtime import TRANSIENT, Binding, Key, Kind, Param
from ._result import Recipe
from ._sources import ParsedModule, Symbol
from ._types import marker_of

if TYPE_CHECKING:
    from ._reader import Reader

__all__ = ["ClassReader"]


class ClassReader:
    """The class-reading part of one reader run."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self._auto: dict[Key, Binding | None] = {}

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
            found = self.reader.index.definition(module, base.value)
            if found is None or found.module is None or _is_injectq(found.module.name):
                continue  # injectq's own base classes are markers, never read as user code
            if isinstance(found.node, cst.ClassDef):
                hit = self.find_method(found.module, found.node, name, depth + 1)
                if hit is not None:
                    return hit
        return None

    def is_dataclass(self, module: ParsedModule, cls: cst.ClassDef) -> bool:
        """Whether the class is decorated with ``dataclasses.dataclass``."""
        return any(
            (
                self.reader.types.qname(
                    module, d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator
                )
                or ""
            ).endswith("dataclasses.dataclass")
            for d in cls.decorators
        )

    def dataclass_params(self, module: ParsedModule, cls: cst.ClassDef) -> tuple[Param, ...]:
        """A dataclass's fields as constructor parameters (class variables left out)."""
        out: list[Param] = []
        for stmt in cls.body.body:
            if not isinstance(stmt, cst.SimpleStatementLine):
                continue
            for small in stmt.body:
                if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                    ref = self.reader.types.read(module, small.annotation.annotation)
                    if (
                        marker_of(
                            self.reader.types.qname(module, _origin(small.annotation.annotation))
                        )
                        == "ClassVar"
                    ):
                        continue
                    self.reader.key_of(ref)
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
        params, typed = self.reader.params(where, init, skip_first=True)
        return params, typed, owner is cls

    def is_abstract(self, module: ParsedModule, cls: cst.ClassDef) -> bool:
        """Whether the class declares an ``@abstractmethod``."""
        for stmt in cls.body.body:
            if isinstance(stmt, cst.FunctionDef) and "abstractmethod" in self.reader.marks(
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
        declared: str = "",
        factory_table: bool = False,
    ) -> None:
        """Bind ``key`` to the class ``cls``, built through its constructor.

        ``declared`` names the declaring body (``module:Class.method``); "" for the class itself.
        """
        params, typed, _ = self.constructor(module, cls)
        self.reader.remember(symbol)
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
        recipe = Recipe(callee=symbol, typed=typed, returns=symbol, declared=declared)
        self.reader.add(binding, recipe)

    def not_auto_built(self, key: Key) -> str | None:
        """Why a class read from the source roots is not built automatically, else None."""
        if key.name is not None or key.is_string:
            return None
        found = self.reader.index.canonical(key.ident)
        if found is None or found.module is None or not found.module.local:
            return None
        if not isinstance(found.node, cst.ClassDef):
            return None
        if self.is_abstract(found.module, found.node):
            return "is abstract: bind it explicitly to a concrete implementation"
        if not self.constructor(found.module, found.node)[2]:
            return (
                "has no __init__ of its own, so it is not built automatically (0.5's rule): "
                "bind it explicitly (self.bind(K, K) or a class decorator)"
            )
        return None

    def auto(self, key: Key) -> Binding | None:
        """An unbound class from the source roots with its own ``__init__``, built transient."""
        if key in self._auto:
            return self._auto[key]
        self._auto[key] = None
        if key.name is not None or key.is_string:
            return None
        found = self.reader.index.canonical(key.ident)
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
        self.reader.remember(found.symbol)
        self.reader.result.recipes[key] = Recipe(
            callee=found.symbol, typed=typed, returns=found.symbol
        )
        self._auto[key] = binding
        return binding


def _origin(expr: cst.BaseExpression) -> cst.BaseExpression:
    return expr.value if isinstance(expr, cst.Subscript) else expr


def _is_injectq(module: str) -> bool:
    return module == "injectq" or module.startswith("injectq.")
