"""The generated module's layout: the text ``ruff format`` prints for it, at any line length
from 88 up (ruff's default) to whatever its users configure.

A rendered module is laid out statement by statement, from its syntax tree:

- a statement that fits in 88 columns stays on one line;
- one that does not is split at its right-hand brackets (a ``def``: its parameters), one element
  per line with a *magic trailing comma*, which ruff keeps exploded at any line length; an
  element that still does not fit is split the same way, recursively;
- a conditional expression that does not fit is split before ``if`` and ``else`` as ruff does,
  and only where that split is forced at every line length (an exploded call inside it); a built
  singleton's read ``_slot if _slot is not None else getter()`` is written ``getter()`` instead,
  the same value (the getter reads the slot first);
- strings take double quotes, unless they hold more ``"`` than ``'``;
- a trailing comment goes on its own line above its statement (type-checker and linter
  pragmas stay where they act); a comment line too long is wrapped at its spaces;
- a nested ``def`` or ``class`` gets one empty line above and below (``_spacing``).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from ._quotes import bare_walrus, quoted
from ._spacing import (
    LINE_LENGTH,
    PRAGMAS,
    around_nested_defs,
    blank_lines,
    code_of,
    comment_lines,
    header_end,
    statements,
    trailing_comments,
)

__all__ = ["LINE_LENGTH", "lay_out"]

_INDENT = 4
_HEADERS = (ast.FunctionDef, ast.AsyncFunctionDef)
_COMPOUND = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.If,
    ast.While,
    ast.For,
    ast.AsyncFor,
    ast.With,
    ast.AsyncWith,
    ast.Try,
)


def lay_out(text: str) -> str:
    """``text`` (a module that compiles) as ``ruff format`` prints it."""
    tree = ast.parse(text)
    lines = text.split("\n")
    comments = trailing_comments(text)
    layout = _Layout(_singleton_reads(tree))
    replaced: dict[int, tuple[int, list[str]]] = {}
    for stmt in statements(tree.body):
        start, end = stmt.lineno, stmt.end_lineno or stmt.lineno
        indent = " " * stmt.col_offset
        if isinstance(stmt, _COMPOUND):
            end = header_end(stmt, lines, comments)
            if end != start:
                continue  # a header over several lines is left as written
            code = code_of(lines[start - 1], comments.get(start))
            body = layout.header(stmt, code, stmt.col_offset)
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            continue  # the planner writes imports sorted, one name per line
        else:
            body = layout.statement(stmt, stmt.col_offset)
        notes = [comments[n] for n in range(start, end + 1) if n in comments]
        above = [indent + note for note in notes if not note.startswith(PRAGMAS)]
        after = "".join(f"  {note}" for note in notes if note.startswith(PRAGMAS))
        body = [indent + line if line else line for line in body]
        body[-1] += after
        replaced[start] = (end, above + body)
    out: list[str] = []
    number = 1
    while number <= len(lines):
        if number in replaced:
            end, new = replaced[number]
            out += new
            number = end + 1
            continue
        out += comment_lines(lines[number - 1])
        number += 1
    return "\n".join(around_nested_defs(blank_lines(out)))


def _singleton_reads(tree: ast.Module) -> dict[str, str]:
    """The generated singleton slots (``_slot: T | None = None``) and functions defined next to
    them, so ``_slot if _slot is not None else getter()`` can be told apart from user code."""
    reads: dict[str, str] = {}
    for stmt in statements(tree.body):
        if isinstance(stmt, _HEADERS):
            slots = {
                s.target.id
                for s in stmt.body
                if isinstance(s, ast.AnnAssign)
                and isinstance(s.target, ast.Name)
                and isinstance(s.value, ast.Constant)
                and s.value.value is None
            }
            functions = {s.name for s in stmt.body if isinstance(s, _HEADERS)}
            reads.update({slot: fn for fn in functions for slot in slots if slot == f"_{fn}"})
    return reads


def _code(node: ast.AST) -> str:
    """One node as flat code, in ruff's quotes (and a sole ``:=`` argument bare, as written)."""
    return bare_walrus(quoted(ast.unparse(node)))


def _fits(indent: int, text: str) -> bool:
    return indent + len(text) <= LINE_LENGTH


@dataclass
class _Layout:
    """Lays out statements; ``reads`` maps generated singleton slots to their getters."""

    reads: dict[str, str] = field(default_factory=dict)

    def header(self, stmt: ast.stmt, code: str, indent: int) -> list[str]:
        """A compound statement's one-line header; a ``def`` that does not fit splits its
        parameters."""
        code = quoted(code)
        if _fits(indent, code) or not isinstance(stmt, _HEADERS):
            return [code]
        start = code.index("(")
        end = _closing(code, start)
        params = _split_top(code[start + 1 : end])
        if not params:
            return [code]
        inner = [" " * _INDENT + p + "," for p in params]
        return [code[: start + 1], *inner, code[end:]]

    def statement(self, stmt: ast.stmt, indent: int) -> list[str]:
        """A simple statement: one line when it fits, else split at its right-hand side."""
        flat = _code(stmt)
        value = getattr(stmt, "value", None)
        if _fits(indent, flat) or "\n" in flat or not isinstance(value, ast.expr):
            return [flat]
        code = _code(value)
        if not flat.endswith(code):
            return [flat]
        head = flat[: len(flat) - len(code)]
        value = self.shortened(value)
        if _fits(indent, head + _code(value)):
            return [head + _code(value)]
        if isinstance(value, ast.IfExp):  # ruff parenthesizes it
            inner = self.expr(value, indent + _INDENT, "", "", force=True)
            return [head + "(", *_indented(inner), ")"]
        return self.expr(value, indent, head, "")

    def shortened(self, node: ast.expr) -> ast.expr:
        """A built singleton's read as the getter's call (it reads the slot first)."""
        if not isinstance(node, ast.IfExp):
            return node
        body, test, orelse = node.body, node.test, node.orelse
        if (
            isinstance(body, ast.Name)
            and isinstance(test, ast.Compare)
            and isinstance(test.left, ast.Name)
            and test.left.id == body.id
            and len(test.ops) == 1
            and isinstance(test.ops[0], ast.IsNot)
            and isinstance(test.comparators[0], ast.Constant)
            and test.comparators[0].value is None
            and isinstance(orelse, ast.Call)
            and isinstance(orelse.func, ast.Name)
            and not orelse.args
            and not orelse.keywords
            and self.reads.get(body.id) == orelse.func.id
        ):
            return orelse
        return node

    def expr(
        self, node: ast.expr, indent: int, head: str, tail: str, *, force: bool = False
    ) -> list[str]:
        """``node`` after ``head`` and before ``tail``: one line when it fits (and no split is
        forced), else split at its brackets; lines are relative to ``indent``."""
        flat = head + _code(node) + tail
        if not force and _fits(indent, flat):
            return [flat]
        short = self.shortened(node)
        if short is not node:
            return self.expr(short, indent, head, tail, force=force)
        if isinstance(node, ast.Await):
            return self.expr(node.value, indent, head + "await ", tail, force=force)
        if isinstance(node, ast.IfExp):
            return self.conditional(node, indent, head, tail)
        if isinstance(node, ast.NamedExpr):
            named = f"{_code(node.target)} := "
            inner = self.expr(node.value, indent + _INDENT, named, "", force=force)
            return [head + "(", *_indented(inner), ")" + tail]
        brackets = _brackets(node)
        if brackets is None or not brackets[1]:
            return [flat]
        opening, items, closing = brackets
        alone = isinstance(node, ast.Tuple) and len(items) == 1  # its comma is not "magic"
        lines = [head + opening]
        for item_head, item in items:
            lines += _indented(self.expr(item, indent + _INDENT, item_head, ",", force=alone))
        return [*lines, closing + tail]

    def conditional(self, node: ast.IfExp, indent: int, head: str, tail: str) -> list[str]:
        """``a if b else c`` split before ``if`` and ``else``, with a split inside that ruff
        keeps at every line length (else it would join the parts again where they fit)."""
        parts: list[tuple[str, ast.expr, str]] = [
            (head, node.body, ""),
            ("if ", node.test, ""),
            ("else ", node.orelse, tail),
        ]
        laid = [self.expr(part, indent, h, t) for h, part, t in parts]
        split = [
            len(lines) > 1 and _forced(part)
            for (_, part, _), lines in zip(parts, laid, strict=True)
        ]
        if not any(split):
            for at in (2, 0, 1):
                h, part, t = parts[at]
                if _forced(part):
                    laid[at] = self.expr(part, indent, h, t, force=True)
                    break
        return [line for lines in laid for line in lines]


def _forced(node: ast.expr) -> bool:
    """Whether ``node`` can hold a split ruff keeps at any line length (a magic comma)."""
    if isinstance(node, (ast.Await, ast.NamedExpr)):
        return _forced(node.value)
    if isinstance(node, ast.IfExp):
        return any(_forced(part) for part in (node.body, node.test, node.orelse))
    brackets = _brackets(node)
    if brackets is None or not brackets[1]:
        return False
    items = brackets[1]
    return not isinstance(node, ast.Tuple) or len(items) > 1 or _forced(items[0][1])


def _brackets(node: ast.expr) -> tuple[str, list[tuple[str, ast.expr]], str] | None:
    """(opening text, (head, element) per element, closing text) of a bracketed node."""
    if isinstance(node, ast.Call):
        sole = node.args[0] if len(node.args) == 1 and not node.keywords else None
        if isinstance(sole, ast.GeneratorExp):
            return None  # a sole generator argument takes no trailing comma
        if isinstance(sole, ast.NamedExpr):
            return _code(node.func) + "(", [(f"{_code(sole.target)} := ", sole.value)], ")"
        items: list[tuple[str, ast.expr]] = [("", arg) for arg in node.args]
        items += [(f"{k.arg}=" if k.arg else "**", k.value) for k in node.keywords]
        items.sort(key=lambda item: (item[1].lineno, item[1].col_offset))
        return _code(node.func) + "(", items, ")"
    if isinstance(node, ast.Tuple) and _code(node).startswith("("):
        return "(", [("", e) for e in node.elts], ")"
    if isinstance(node, ast.List):
        return "[", [("", e) for e in node.elts], "]"
    if isinstance(node, ast.Set):
        return "{", [("", e) for e in node.elts], "}"
    if isinstance(node, ast.Dict):
        pairs = [
            (f"{_code(k)}: " if k is not None else "**", v)
            for k, v in zip(node.keys, node.values, strict=True)
        ]
        return "{", pairs, "}"
    return None


def _indented(lines: list[str]) -> list[str]:
    """The lines one step in."""
    return [" " * _INDENT + line for line in lines]


def _closing(code: str, start: int) -> int:
    """The index of the bracket closing the one at ``start`` (strings hold no brackets here:
    ``code`` is a ``def`` line)."""
    depth = 0
    for i in range(start, len(code)):
        depth += code[i] in "([{"
        depth -= code[i] in ")]}"
        if depth == 0:
            return i
    return len(code) - 1


def _split_top(text: str) -> list[str]:
    """``text`` split at its top-level commas."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in text:
        depth += char in "([{"
        depth -= char in ")]}"
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    if current.strip():
        parts.append(current.strip())
    return parts
