"""Framework markers: parameters the integrations resolve (FastAPI, Taskiq, FastMCP).

``Annotated[T, InjectAPI(T)]`` (or ``InjectFastAPI``), ``Annotated[T, InjectTask(T)]`` (or
``InjectTaskiq``) and ``p: T = InjectMCP(T)`` are recognised by qualified name, whether imported
from their ``injectq.integrations.<framework>`` module or re-exported by ``injectq.integrations``;
either position (``Annotated`` metadata or default) is read for each. The key is the first
argument (``interface``) plus an optional literal ``name=``. A function with such parameters is a
root the integration resolves inside a ``request`` block with ``aget``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from .._diagnostics import Code
from .._runtime import Param
from ._sources import ParsedModule
from ._types import marker_of

if TYPE_CHECKING:
    from ._reader import Reader

__all__ = ["MARKERS", "framework_params"]

MARKERS = frozenset({"InjectFastAPI", "InjectAPI", "InjectTaskiq", "InjectTask", "InjectMCP"})
_PACKAGE = "injectq.integrations"


def _is_marker(reader: Reader, module: ParsedModule, expr: cst.BaseExpression) -> bool:
    qname = reader.types.qname(module, expr.func) if isinstance(expr, cst.Call) else None
    if qname is None:
        return False
    head, _, last = qname.rpartition(".")
    return last in MARKERS and (head == _PACKAGE or head.startswith(_PACKAGE + "."))


def _marker_call(reader: Reader, module: ParsedModule, node: cst.Param) -> cst.Call | None:
    """The marker call of a parameter: its default, or ``Annotated`` metadata."""
    if node.default is not None and _is_marker(reader, module, node.default):
        assert isinstance(node.default, cst.Call)
        return node.default
    annotation = node.annotation.annotation if node.annotation else None
    if not isinstance(annotation, cst.Subscript):
        return None
    if marker_of(reader.types.qname(module, annotation.value)) != "Annotated":
        return None
    for item in annotation.slice[1:]:
        meta = item.slice.value if isinstance(item.slice, cst.Index) else None
        if meta is not None and _is_marker(reader, module, meta):
            assert isinstance(meta, cst.Call)
            return meta
    return None


def _argument(call: cst.Call, keyword: str, position: int) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    positional = [a for a in call.args if a.keyword is None and not a.star]
    return positional[position].value if position < len(positional) else None


def _marked(
    reader: Reader, module: ParsedModule, node: cst.Param, call: cst.Call, positional: bool
) -> Param | None:
    interface = _argument(call, "interface", 0)
    if interface is None:
        reader.error(
            module,
            call,
            Code.UNSUPPORTED_FORM,
            "a framework marker needs the key it resolves",
            "pass the type as the first argument, e.g. InjectAPI(Service)",
        )
        return None
    ref = reader.types.read(module, interface)
    named = _argument(call, "name", 1)
    name = None if named is None else reader.string_arg(module, named, "binding name")
    if named is not None and name is None:
        return None
    key = reader.key_of(ref)
    if key is None:
        reader.error(
            module,
            interface,
            Code.UNRESOLVED_NAME,
            "cannot follow this marker's key to a class",
            "use a class imported at module level",
        )
        return None
    param = reader.types.param(module, node, positional)
    return param.replace(
        key=key.replace(name=name) if name is not None else key,
        has_default=False,
        optional=False,
        explicit=True,
    )


def framework_params(
    reader: Reader, module: ParsedModule, func: cst.FunctionDef, skip_first: bool
) -> tuple[Param, ...]:
    """The parameters of ``func`` a framework integration resolves, as required, explicit keys."""
    p = func.params
    nodes = [*p.posonly_params, *p.params]
    if skip_first and nodes:
        nodes = nodes[1:]
    out: list[Param] = []
    for node, positional in [(n, True) for n in nodes] + [(n, False) for n in p.kwonly_params]:
        call = _marker_call(reader, module, node)
        if call is None:
            continue
        param = _marked(reader, module, node, call, positional)
        if param is not None:
            out.append(param)
    return tuple(out)
