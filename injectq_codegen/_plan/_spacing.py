"""Lines around statements in a generated module, as ``ruff format`` leaves them: empty lines
between and around nested definitions, comments wrapped, and the statement walk the layout uses."""

from __future__ import annotations

import ast
import io
import tokenize

__all__ = [
    "LINE_LENGTH",
    "PRAGMAS",
    "around_nested_defs",
    "blank_lines",
    "code_of",
    "comment_lines",
    "header_end",
    "statements",
    "trailing_comments",
]

LINE_LENGTH = 88
"""The narrowest line length the output is stable at (ruff's default)."""

PRAGMAS = ("# type:", "# noqa", "# pyright:", "# mypy:")
"""Comments that act where they are: they stay at the end of their line."""


def _fits(text: str) -> bool:
    return len(text) <= LINE_LENGTH


def around_nested_defs(lines: list[str]) -> list[str]:
    """One empty line before a nested ``def`` or ``class`` (its comments and decorators
    included) and after its body, as ruff puts them; none is added right below a header."""
    text = "\n".join(lines)
    tree = ast.parse(text)
    comments = trailing_comments(text)
    headers = {header_end(s, lines, comments) for s in statements(tree.body) if _opens(s)}
    spaced: set[int] = set()  # 1-based lines that get exactly one empty line above
    for stmt in statements(tree.body):
        if not _opens(stmt) or stmt.col_offset == 0:
            continue
        decorators: list[ast.expr] = getattr(stmt, "decorator_list", [])
        start = min([stmt.lineno, *(d.lineno for d in decorators)])
        while start > 1 and lines[start - 2].strip().startswith("#"):
            start -= 1
        above = next((n for n in range(start - 1, 0, -1) if lines[n - 1].strip()), 0)
        if above and above not in headers:
            spaced.add(start)
        after = next(
            (n for n in range((stmt.end_lineno or 0) + 1, len(lines) + 1) if lines[n - 1].strip()),
            0,
        )
        if after and len(lines[after - 1]) - len(lines[after - 1].lstrip()) == stmt.col_offset:
            spaced.add(after)
    out: list[str] = []
    for number, line in enumerate(lines, 1):
        if number in spaced:
            while out and not out[-1]:
                out.pop()
            out.append("")
        out.append(line)
    return out


def _opens(stmt: ast.stmt) -> bool:
    return isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))


def comment_lines(line: str) -> list[str]:
    """A comment line over 88 columns wrapped at its spaces (the header's lists of modules);
    pragmas, and a comment of one word (a ``module:qualname``), stay as they are."""
    code = line.lstrip()
    indent = line[: len(line) - len(code)]
    if not code.startswith("# ") or code.startswith(PRAGMAS) or _fits(line):
        return [line]
    words = code[2:].split(" ")
    wrapped = [f"{indent}# {words[0]}"]
    for word in words[1:]:
        if _fits(f"{wrapped[-1]} {word}"):
            wrapped[-1] += f" {word}"
        else:
            wrapped.append(f"{indent}#   {word}")
    return wrapped


def blank_lines(lines: list[str]) -> list[str]:
    """At most one empty line in a row inside a block (two stay at the top level)."""
    kept: list[str] = []
    for i, line in enumerate(lines):
        if line or not kept or kept[-1]:
            kept.append(line)
            continue
        after = next((later for later in lines[i:] if later), "")
        if not after.startswith(" "):
            kept.append(line)
    return kept


def statements(body: list[ast.stmt]) -> list[ast.stmt]:
    """Every statement, nested ones included, in source order."""
    found: list[ast.stmt] = []
    for stmt in body:
        found.append(stmt)
        for name in ("body", "orelse", "finalbody"):
            found += statements(getattr(stmt, name, []))
        for handler in getattr(stmt, "handlers", []):
            found += statements(handler.body)
    return found


def header_end(stmt: ast.stmt, lines: list[str], comments: dict[int, str]) -> int:
    """The last line of a compound statement's header: brackets closed, ending in a colon."""
    depth = 0
    for number in range(stmt.lineno, len(lines) + 1):
        code = code_of(lines[number - 1], comments.get(number))
        depth += sum(code.count(c) for c in "([{") - sum(code.count(c) for c in ")]}")
        if depth <= 0 and code.endswith(":"):
            return number
    return stmt.lineno


def trailing_comments(text: str) -> dict[int, str]:
    """The comments that follow code on their line, by line number."""
    found: dict[int, str] = {}
    code_lines: set[int] = set()
    skip = (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT and token.start[0] in code_lines:
            found[token.start[0]] = token.string
        elif token.type not in skip:
            code_lines.update(range(token.start[0], token.end[0] + 1))
    return found


def code_of(line: str, comment: str | None) -> str:
    """A header line's code: without its indentation and trailing comment."""
    code = line.strip()
    if comment is not None:
        code = code[: code.rindex(comment)].rstrip()
    return code
