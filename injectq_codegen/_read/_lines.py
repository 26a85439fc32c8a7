"""Line numbers of libcst nodes, found cheaply with ``ast`` instead of libcst's position metadata.

libcst's ``PositionProvider`` renders the whole module to find positions, which costs far more
than reading it. Bindings only need the line where a statement, a decorator or a definition
starts, and ``ast`` knows those. :func:`statement_lines` walks a libcst tree and the ``ast`` tree
of the same text side by side, through module, class and function bodies, and maps each
statement, decorator and the call chain that starts an expression statement to its line. Nodes
it does not map fall back to the position metadata (only error messages need their column).
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

import libcst as cst

__all__ = ["def_lines", "statement_lines"]

_Body = cst.IndentedBlock | cst.SimpleStatementSuite


def def_lines(tree: ast.Module | None) -> dict[str, int]:
    """Qualified name -> first line (first decorator) of every class and function."""
    lines: dict[str, int] = {}

    def walk(body: list[ast.stmt], prefix: str) -> None:
        for stmt in body:
            if isinstance(stmt, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                first = min([stmt.lineno, *(d.lineno for d in stmt.decorator_list)])
                lines[prefix + stmt.name] = first
                if isinstance(stmt, ast.ClassDef):
                    walk(stmt.body, f"{prefix}{stmt.name}.")

    if tree is not None:
        walk(tree.body, "")
    return lines


def parse(text: str) -> ast.Module | None:
    """The ``ast`` tree of ``text``, or None when it does not parse."""
    try:
        return ast.parse(text)
    except SyntaxError:
        return None


def statement_lines(module: cst.Module, tree: ast.Module | None) -> dict[cst.CSTNode, int]:
    """Line of each statement-level node of ``module``; empty if the two trees do not align."""
    lines: dict[cst.CSTNode, int] = {}
    if tree is None or not _walk(module.body, tree.body, lines):
        return {}
    return lines


def _walk(
    body: Sequence[cst.BaseStatement | cst.BaseSmallStatement],
    stmts: list[ast.stmt],
    lines: dict[cst.CSTNode, int],
) -> bool:
    at = 0
    for node in body:
        smalls = node.body if isinstance(node, cst.SimpleStatementLine) else [node]
        for small in smalls:
            if at >= len(stmts):
                return False
            if not _pair(small, stmts[at], lines):
                return False
            at += 1
    return at == len(stmts)


def _pair(node: cst.CSTNode, stmt: ast.stmt, lines: dict[cst.CSTNode, int]) -> bool:
    lines[node] = stmt.lineno
    if isinstance(node, cst.Expr) and isinstance(stmt, ast.Expr):
        _chain(node.value, stmt.value.lineno, lines)
        return True
    is_def = isinstance(stmt, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
    if isinstance(node, (cst.ClassDef, cst.FunctionDef)) != is_def:
        return False
    if isinstance(node, (cst.ClassDef, cst.FunctionDef)):
        assert isinstance(stmt, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        if len(node.decorators) != len(stmt.decorator_list):
            return False
        for deco, expr in zip(node.decorators, stmt.decorator_list, strict=True):
            lines[deco] = expr.lineno
        body = node.body
        return isinstance(body, _Body) and _walk(body.body, stmt.body, lines)
    return True


def _chain(expr: cst.BaseExpression, line: int, lines: dict[cst.CSTNode, int]) -> None:
    """``a.b(...).c(...)``: every call and attribute that starts where the expression starts."""
    node: cst.BaseExpression = expr
    while isinstance(node, (cst.Call, cst.Attribute)) and not node.lpar:
        lines[node] = line
        node = node.func if isinstance(node, cst.Call) else node.value
