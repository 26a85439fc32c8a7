"""Where a parameter is declared, for findings about the parameter itself.

The validator names a parameter by its owner (``pkg.mod.Class.__init__`` or ``pkg.mod.factory``)
and name; this finds the parameter in the source, with its annotation as written and, when the
annotation names something that does not resolve, the nearest name the module does know.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst

from ._sources import ParsedModule, dotted_name

if TYPE_CHECKING:
    from ._reader import Reader

__all__ = ["ParamSite", "param_site"]


@dataclass(frozen=True, slots=True)
class ParamSite:
    """A parameter's ``file:line:col``, its annotation's text, and the nearest known name."""

    where: str
    annotation: str | None = None
    near: str | None = None


def _function(reader: Reader, owner: str) -> tuple[ParsedModule, cst.FunctionDef] | None:
    found = reader.index.canonical(owner.removesuffix(".__init__"))
    if found is None or found.module is None:
        return None
    node = found.node
    if isinstance(node, cst.ClassDef):
        hit = reader.classes.find_method(found.module, node, "__init__")
        return None if hit is None else (hit[0], hit[1])
    return (found.module, node) if isinstance(node, cst.FunctionDef) else None


def param_site(reader: Reader, owner: str, name: str) -> ParamSite | None:
    """The site of parameter ``name`` of ``owner``; None when it is not read from source."""
    hit = _function(reader, owner)
    if hit is None:
        return None
    module, func = hit
    p = func.params
    for node in (*p.posonly_params, *p.params, *p.kwonly_params):
        if node.name.value != name:
            continue
        where = module.where(node)
        if node.annotation is None:
            return ParamSite(where)
        expr = node.annotation.annotation
        text = expr.evaluated_value if isinstance(expr, cst.SimpleString) else None
        written = text if isinstance(text, str) else dotted_name(expr)
        if written is None:
            return ParamSite(where)
        known = [*module.defs, *module.imports]
        near = difflib.get_close_matches(written.partition("[")[0], known, n=1)
        return ParamSite(where, written, near[0] if near else None)
    return None
