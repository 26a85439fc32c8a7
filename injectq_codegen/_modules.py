"""Reading ``Module`` classes: both ``configure`` styles, helpers, ``@provider`` methods.

``configure(self)`` binds through ``self.bind(K, Impl).singleton()`` chains; ``configure(self,
binder)`` through ``binder.bind(K, Impl, scope=...)``. Calls to the module's own helper methods are
followed. A ``SimpleModule`` subclass binds in ``__init__``; a module-level
``SimpleModule().bind(...)`` chain works too.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from injectq._graph import SINGLETON, TRANSIENT, Binding, Key, Kind, normalize_scope

from ._diagnostics import Diagnostic
from ._expr import ExprCopier
from ._model import Recipe
from ._reader import Reader, decorator_args, function_kind, strip_wrapper
from ._sources import ParsedModule, Symbol, dotted_name

__all__ = ["ModuleReader"]

_CHAIN = {"singleton": SINGLETON, "transient": TRANSIENT, "scoped": "request"}
_BIND = {"bind", "bind_instance", "bind_factory"}
_SIGNATURES = {
    "bind": ("service_type", "implementation", "scope", "to", "allow_none", "allow_concrete"),
    "bind_instance": ("service_type", "instance", "allow_none", "allow_concrete"),
    "bind_factory": ("service_type", "factory"),
}


@dataclass(frozen=True, slots=True)
class _Ctx:
    """Where a body is read: its module file, the module class and the receiver names."""

    module: ParsedModule
    cls: cst.ClassDef | None
    symbol: Symbol | None
    receivers: frozenset[str]
    owner: ParsedModule


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
        self.copier = ExprCopier(reader)
        self._walking: set[tuple[str, str]] = set()

    def read_spec(self, spec: str) -> None:
        reader = self.reader
        module_name, _, attr = spec.partition(":")
        module = reader.index.load(module_name) if attr else None
        found = reader.index.canonical(f"{module_name}.{attr}") if module else None
        if found is None or found.module is None:
            reader.result.diagnostics.append(
                _config(
                    f"module {spec!r} not found in the source roots",
                    'name it as "package.module:ModuleClass" in [tool.injectq] modules',
                )
            )
            return
        where = found.module
        if isinstance(found.node, cst.ClassDef):
            self.read_class(where, found.node, found.symbol)
        elif attr in where.aliases:
            self.read_chain(where, where.aliases[attr])
        else:
            reader.result.diagnostics.append(
                _config(
                    f"{spec!r} is not a Module class", "point [tool.injectq] modules at a class"
                )
            )

    # -- module classes -----------------------------------------------------------------------
    def read_class(self, module: ParsedModule, cls: cst.ClassDef, symbol: Symbol) -> None:
        reader = self.reader
        self.reader.remember(symbol)
        configure = reader.find_method(module, cls, "configure")
        if configure is not None:
            where, func, _ = configure
            names = [p.name.value for p in func.params.params]
            receivers = frozenset(names[:2]) if len(names) >= 1 else frozenset()
            self.walk(_Ctx(where, cls, symbol, receivers, module), func)
        init = reader.find_method(module, cls, "__init__")
        if init is not None and init[0].local and self._binds_in(init[1]):
            where, func, _ = init
            self.walk(_Ctx(where, cls, symbol, frozenset({"self"}), module), func)
        self.providers(module, cls, symbol)

    def _binds_in(self, func: cst.FunctionDef) -> bool:
        return "self.bind" in cst.Module([]).code_for_node(func)

    def providers(self, module: ParsedModule, cls: cst.ClassDef, symbol: Symbol) -> None:
        reader = self.reader
        for stmt in cls.body.body:
            if not isinstance(stmt, cst.FunctionDef):
                continue
            marks = reader.marks(module, stmt.decorators)
            if "provider" not in marks:
                continue
            location = module.line(stmt.decorators[0])
            returns = strip_wrapper(
                reader, module, stmt.returns.annotation if stmt.returns else None
            )
            ref = reader.types.read(module, returns)
            key = reader.key_of(ref)
            if key is None:
                reader.error(
                    module,
                    stmt,
                    "IQ101",
                    f"@provider {stmt.name.value} has no return "
                    "annotation naming the type it provides",
                    "annotate the return type: def make(self, ...) -> Service",
                )
                continue
            _, kwargs = decorator_args(marks["provider"])
            lifetime = TRANSIENT
            if "scope" in kwargs:
                lifetime = reader.scope_arg(module, kwargs["scope"].value) or TRANSIENT
            params, typed = reader.params(module, stmt, skip_first=True)
            kind = function_kind(stmt, set(marks))
            reader.add(
                Binding(
                    key,
                    kind,
                    lifetime,
                    params,
                    f"{symbol.ident}.{stmt.name.value}",
                    location,
                    factory_table=True,
                ),
                Recipe(
                    method=stmt.name.value,
                    module_class=symbol,
                    returns=ref.symbol,
                    may_be_none=ref.optional,
                    typed=typed,
                ),
            )

    # -- bodies -------------------------------------------------------------------------------
    def walk(self, ctx: _Ctx, func: cst.FunctionDef) -> None:
        mark = (ctx.module.name, func.name.value)
        if mark in self._walking:
            return
        self._walking.add(mark)
        for stmt in func.body.body:
            self.statement(ctx, stmt)
        self._walking.discard(mark)

    def statement(self, ctx: _Ctx, stmt: cst.CSTNode) -> None:
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
                        "IQ101",
                        "this statement cannot be followed as a binding",
                        "write each binding as its own statement: "
                        "self.bind(Key, Implementation) or a helper method call",
                    )
        elif _mentions(stmt, ctx.receivers):
            what = type(stmt).__name__.lower()
            reader.error(
                ctx.module,
                stmt,
                "IQ101",
                f"bindings under '{what}' cannot be "
                "followed: the graph must be static (no loops or conditions)",
                "bind unconditionally, one statement per key; move a runtime choice "
                "into a @provider method's body",
            )

    def _has_bind(self, ctx: _Ctx, node: cst.CSTNode) -> bool:
        code = cst.Module([]).code_for_node(node)
        return any(f"{r}.{m}(" in code for r in ctx.receivers for m in _BIND)

    def call(self, ctx: _Ctx, call: cst.Call) -> None:
        lifetime: str | None = None
        inner = call
        func = call.func
        if (
            isinstance(func, cst.Attribute)
            and func.attr.value in _CHAIN
            and isinstance(func.value, cst.Call)
        ):
            lifetime = _CHAIN[func.attr.value]
            if func.attr.value == "scoped" and call.args:
                lifetime = self.reader.scope_arg(ctx.module, call.args[0].value)
                if lifetime is None:
                    return
            inner = func.value
        target = inner.func
        receiver = dotted_name(target.value) if isinstance(target, cst.Attribute) else None
        if isinstance(target, cst.Attribute) and receiver in ctx.receivers:
            method = target.attr.value
            if method in _BIND:
                self.bind(ctx, inner, method, lifetime)
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
                "IQ101",
                "this call cannot be followed as a binding",
                "call self.bind/bind_instance/bind_factory, or a helper method of this module",
            )

    def helper(self, ctx: _Ctx, call: cst.Call, name: str) -> bool:
        assert ctx.cls is not None
        hit = self.reader.find_method(ctx.module, ctx.cls, name)
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
        self.walk(_Ctx(where, ctx.cls, ctx.symbol, frozenset(receivers), ctx.owner), func)
        return True

    def super_configure(self, ctx: _Ctx) -> None:
        if ctx.cls is None:
            return
        for base in ctx.cls.bases:
            found = self.reader.index.definition(ctx.module, base.value)
            if found and found.module is not None and isinstance(found.node, cst.ClassDef):
                hit = self.reader.find_method(found.module, found.node, "configure")
                if hit is not None:
                    self.walk(_Ctx(hit[0], hit[2], ctx.symbol, ctx.receivers, ctx.owner), hit[1])
                    return

    # -- one bind call ------------------------------------------------------------------------
    def bind(self, ctx: _Ctx, call: cst.Call, method: str, lifetime: str | None) -> None:
        reader = self.reader
        module = ctx.module
        names = _SIGNATURES[method]
        args: dict[str, cst.BaseExpression] = {}
        for i, arg in enumerate(call.args):
            if arg.star:
                reader.error(
                    module,
                    arg,
                    "IQ101",
                    "*args/**kwargs in a binding cannot be followed",
                    "pass each argument explicitly",
                )
                return
            if arg.keyword is not None:
                args[arg.keyword.value] = arg.value
            elif i < len(names):
                args[names[i]] = arg.value
        if "service_type" not in args:
            reader.error(module, call, "IQ101", f"{method}() needs the key it binds")
            return
        key_name: str | None = None
        if "name" in args:
            key_name = reader.string_arg(module, args["name"], "name")
            if key_name is None:
                return
        key, key_symbol = self.key(ctx, args["service_type"], key_name)
        if key is None:
            return
        if "scope" in args:
            lifetime = reader.scope_arg(module, args["scope"])
            if lifetime is None:
                return
        location = module.line(call)
        impl = args.get("to") or args.get("implementation")
        if method == "bind_instance":
            impl = args.get("instance")
            if impl is None:
                reader.error(module, call, "IQ101", "bind_instance() needs the instance")
                return
            self.instance(ctx, key, impl, location)
        elif method == "bind_factory":
            factory = args.get("factory")
            if factory is None:
                reader.error(module, call, "IQ101", "bind_factory() needs the factory")
                return
            self.factory(ctx, key, factory, lifetime or TRANSIENT, location)
        elif impl is None:
            if key_symbol is None:
                reader.error(
                    module,
                    call,
                    "IQ101",
                    "a string key needs an implementation",
                    "self.bind('key', Implementation)",
                )
                return
            self.implementation(ctx, key, args["service_type"], lifetime or SINGLETON, location)
        else:
            self.implementation(ctx, key, impl, lifetime or SINGLETON, location)

    def key(
        self, ctx: _Ctx, expr: cst.BaseExpression, name: str | None
    ) -> tuple[Key | None, Symbol | None]:
        if isinstance(expr, cst.SimpleString) and isinstance(expr.evaluated_value, str):
            return Key(repr(expr.evaluated_value), name), None
        found = self.reader.index.definition(ctx.module, expr) if dotted_name(expr) else None
        if found is None:
            self.reader.error(
                ctx.module,
                expr,
                "IQ101",
                "the key is computed at runtime, so the reader cannot follow it",
                "bind a class imported at module level or a string literal; one statement per key",
            )
            return None, None
        self.reader.remember(found.symbol)
        return Key(found.symbol.ident, name), found.symbol

    def implementation(
        self, ctx: _Ctx, key: Key, impl: cst.BaseExpression, lifetime: str, location: str
    ) -> None:
        reader = self.reader
        if dotted_name(impl) is not None:
            found = reader.index.definition(ctx.module, impl)
            if found is not None and isinstance(found.node, cst.ClassDef) and found.module:
                reader.class_binding(
                    found.module, found.node, found.symbol, key, lifetime, location
                )
                return
            if found is not None and found.module is None and found.symbol.short[:1].isupper():
                reader.error(
                    ctx.module,
                    impl,
                    "IQ104",
                    f"cannot read the constructor of "
                    f"{found.symbol.ident}: it is not in the source roots",
                    "bind an instance (self.bind(K, K(...))) or add a @provider "
                    "method that builds it",
                )
                return
        self.instance(ctx, key, impl, location)

    def instance(self, ctx: _Ctx, key: Key, expr: cst.BaseExpression, location: str) -> None:
        reader = self.reader
        if isinstance(expr, cst.Name) and expr.value == "None":
            reader.error(
                ctx.module,
                expr,
                "IQ101",
                "binding None is refused at runtime",
                "bind a real instance, or make the consumer's parameter Optional",
            )
            return
        pieces = self.copier.copy(ctx.module, expr, ctx.receivers)
        if pieces is None:
            return
        kind = Kind.INSTANCE
        if (
            isinstance(expr, cst.Call)
            and isinstance(expr.func, cst.Attribute)
            and dotted_name(expr.func.value) == "self"
            and ctx.cls is not None
        ):
            hit = reader.find_method(ctx.module, ctx.cls, expr.func.attr.value)
            if hit is not None and hit[1].asynchronous is not None:
                kind = Kind.AWAITABLE
        returns = reader.result.symbols.get(key.ident) if not key.is_string else None
        needs_module = any(not isinstance(p, str) and p.kind == "self" for p in pieces)
        reader.add(
            Binding(key, kind, SINGLETON, (), _target(reader, ctx, expr), location),
            Recipe(expr=pieces, returns=returns, module_class=ctx.symbol if needs_module else None),
        )

    def factory(
        self, ctx: _Ctx, key: Key, expr: cst.BaseExpression, lifetime: str, location: str
    ) -> None:
        reader = self.reader
        dotted = dotted_name(expr)
        if dotted is not None and dotted.startswith("self.") and ctx.cls is not None:
            hit = reader.find_method(ctx.module, ctx.cls, dotted[5:])
            if hit is not None:
                where, func, _ = hit
                params, typed = reader.params(where, func, skip_first=True)
                kind = function_kind(func, set(reader.marks(where, func.decorators)))
                assert ctx.symbol is not None
                reader.add(
                    Binding(
                        key,
                        kind,
                        normalize_scope(lifetime),
                        params,
                        f"{ctx.symbol.ident}.{func.name.value}",
                        location,
                        True,
                    ),
                    Recipe(
                        method=func.name.value,
                        module_class=ctx.symbol,
                        typed=typed,
                        returns=reader.result.symbols.get(key.ident),
                    ),
                )
                return
        found = reader.index.definition(ctx.module, expr) if dotted else None
        if found is None or found.module is None or not isinstance(found.node, cst.FunctionDef):
            reader.error(
                ctx.module,
                expr,
                "IQ101",
                "the factory is not a function the reader "
                "can read (a lambda, a call result or third-party code)",
                "pass a function defined in your package, or write a @provider method",
            )
            return
        func = found.node
        params, typed = reader.params(found.module, func, skip_first=False)
        kind = function_kind(func, set(reader.marks(found.module, func.decorators)))
        reader.remember(found.symbol)
        ret = strip_wrapper(reader, found.module, func.returns.annotation if func.returns else None)
        ref = reader.types.read(found.module, ret)
        reader.add(
            Binding(
                key, kind, normalize_scope(lifetime), params, found.symbol.ident, location, True
            ),
            Recipe(
                callee=found.symbol,
                typed=typed,
                may_be_none=ref.optional,
                returns=reader.result.symbols.get(key.ident),
            ),
        )

    # -- SimpleModule chains ------------------------------------------------------------------
    def read_chain(self, module: ParsedModule, expr: cst.BaseExpression) -> None:
        calls: list[cst.Call] = []
        node = expr
        while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            calls.append(node)
            node = node.func.value
        ctx = _Ctx(module, None, None, frozenset(), module)
        if not (
            isinstance(node, cst.Call)
            and (self.reader.types.qname(module, node.func) or "").endswith("SimpleModule")
        ):
            self.reader.error(
                module,
                expr,
                "IQ101",
                "this module value cannot be followed",
                "write SimpleModule().bind(...).bind(...) or a Module class",
            )
            return
        for call in reversed(calls):
            assert isinstance(call.func, cst.Attribute)
            method = call.func.attr.value
            if method not in _BIND:
                self.reader.error(module, call, "IQ101", f"{method}() is not a binding")
                continue
            self.bind(ctx, call, method, None)


def _is_super_configure(call: cst.Call) -> bool:
    func = call.func
    return (
        isinstance(func, cst.Attribute)
        and func.attr.value == "configure"
        and isinstance(func.value, cst.Call)
        and dotted_name(func.value.func) == "super"
    )


def _target(reader: Reader, ctx: _Ctx, expr: cst.BaseExpression) -> str:
    """The class an instance expression constructs, when it is a plain constructor call."""
    if isinstance(expr, cst.Call) and dotted_name(expr.func) is not None:
        found = reader.index.definition(ctx.module, expr.func)
        if found is not None and isinstance(found.node, cst.ClassDef):
            return found.symbol.ident
    return ""


def _config(message: str, hint: str) -> Diagnostic:
    return Diagnostic("error", "", "IQ105", message, hint)
