"""Reading one binding call: ``bind``, ``bind_instance`` and ``bind_factory`` with their arguments.

The module reader (``_modules``) finds the calls in ``configure`` bodies, helper methods and
``SimpleModule`` chains; this module reads each one into a binding and its recipe: the key (a
class or a string literal, with an optional ``name=``), the lifetime, and what provides the value
(a class from the source roots, an instance expression, or a factory function or method).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from .._diagnostics import Code
from .._runtime import SINGLETON, TRANSIENT, Binding, Key, Kind, normalize_scope
from ._function_forms import function_kind, strip_wrapper
from ._instance_exprs import ExprCopier
from ._reader import Reader
from ._result import Recipe
from ._sources import ParsedModule, Symbol, dotted_name

__all__ = ["BIND_METHODS", "BindReader", "Ctx"]

BIND_METHODS = {"bind", "bind_instance", "bind_factory"}
_SIGNATURES = {
    "bind": ("service_type", "implementation", "scope", "to", "allow_none", "allow_concrete"),
    "bind_instance": ("service_type", "instance", "allow_none", "allow_concrete"),
    "bind_factory": ("service_type", "factory"),
}


@dataclass(frozen=True, slots=True)
class Ctx:
    """Where a body is read: its module file, the module class and the receiver names."""

    module: ParsedModule
    cls: cst.ClassDef | None
    symbol: Symbol | None
    receivers: frozenset[str]
    owner: ParsedModule
    declared: str = ""  # "module:Class.method" of the body being read, for generated comments


class BindReader:
    """Reads one binding call into the reader's graph."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.copier = ExprCopier(reader)

    def bind(self, ctx: Ctx, call: cst.Call, method: str, lifetime: str | None) -> None:
        """Read one ``bind``/``bind_instance``/``bind_factory`` call into a binding."""
        args = self._arguments(ctx, call, method)
        if args is None:
            return
        keyed = self._key_and_lifetime(ctx, args, lifetime)
        if keyed is None:
            return
        key, key_symbol, lifetime = keyed
        location = ctx.module.line(call)
        value = {"bind_instance": "instance", "bind_factory": "factory"}.get(method)
        if value is not None and value not in args:
            self.reader.error(
                ctx.module, call, Code.UNSUPPORTED_FORM, f"{method}() needs the {value}"
            )
        elif method == "bind_instance":
            self.instance(ctx, key, args["instance"], location)
        elif method == "bind_factory":
            self.factory(ctx, key, args["factory"], lifetime or TRANSIENT)
        elif key_symbol is None and "to" not in args and "implementation" not in args:
            self.reader.error(
                ctx.module,
                call,
                Code.UNSUPPORTED_FORM,
                "a string key needs an implementation",
                "self.bind('key', Implementation)",
            )
        else:
            impl = args.get("to") or args.get("implementation") or args["service_type"]
            self.implementation(ctx, key, impl, lifetime or SINGLETON, location)

    def _arguments(
        self, ctx: Ctx, call: cst.Call, method: str
    ) -> dict[str, cst.BaseExpression] | None:
        """The call's arguments by parameter name; None (reported) when they cannot be read."""
        names = _SIGNATURES[method]
        args: dict[str, cst.BaseExpression] = {}
        for i, arg in enumerate(call.args):
            if arg.star:
                self.reader.error(
                    ctx.module,
                    arg,
                    Code.UNSUPPORTED_FORM,
                    "*args/**kwargs in a binding cannot be followed",
                    "pass each argument explicitly",
                )
                return None
            if arg.keyword is not None:
                args[arg.keyword.value] = arg.value
            elif i < len(names):
                args[names[i]] = arg.value
        if "service_type" not in args:
            message = f"{method}() needs the key it binds"
            self.reader.error(ctx.module, call, Code.UNSUPPORTED_FORM, message)
            return None
        return args

    def _key_and_lifetime(
        self, ctx: Ctx, args: dict[str, cst.BaseExpression], lifetime: str | None
    ) -> tuple[Key, Symbol | None, str | None] | None:
        """The bound key (with its ``name=``), its symbol, and the ``scope=`` lifetime."""
        key_name: str | None = None
        if "name" in args:
            key_name = self.reader.string_arg(ctx.module, args["name"], "name")
            if key_name is None:
                return None
        key, key_symbol = self.key(ctx, args["service_type"], key_name)
        if key is None:
            return None
        if "scope" in args:
            lifetime = self.reader.scope_arg(ctx.module, args["scope"])
            if lifetime is None:
                return None
        return key, key_symbol, lifetime

    def key(
        self, ctx: Ctx, expr: cst.BaseExpression, name: str | None
    ) -> tuple[Key | None, Symbol | None]:
        """The bound key of a ``bind`` call and, for a class, its symbol."""
        if isinstance(expr, cst.SimpleString) and isinstance(expr.evaluated_value, str):
            return Key(repr(expr.evaluated_value), name), None
        found = self.reader.index.definition(ctx.module, expr) if dotted_name(expr) else None
        if found is None:
            self.reader.error(
                ctx.module,
                expr,
                Code.UNSUPPORTED_FORM,
                "the key is computed at runtime, so the reader cannot follow it",
                "bind a class imported at module level or a string literal; one statement per key",
            )
            return None, None
        self.reader.remember(found.symbol)
        return Key(found.symbol.ident, name), found.symbol

    def implementation(
        self, ctx: Ctx, key: Key, impl: cst.BaseExpression, lifetime: str, location: str
    ) -> None:
        """``bind(K, Impl)``: a class read from source, or an instance expression."""
        reader = self.reader
        if dotted_name(impl) is not None:
            found = reader.index.definition(ctx.module, impl)
            if found is not None and isinstance(found.node, cst.ClassDef) and found.module:
                reader.classes.class_binding(
                    found.module, found.node, found.symbol, key, lifetime, location, ctx.declared
                )
                return
            if found is not None and found.module is None and found.symbol.short[:1].isupper():
                reader.error(
                    ctx.module,
                    impl,
                    Code.UNREADABLE_CLASS,
                    f"cannot read the constructor of "
                    f"{found.symbol.ident}: it is not in the source roots",
                    "bind an instance (self.bind(K, K(...))) or add a @provider "
                    "method that builds it",
                )
                return
        self.instance(ctx, key, impl, location)

    def instance(self, ctx: Ctx, key: Key, expr: cst.BaseExpression, location: str) -> None:
        """``bind_instance(K, expr)``: the expression, copied for generated code."""
        reader = self.reader
        if isinstance(expr, cst.Name) and expr.value == "None":
            reader.error(
                ctx.module,
                expr,
                Code.UNSUPPORTED_FORM,
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
            hit = reader.classes.find_method(ctx.module, ctx.cls, expr.func.attr.value)
            if hit is not None and hit[1].asynchronous is not None:
                kind = Kind.AWAITABLE
        elif isinstance(expr, cst.Call) and _calls_coroutine_function(reader, ctx, expr):
            kind = Kind.AWAITABLE  # a coroutine object, awaited once as the runtime does
        returns = reader.result.symbols.get(key.ident) if not key.is_string else None
        needs_module = any(not isinstance(p, str) and p.kind == "self" for p in pieces)
        reader.add(
            Binding(key, kind, SINGLETON, (), _target(reader, ctx, expr), location),
            Recipe(
                expr=pieces,
                returns=returns,
                module_class=ctx.symbol if needs_module else None,
                declared=ctx.declared,
            ),
        )

    def factory(self, ctx: Ctx, key: Key, expr: cst.BaseExpression, lifetime: str) -> None:
        """``bind_factory(K, f)``: a function of the source roots or a method of the module."""
        dotted = dotted_name(expr)
        if dotted is not None and dotted.startswith("self.") and ctx.cls is not None:
            hit = self.reader.classes.find_method(ctx.module, ctx.cls, dotted[5:])
            if hit is not None:
                self._method_factory(ctx, key, hit, lifetime)
                return
        found = self.reader.index.definition(ctx.module, expr) if dotted else None
        if found is None or found.module is None or not isinstance(found.node, cst.FunctionDef):
            self.reader.error(
                ctx.module,
                expr,
                Code.UNSUPPORTED_FORM,
                "the factory is not a function the reader "
                "can read (a lambda, a call result or third-party code)",
                "pass a function defined in your package, or write a @provider method",
            )
            return
        self._function_factory(ctx, key, found.module, found.node, found.symbol, lifetime)

    def _method_factory(
        self,
        ctx: Ctx,
        key: Key,
        hit: tuple[ParsedModule, cst.FunctionDef, cst.ClassDef],
        lifetime: str,
    ) -> None:
        reader = self.reader
        where, func, owner = hit
        location = where.def_line(f"{owner.name.value}.{func.name.value}", func)
        params, typed = reader.params(where, func, skip_first=True)
        kind = function_kind(func, set(reader.marks(where, func.decorators)))
        assert ctx.symbol is not None
        target = f"{ctx.symbol.ident}.{func.name.value}"
        reader.add(
            Binding(key, kind, normalize_scope(lifetime), params, target, location, True),
            Recipe(
                method=func.name.value,
                module_class=ctx.symbol,
                typed=typed,
                returns=reader.result.symbols.get(key.ident),
                declared=ctx.declared,
            ),
        )

    def _function_factory(
        self,
        ctx: Ctx,
        key: Key,
        module: ParsedModule,
        func: cst.FunctionDef,
        symbol: Symbol,
        lifetime: str,
    ) -> None:
        reader = self.reader
        params, typed = reader.params(module, func, skip_first=False)
        kind = function_kind(func, set(reader.marks(module, func.decorators)))
        reader.remember(symbol)
        ret = strip_wrapper(reader.types, module, func.returns.annotation if func.returns else None)
        ref = reader.types.read(module, ret)
        location = module.def_line(symbol.qualname, func)
        reader.add(
            Binding(key, kind, normalize_scope(lifetime), params, symbol.ident, location, True),
            Recipe(
                callee=symbol,
                typed=typed,
                may_be_none=ref.optional,
                returns=reader.result.symbols.get(key.ident),
                declared=ctx.declared,
            ),
        )


def _target(reader: Reader, ctx: Ctx, expr: cst.BaseExpression) -> str:
    """The class an instance expression constructs, when it is a plain constructor call."""
    if isinstance(expr, cst.Call) and dotted_name(expr.func) is not None:
        found = reader.index.definition(ctx.module, expr.func)
        if found is not None and isinstance(found.node, cst.ClassDef):
            return found.symbol.ident
    return ""


def _calls_coroutine_function(reader: Reader, ctx: Ctx, call: cst.Call) -> bool:
    """Whether ``call`` calls an ``async def`` function of the source roots."""
    if dotted_name(call.func) is None:
        return False
    found = reader.index.definition(ctx.module, call.func)
    node = None if found is None else found.node
    return isinstance(node, cst.FunctionDef) and node.asynchronous is not None
