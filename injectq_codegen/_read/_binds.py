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


class BindReader:
    """Reads one binding call into the reader's graph."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.copier = ExprCopier(reader)

    def bind(self, ctx: Ctx, call: cst.Call, method: str, lifetime: str | None) -> None:
        reader = self.reader
        module = ctx.module
        names = _SIGNATURES[method]
        args: dict[str, cst.BaseExpression] = {}
        for i, arg in enumerate(call.args):
            if arg.star:
                reader.error(
                    module,
                    arg,
                    Code.UNSUPPORTED_FORM,
                    "*args/**kwargs in a binding cannot be followed",
                    "pass each argument explicitly",
                )
                return
            if arg.keyword is not None:
                args[arg.keyword.value] = arg.value
            elif i < len(names):
                args[names[i]] = arg.value
        if "service_type" not in args:
            reader.error(module, call, Code.UNSUPPORTED_FORM, f"{method}() needs the key it binds")
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
                reader.error(
                    module, call, Code.UNSUPPORTED_FORM, "bind_instance() needs the instance"
                )
                return
            self.instance(ctx, key, impl, location)
        elif method == "bind_factory":
            factory = args.get("factory")
            if factory is None:
                reader.error(
                    module, call, Code.UNSUPPORTED_FORM, "bind_factory() needs the factory"
                )
                return
            self.factory(ctx, key, factory, lifetime or TRANSIENT, location)
        elif impl is None:
            if key_symbol is None:
                reader.error(
                    module,
                    call,
                    Code.UNSUPPORTED_FORM,
                    "a string key needs an implementation",
                    "self.bind('key', Implementation)",
                )
                return
            self.implementation(ctx, key, args["service_type"], lifetime or SINGLETON, location)
        else:
            self.implementation(ctx, key, impl, lifetime or SINGLETON, location)

    def key(
        self, ctx: Ctx, expr: cst.BaseExpression, name: str | None
    ) -> tuple[Key | None, Symbol | None]:
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
                    Code.UNREADABLE_CLASS,
                    f"cannot read the constructor of "
                    f"{found.symbol.ident}: it is not in the source roots",
                    "bind an instance (self.bind(K, K(...))) or add a @provider "
                    "method that builds it",
                )
                return
        self.instance(ctx, key, impl, location)

    def instance(self, ctx: Ctx, key: Key, expr: cst.BaseExpression, location: str) -> None:
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
        self, ctx: Ctx, key: Key, expr: cst.BaseExpression, lifetime: str, location: str
    ) -> None:
        reader = self.reader
        dotted = dotted_name(expr)
        if dotted is not None and dotted.startswith("self.") and ctx.cls is not None:
            hit = reader.find_method(ctx.module, ctx.cls, dotted[5:])
            if hit is not None:
                where, func, owner = hit
                location = where.def_line(f"{owner.name.value}.{func.name.value}", func)
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
                Code.UNSUPPORTED_FORM,
                "the factory is not a function the reader "
                "can read (a lambda, a call result or third-party code)",
                "pass a function defined in your package, or write a @provider method",
            )
            return
        func = found.node
        params, typed = reader.params(found.module, func, skip_first=False)
        kind = function_kind(func, set(reader.marks(found.module, func.decorators)))
        reader.remember(found.symbol)
        ret = strip_wrapper(
            reader.types, found.module, func.returns.annotation if func.returns else None
        )
        ref = reader.types.read(found.module, ret)
        reader.add(
            Binding(
                key,
                kind,
                normalize_scope(lifetime),
                params,
                found.symbol.ident,
                found.module.def_line(found.symbol.qualname, func),
                True,
            ),
            Recipe(
                callee=found.symbol,
                typed=typed,
                may_be_none=ref.optional,
                returns=reader.result.symbols.get(key.ident),
            ),
        )


def _target(reader: Reader, ctx: Ctx, expr: cst.BaseExpression) -> str:
    """The class an instance expression constructs, when it is a plain constructor call."""
    if isinstance(expr, cst.Call) and dotted_name(expr.func) is not None:
        found = reader.index.definition(ctx.module, expr.func)
        if found is not None and isinstance(found.node, cst.ClassDef):
            return found.symbol.ident
    return ""
