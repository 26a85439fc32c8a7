"""The form of a provider function: its kind (factory, generator, context manager, async or not),
its decorator's arguments, and the type a wrapped return annotation (``Iterator[T]``) provides.
"""

from __future__ import annotations

import libcst as cst

from .._runtime import Kind
from ._sources import ParsedModule
from ._types import TypeReader, marker_of

__all__ = ["decorator_arg", "decorator_args", "function_kind", "has_yield", "strip_wrapper"]

_WRAPPERS = {
    "Iterator",
    "Generator",
    "AsyncIterator",
    "AsyncGenerator",
    "Iterable",
    "AsyncIterable",
    "ContextManager",
    "AbstractContextManager",
    "AsyncContextManager",
    "AbstractAsyncContextManager",
    "Awaitable",
    "Coroutine",
}


class _Yields(cst.CSTVisitor):
    def __init__(self) -> None:
        self.found = False

    def visit_Yield(self, node: cst.Yield) -> bool:
        self.found = True
        return False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False


def has_yield(func: cst.FunctionDef) -> bool:
    """Whether the body of ``func`` (not of functions nested in it) yields."""
    finder = _Yields()
    func.body.visit(finder)
    return finder.found


def function_kind(func: cst.FunctionDef, marks: set[str]) -> Kind:
    """The kind of provider ``func`` is, from its decorators (``marks``) and its body."""
    is_async = func.asynchronous is not None
    if "asynccontextmanager" in marks:
        return Kind.ASYNC_CONTEXT_MANAGER
    if "contextmanager" in marks:
        return Kind.CONTEXT_MANAGER
    if has_yield(func):
        return Kind.ASYNC_GENERATOR if is_async else Kind.GENERATOR
    return Kind.ASYNC_FACTORY if is_async else Kind.FACTORY


def decorator_args(deco: cst.Decorator) -> tuple[list[cst.Arg], dict[str, cst.Arg]]:
    """The positional and keyword arguments of a decorator call (none for a bare name)."""
    if not isinstance(deco.decorator, cst.Call):
        return [], {}
    positional = [a for a in deco.decorator.args if a.keyword is None and not a.star]
    keywords = {a.keyword.value: a for a in deco.decorator.args if a.keyword is not None}
    return positional, keywords


def strip_wrapper(
    types: TypeReader, module: ParsedModule, returns: cst.BaseExpression | None
) -> cst.BaseExpression | None:
    """``T`` from ``Iterator[T]`` / ``AsyncGenerator[T, None]`` / ``Awaitable[T]``, else as is."""
    if returns is None:
        return None
    expr = returns
    if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
        value = expr.evaluated_value
        if isinstance(value, str):
            try:
                expr = cst.parse_expression(value)
            except cst.ParserSyntaxError:
                return returns
    if isinstance(expr, cst.Subscript):
        mark = marker_of(types.qname(module, expr.value))
        if mark in _WRAPPERS and expr.slice and isinstance(expr.slice[0].slice, cst.Index):
            return expr.slice[0].slice.value
    return returns


def decorator_arg(
    deco: cst.Decorator, keyword: str, index: int | None = None
) -> cst.BaseExpression | None:
    """A decorator call's argument passed as ``keyword`` or, given an index, positionally."""
    args, kwargs = decorator_args(deco)
    if index is not None and len(args) > index:
        return args[index].value
    return kwargs[keyword].value if keyword in kwargs else None
