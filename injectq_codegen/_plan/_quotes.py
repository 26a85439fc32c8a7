"""Strings and walrus arguments of generated code as ``ruff format`` writes them."""

from __future__ import annotations

import io
import tokenize

__all__ = ["bare_walrus", "quoted"]


def quoted(code: str) -> str:
    """``code`` (complete lines) with its strings in ruff's quotes."""
    pieces: list[str] = []
    lines = code.split("\n")
    done = (1, 0)
    for token in tokenize.generate_tokens(io.StringIO(code).readline):
        if token.type != tokenize.STRING:
            continue
        pieces.append(_between(lines, done, token.start))
        pieces.append(_quote(token.string))
        done = token.end
    pieces.append(_between(lines, done, (len(lines), len(lines[-1]))))
    return "".join(pieces)


def _between(lines: list[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    if start[0] == end[0]:
        return lines[start[0] - 1][start[1] : end[1]]
    middle = lines[start[0] : end[0] - 1]
    parts = [lines[start[0] - 1][start[1] :], *middle, lines[end[0] - 1][: end[1]]]
    return "\n".join(parts)


def _quote(token: str) -> str:
    """A string literal in double quotes, unless that needs more escapes than single ones."""
    prefix = token[: len(token) - len(token.lstrip("rRbBuU"))]
    body = token[len(prefix) :]
    if not body.startswith("'") or body.startswith("'''"):
        return token
    inner = body[1:-1]
    if "r" in prefix.lower():  # nothing is escaped in a raw string
        return token if '"' in inner else f'{prefix}"{inner}"'
    chars: list[str] = []
    singles = doubles = 0
    i = 0
    while i < len(inner):
        char = inner[i]
        if char == "\\" and i + 1 < len(inner):
            pair = inner[i : i + 2]
            singles += pair == "\\'"
            chars.append("'" if pair == "\\'" else pair)
            i += 2
            continue
        doubles += char == '"'
        chars.append('\\"' if char == '"' else char)
        i += 1
    if doubles > singles:
        return token
    return f'{prefix}"{"".join(chars)}"'


def bare_walrus(code: str) -> str:
    """``f((x := y))`` as ``f(x := y)``: ``ast.unparse`` parenthesizes every ``:=``."""
    tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    drop: set[int] = set()
    for i in range(1, len(tokens) - 3):
        before, outer, inner, name, walrus = tokens[i - 1 : i + 4]
        called = before.type == tokenize.NAME or before.string in (")", "]")
        if not (called and outer.string == inner.string == "(" and walrus.string == ":="):
            continue
        close = _matching(tokens, i + 1)
        if (
            close + 1 < len(tokens)
            and tokens[close + 1].string == ")"
            and name.type == tokenize.NAME
        ):
            drop.update((inner.start[1], tokens[close].start[1]))
    return "".join(char for at, char in enumerate(code) if at not in drop)


def _matching(tokens: list[tokenize.TokenInfo], start: int) -> int:
    """The index of the token closing the bracket token at ``start``."""
    depth = 0
    for i in range(start, len(tokens)):
        depth += tokens[i].string in ("(", "[", "{")
        depth -= tokens[i].string in (")", "]", "}")
        if depth == 0:
            return i
    return len(tokens) - 1
