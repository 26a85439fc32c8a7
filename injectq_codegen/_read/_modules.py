"""Reading ``Module`` classes: both ``configure`` styles, helpers, ``@provider`` methods.

``configure(self)`` binds through ``self.bind(K, Impl).singleton()`` chains; ``configure(self,
binder)`` through ``binder.bind(K, Impl, scope=...)``. Calls to the module's own helper methods are
followed. A ``SimpleModule`` subclass binds in ``__init__``; a module-level
``SimpleModule().bind(...)`` chain works too. Each binding call found is read by ``_binds``.
"""

from __future__ import annotations

import difflib
from dataclasses import replace

import libcst as cst

from .._diagnostics import Code
from .._runtime import SINGLETON, TRANSIENT, Binding
from ._binds import BIND_METHODS, BindReader, Ctx
from ._function_forms import decorator_arg, function_kind, strip_wrapper
from ._reader import Reader
from ._result import Recipe
from ._sources import ParsedModule, Symbol, dotted_name

__all__ = ["ModuleReader"]

_CHAIN = {"singleton": SINGLETON, "transient": TRANSIENT, "scoped": "request"}


class _Mentions(cst.CSTVisitor):
    def __init__(self, names: frozenset[str]) -> None:
        self.names = names
        self.found = False

    def visit_Name(self, node: cst.Name) -> None:
        if node.value in self.names:
            self.found = True


def _mentions(node: cst.CSTNode, names: frozenset[str]) -> bool:
    finder = _Mentions(names)
    node.visit(finder)
    return finder.found


class ModuleReader:
    """Reads configured modules into the reader's graph."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.binds = BindReader(reader)
        self._walking: set[tuple[str, str]] = set()

    def read_spec(self, spec: str) -> None:
        """Read one ``package.module:Attr`` of ``[tool.injectq] modules``."""
        reader = self.reader
        module_name, _, attr = spec.partition(":")
        module = reader.index.load(module_name) if attr else None
        found = reader.index.canonical(f"{module_name}.{attr}") if module else None
        if found is None or found.module is None:
            reader.diagnostics.error(
                Code.CONFIG_ERROR,
                f"module {spec!r} not found in the source roots{self._near(module_name, attr)}",
                'name it as "package.module:ModuleClass" in [tool.injectq] modules',
            )
            return
        where = found.module
        if isinstance(found.node, cst.ClassDef):
            self.read_class(where, found.node, found.symbol)
        elif attr in where.aliases:
            self.read_chain(where, where.aliases[attr])
        else:
            reader.diagnostics.error(
                Code.CONFIG_ERROR,
                f"{spec!r} is not a Module class",
                "point [tool.injectq] modules at a class",
            )

    def _near(self, module_name: str, attr: str) -> str:
        """``"; did you mean 'pkg.mod:Class'?"`` for the closest existing spec, else ``""``."""
        index = self.reader.index
        module = index.load(module_name) if module_name else None
        if module is not None:
            names = [n for n in module.defs if n[:1].isupper()]
            near = difflib.get_close_matches(attr, names, n=1)
            return f"; did you mean '{module_name}:{near[0]}'?" if near else ""
        top = module_name.partition(".")[0]
        packages = {top, *self.reader.config.scan}
        known = sorted({m for p in packages for m in index.iter_package(p)})
        near = difflib.get_close_matches(module_name, known, n=1)
        return f"; did you mean '{near[0]}:{attr}'?" if near else ""

    # -- module classes -----------------------------------------------------------------------
    def read_class(self, module: ParsedModule, cls: cst.ClassDef, symbol: Symbol) -> None:
        """Read a ``Module`` class: ``configure``, a ``SimpleModule`` ``__init__``, providers."""
        reader = self.reader
        self.reader.remember(symbol)
        configure = reader.classes.find_method(module, cls, "configure")
        if configure is not None:
            where, func, _ = configure
            names = [p.name.value for p in func.params.params]
            receivers = frozenset(names[:2]) if len(names) >= 1 else frozenset()
            self.walk(Ctx(where, cls, symbol, receivers, module), func)
        init = reader.classes.find_method(module, cls, "__init__")
        if init is not None and init[0].local and self._binds_in(init[1]):
            where, func, _ = init
            self.walk(Ctx(where, cls, symbol, frozenset({"self"}), module), func)
        self.providers(module, cls, symbol)

    def _binds_in(self, func: cst.FunctionDef) -> bool:
        return "self.bind" in cst.Module([]).code_for_node(func)

    def providers(self, module: ParsedModule, cls: cst.ClassDef, symbol: Symbol) -> None:
        """Every ``@provider`` method of a module class, as a binding."""
        for stmt in cls.body.body:
            if not isinstance(stmt, cst.FunctionDef):
                continue
            marks = self.reader.marks(module, stmt.decorators)
            if "provider" in marks:
                self.provider(module, stmt, symbol, marks)

    def provider(
        self,
        module: ParsedModule,
        stmt: cst.FunctionDef,
        symbol: Symbol,
        marks: dict[str, cst.Decorator],
    ) -> None:
        """One ``@provider`` method: the key it returns, its scope and its parameters."""
        reader = self.reader
        location = module.line(stmt.decorators[0])
        returns = strip_wrapper(
            reader.types, module, stmt.returns.annotation if stmt.returns else None
        )
        ref = reader.types.read(module, returns)
        key = reader.key_of(ref)
        if key is None:
            reader.error(
                module,
                stmt,
                Code.UNSUPPORTED_FORM,
                f"@provider {stmt.name.value} has no return annotation naming the type it provides",
                "annotate the return type: def make(self, ...) -> Service",
            )
            return
        scope = decorator_arg(marks["provider"], "scope")
        lifetime = TRANSIENT if scope is None else reader.scope_arg(module, scope) or TRANSIENT
        params, typed = reader.params(module, stmt, skip_first=True)
        kind = function_kind(stmt, set(marks))
        target = f"{symbol.ident}.{stmt.name.value}"
        reader.add(
            Binding(key, kind, lifetime, params, target, location, factory_table=True),
            Recipe(
                method=stmt.name.value,
                module_class=symbol,
                returns=ref.symbol,
                may_be_none=ref.optional,
                typed=typed,
                declared=f"{symbol.module}:{symbol.qualname}.{stmt.name.value}",
            ),
        )

    # -- bodies -------------------------------------------------------------------------------
    def walk(self, ctx: Ctx, func: cst.FunctionDef) -> None:
        """Read the binding statements of a function body (each body once per walk)."""
        mark = (ctx.module.name, func.name.value)
        if mark in self._walking:
            return
        self._walking.add(mark)
        if ctx.symbol is not None:
            declared = f"{ctx.symbol.module}:{ctx.symbol.qualname}.{func.name.value}"
            ctx = replace(ctx, declared=declared)
        for stmt in func.body.body:
            self.statement(ctx, stmt)
        self._walking.discard(mark)

    def statement(self, ctx: Ctx, stmt: cst.CSTNode) -> None:
        """Read one statement of a body; anything that is not a binding call is reported."""
        reader = self.reader
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
                    self.call(ctx, small.value)
                elif (
                    isinstance(small, (cst.Expr, cst.Pass))
                    or not _mentions(small, ctx.receivers)
                    or (
                        isinstance(small, (cst.Assign, cst.AnnAssign))
                        and not self._has_bind(ctx, small)
                    )
                ):
                    continue
                else:
                    reader.error(
                        ctx.module,
                        small,
                        Code.UNSUPPORTED_FORM,
                        "this statement cannot be followed as a binding",
                        "write each binding as its own statement: "
                        "self.bind(Key, Implementation) or a helper method call",
                    )
        elif _mentions(stmt, ctx.receivers):
            what = type(stmt).__name__.lower()
            reader.error(
                ctx.module,
                stmt,
                Code.UNSUPPORTED_FORM,
                f"bindings under '{what}' cannot be "
                "followed: the graph must be static (no loops or conditions)",
                "bind unconditionally, one statement per key; move a runtime choice "
                "into a @provider method's body",
            )

    def _has_bind(self, ctx: Ctx, node: cst.CSTNode) -> bool:
        code = cst.Module([]).code_for_node(node)
        return any(f"{r}.{m}(" in code for r in ctx.receivers for m in BIND_METHODS)

    def call(self, ctx: Ctx, call: cst.Call) -> None:
        """Read one call statement: a binding, a helper method or ``super().configure()``."""
        chained = self._chained(ctx, call)
        if chained is None:
            return
        inner, lifetime = chained
        target = inner.func
        receiver = dotted_name(target.value) if isinstance(target, cst.Attribute) else None
        if isinstance(target, cst.Attribute) and receiver in ctx.receivers:
            method = target.attr.value
            if method in BIND_METHODS:
                self.binds.bind(ctx, inner, method, lifetime)
                return
            if (
                receiver == "self"
                and ctx.cls is not None
                and lifetime is None
                and self.helper(ctx, inner, method)
            ):
                return
        if _is_super_configure(call):
            self.super_configure(ctx)
            return
        if _mentions(call, ctx.receivers):
            self.reader.error(
                ctx.module,
                call,
                Code.UNSUPPORTED_FORM,
                "this call cannot be followed as a binding",
                "call self.bind/bind_instance/bind_factory, or a helper method of this module",
            )

    def _chained(self, ctx: Ctx, call: cst.Call) -> tuple[cst.Call, str | None] | None:
        """``self.bind(...).singleton()``: the inner call and the chained lifetime (None when
        there is no chain); None (reported) when the chained scope is computed."""
        func = call.func
        if not (
            isinstance(func, cst.Attribute)
            and func.attr.value in _CHAIN
            and isinstance(func.value, cst.Call)
        ):
            return call, None
        lifetime: str | None = _CHAIN[func.attr.value]
        if func.attr.value == "scoped" and call.args:
            lifetime = self.reader.scope_arg(ctx.module, call.args[0].value)
            if lifetime is None:
                return None
        return func.value, lifetime

    def helper(self, ctx: Ctx, call: cst.Call, name: str) -> bool:
        """Follow a call to the module's own helper method; False when it has none."""
        assert ctx.cls is not None
        hit = self.reader.classes.find_method(ctx.module, ctx.cls, name)
        if hit is None:
            return False
        where, func, _ = hit
        receivers = {"self"}
        params = [p.name.value for p in func.params.params][1:]
        for i, arg in enumerate(call.args):
            if isinstance(arg.value, cst.Name) and arg.value.value in ctx.receivers:
                if arg.keyword is not None:
                    receivers.add(arg.keyword.value)
                elif i < len(params):
                    receivers.add(params[i])
        self.walk(Ctx(where, ctx.cls, ctx.symbol, frozenset(receivers), ctx.owner), func)
        return True

    def super_configure(self, ctx: Ctx) -> None:
        """Follow ``super().configure(...)`` to the first base class that defines it."""
        if ctx.cls is None:
            return
        for base in ctx.cls.bases:
            found = self.reader.index.definition(ctx.module, base.value)
            if found and found.module is not None and isinstance(found.node, cst.ClassDef):
                hit = self.reader.classes.find_method(found.module, found.node, "configure")
                if hit is not None:
                    self.walk(Ctx(hit[0], hit[2], ctx.symbol, ctx.receivers, ctx.owner), hit[1])
                    return

    # -- SimpleModule chains ------------------------------------------------------------------
    def read_chain(self, module: ParsedModule, expr: cst.BaseExpression) -> None:
        """Read a module-level ``SimpleModule().bind(...).bind(...)`` chain."""
        calls: list[cst.Call] = []
        node = expr
        while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            calls.append(node)
            node = node.func.value
        ctx = Ctx(module, None, None, frozenset(), module, module.name)
        if not (
            isinstance(node, cst.Call)
            and (self.reader.types.qname(module, node.func) or "").endswith("SimpleModule")
        ):
            self.reader.error(
                module,
                expr,
                Code.UNSUPPORTED_FORM,
                "this module value cannot be followed",
                "write SimpleModule().bind(...).bind(...) or a Module class",
            )
            return
        for call in reversed(calls):
            assert isinstance(call.func, cst.Attribute)
            method = call.func.attr.value
            if method not in BIND_METHODS:
                self.reader.error(
                    module, call, Code.UNSUPPORTED_FORM, f"{method}() is not a binding"
                )
                continue
            self.binds.bind(ctx, call, method, None)


def _is_super_configure(call: cst.Call) -> bool:
    func = call.func
    return (
        isinstance(func, cst.Attribute)
        and func.attr.value == "configure"
        and isinstance(func.value, cst.Call)
        and dotted_name(func.value.func) == "super"
    )
