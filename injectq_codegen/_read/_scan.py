"""Scanning packages: decorated classes, ``@resource`` functions and ``@inject`` roots.

Declarations must sit at the top level of a module (or in a class body, for methods): one made
under ``if``, ``for``, ``while``, ``with`` or ``try`` is an error, because the graph must not
depend on a condition the generator cannot evaluate.
"""

from __future__ import annotations

import libcst as cst

from .._diagnostics import Code
from .._runtime import SINGLETON, Binding, Key, Param, Root, normalize_scope
from ._frameworks import framework_params
from ._function_forms import decorator_arg, function_kind, strip_wrapper
from ._lookups import Lookup, LookupFinder
from ._reader import CLASS_MARKS, Reader
from ._result import InjectFunction, Recipe
from ._sources import ParsedModule, Symbol

__all__ = ["Scanner"]

_DECLARING = frozenset({"singleton", "transient", "scoped", "register_as", "resource", "inject"})


class _Conditional(cst.CSTVisitor):
    """Finds declaring decorators below a compound statement."""

    def __init__(self, reader: Reader, module: ParsedModule) -> None:
        self.reader = reader
        self.module = module
        self.hits: list[cst.Decorator] = []

    def visit_Decorator(self, node: cst.Decorator) -> None:
        if set(self.reader.marks(self.module, [node])) & _DECLARING:
            self.hits.append(node)


class Scanner:
    """Reads every module of the scanned packages."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    def scan_package(self, package: str) -> None:
        """Read every module of ``package`` that could declare something."""
        index = self.reader.index
        names = list(index.iter_package(package))
        if not names:
            self.reader.diagnostics.error(
                Code.CONFIG_ERROR,
                f"package {package!r} is not in the source roots "
                f"({', '.join(self.reader.config.source_roots)})",
                "fix [tool.injectq] scan or source_roots",
            )
        for name in names:
            text = index.source_text(name)
            if text is None or ("@" not in text and "Inject" not in text and "get(" not in text):
                continue
            module = index.load(name)
            if module is not None:
                self.scan_body(module, module.body, (), top=True)
                if "get(" in text:
                    self._lookups(module)

    def _lookups(self, module: ParsedModule) -> None:
        finder = LookupFinder(self.reader, module)
        for stmt in module.body:
            stmt.visit(finder)
        self.reader.lookups.extend(finder.found)

    def scan_body(
        self, module: ParsedModule, body: object, outer: tuple[str, ...], top: bool
    ) -> None:
        """Read the classes and functions of a module or class body."""
        assert isinstance(body, (list, tuple))
        for stmt in body:
            if isinstance(stmt, cst.ClassDef):
                self.scan_class(module, stmt, outer)
            elif isinstance(stmt, cst.FunctionDef):
                self.scan_function(module, stmt, outer, in_class=not top)
            elif isinstance(stmt, cst.BaseCompoundStatement):
                self._conditional(module, stmt)

    def _conditional(self, module: ParsedModule, stmt: cst.CSTNode) -> None:
        finder = _Conditional(self.reader, module)
        stmt.visit(finder)
        what = type(stmt).__name__.lower()
        for deco in finder.hits:
            self.reader.error(
                module,
                deco,
                Code.UNSUPPORTED_FORM,
                f"a declaration under '{what}' cannot be followed: the graph must be static",
                "declare it unconditionally at module level; put a runtime choice inside a "
                "provider's body",
            )

    # -- classes ------------------------------------------------------------------------------
    def scan_class(self, module: ParsedModule, cls: cst.ClassDef, outer: tuple[str, ...]) -> None:
        """Read a class's decorators into bindings, then its body."""
        reader = self.reader
        qual = (*outer, cls.name.value)
        symbol = Symbol(module.name, ".".join(qual))
        marks = reader.marks(module, cls.decorators)
        location = module.def_line(symbol.qualname, cls)
        for mark, deco in sorted(marks.items(), key=lambda kv: cls.decorators.index(kv[1])):
            bound = self._class_mark(module, mark, deco)
            if bound is None:
                continue
            key, lifetime = bound
            reader.classes.class_binding(
                module, cls, symbol, key or Key(symbol.ident), lifetime, location
            )
        if "inject" in marks:
            reader.error(
                module,
                marks["inject"],
                Code.UNSUPPORTED_FORM,
                "@inject applies to functions, not classes",
                "decorate the class's __init__ with @inject instead",
            )
        self.scan_body(module, cls.body.body, qual, top=False)

    def _class_mark(
        self, module: ParsedModule, mark: str, deco: cst.Decorator
    ) -> tuple[Key | None, str] | None:
        """(key or None for the class itself, lifetime) a class decorator binds, else None."""
        if mark in CLASS_MARKS:
            if isinstance(deco.decorator, cst.Call):
                self.reader.error(
                    module,
                    deco,
                    Code.UNSUPPORTED_FORM,
                    f"@{mark}(...) is not a class decorator",
                    f"write @{mark} without arguments",
                )
                return None
            return None, CLASS_MARKS[mark]
        if mark == "scoped":
            return self._scoped(module, deco)
        if mark == "register_as":
            return self._register_as(module, deco)
        return None

    def _scoped(self, module: ParsedModule, deco: cst.Decorator) -> tuple[None, str] | None:
        """Bare ``@scoped`` and ``@scoped()`` mean the request scope, as at runtime."""
        first = decorator_arg(deco, "scope_name", 0)
        if first is None:
            return None, "request"
        scope = self.reader.scope_arg(module, first)
        return None if scope is None else (None, scope)

    def _register_as(self, module: ParsedModule, deco: cst.Decorator) -> tuple[Key, str] | None:
        target = decorator_arg(deco, "service_type", 0)
        if target is None:
            self.reader.error(
                module,
                deco,
                Code.UNSUPPORTED_FORM,
                "@register_as needs the key it binds",
                "@register_as(Interface)",
            )
            return None
        key = self._key_expr(module, target)
        scope_arg = decorator_arg(deco, "scope", 1)
        scope = SINGLETON if scope_arg is None else self.reader.scope_arg(module, scope_arg)
        return None if key is None or scope is None else (key, scope)

    def _key_expr(self, module: ParsedModule, expr: cst.BaseExpression) -> Key | None:
        if isinstance(expr, cst.SimpleString) and isinstance(expr.evaluated_value, str):
            return Key.string(expr.evaluated_value)
        found = self.reader.index.definition(module, expr)
        if found is None:
            self.reader.error(
                module,
                expr,
                Code.UNRESOLVED_NAME,
                "cannot follow this key to a class or string",
                "use a class imported at module level, or a string literal",
            )
            return None
        self.reader.remember(found.symbol)
        return Key(found.symbol.ident)

    # -- functions ----------------------------------------------------------------------------
    def scan_function(
        self, module: ParsedModule, func: cst.FunctionDef, outer: tuple[str, ...], in_class: bool
    ) -> None:
        """Read a function: a ``@resource``, an ``@inject`` root or an ``Inject[T]`` root."""
        reader = self.reader
        marks = reader.marks(module, func.decorators)
        qual = ".".join((*outer, func.name.value))
        location = module.def_line(qual, func)
        if "resource" in marks and not in_class:
            self._resource(module, func, qual, marks, location)
        params, _ = reader.params(module, func, skip_first=in_class)
        name = f"{module.name}.{qual}"
        if "inject" in marks:
            self._inject(module, func, outer, in_class, params, location)
        endpoint = framework_params(reader, module, func, skip_first=in_class)
        if endpoint:  # resolved by an integration, in a request block, with aget
            reader.result.roots.append(Root(name, endpoint, None, True, location))
        elif "inject" not in marks and _inject_default_root(reader, module, func, params):
            marked = tuple(p for p in params if p.explicit and not p.has_default)
            reader.result.roots.append(Root(name, marked, None, False, location))

    def _inject(
        self,
        module: ParsedModule,
        func: cst.FunctionDef,
        outer: tuple[str, ...],
        in_class: bool,
        params: tuple[Param, ...],
        location: str,
    ) -> None:
        """An ``@inject`` function is a root; a class with an ``@inject`` ``__init__`` is built
        by the container, so the class is looked up too."""
        result = self.reader.result
        name = f"{module.name}.{'.'.join((*outer, func.name.value))}"
        is_async = func.asynchronous is not None
        if in_class and func.name.value == "__init__":
            self.reader.lookups.append(
                Lookup(Key(f"{module.name}.{'.'.join(outer)}"), None, location)
            )
        result.injects.append(InjectFunction(name, params, is_async, location))
        result.roots.append(Root(name, params, None, is_async, location))

    def _resource(
        self,
        module: ParsedModule,
        func: cst.FunctionDef,
        qual: str,
        marks: dict[str, cst.Decorator],
        location: str,
    ) -> None:
        reader = self.reader
        scope_arg = decorator_arg(marks["resource"], "scope", 0)
        lifetime = SINGLETON if scope_arg is None else reader.scope_arg(module, scope_arg)
        if lifetime is None:
            return
        kind = function_kind(func, set(marks))
        returns = strip_wrapper(
            reader.types, module, func.returns.annotation if func.returns else None
        )
        ref = reader.types.read(module, returns)
        key = reader.key_of(ref)
        if key is None:
            reader.error(
                module,
                func,
                Code.UNSUPPORTED_FORM,
                f"@resource function {qual} has no return annotation naming the type it provides",
                "annotate it: -> Iterator[T] for a generator, -> T otherwise",
            )
            return
        params, typed = reader.params(module, func, skip_first=False)
        symbol = Symbol(module.name, qual)
        reader.remember(symbol)
        reader.add(
            Binding(key, kind, normalize_scope(lifetime), params, symbol.ident, location, True),
            Recipe(callee=symbol, returns=ref.symbol, may_be_none=ref.optional, typed=typed),
        )


def _inject_default_root(
    reader: Reader, module: ParsedModule, func: cst.FunctionDef, params: tuple[Param, ...]
) -> bool:
    """Whether a plain function has a required ``Inject[T]`` default (a root of its own)."""
    if not any(p.explicit and not p.has_default and p.key is not None for p in params):
        return False
    p = func.params
    return any(
        node.default is not None and reader.types.inject_default(module, node.default) is not None
        for node in (*p.posonly_params, *p.params, *p.kwonly_params)
    )
