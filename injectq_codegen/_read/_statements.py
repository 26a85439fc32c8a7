"""Splitting a large module into top-level statements, streaming, before any tree is built.

A libcst tree costs several hundred bytes per byte of source. Only statements that could declare
(a decorator, ``Inject``), import, look a key up (``x.get(K``, ``aget``, ``try_get``,
``atry_get``: a use, as anywhere else) or hold several statements on one line are parsed up front;
a class, function or assignment that could not declare anything is parsed only if its name is
looked up. The split reads tokens one at a time (``tokenize``), so it takes time and memory
linear in the file and keeps no token list. Small modules are not split: they parse whole.
"""

from __future__ import annotations

import io
import keyword
import tokenize
from dataclasses import dataclass, field

__all__ = ["SPLIT_BYTES", "Chunk", "split_module"]

SPLIT_BYTES = 128 * 1024  # modules at least this long are split into statements
_CONTINUES = frozenset({"else", "elif", "except", "finally"})
_IMPORTING = frozenset({"import", "from", "if", "try"})
_SKIP = frozenset({tokenize.NL, tokenize.COMMENT, tokenize.ENCODING})
_LOOKUPS = frozenset({"get", "aget", "try_get", "atry_get"})


@dataclass(slots=True, eq=False)
class Chunk:
    """Whole lines of a module, from ``first_line`` (1-based): one or more top-level statements.

    ``eager`` chunks are parsed when the module loads; a lazy chunk is one statement defining
    ``names`` (``kind`` "def" or "alias"), parsed when one of them is looked up.
    """

    first_line: int
    text: str
    eager: bool
    kind: str = ""
    names: tuple[str, ...] = ()


@dataclass(slots=True)
class _Statement:
    first_line: int
    first: str
    eager: bool = False
    defs: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


class _Splitter:
    """The token walk: where each top-level statement starts and what it could define. It keeps
    only the first tokens of the logical line in hand, never the line."""

    def __init__(self) -> None:
        self.statements: list[_Statement] = []
        self.depth = 0
        self.indent = 0
        self.head: list[tokenize.TokenInfo] = []  # the logical line's first three tokens
        self.previous: tokenize.TokenInfo | None = None
        self.targets: list[str] = []  # names assigned at depth 0 on the logical line
        self.after_decorator = False
        self.lookup = 0  # how many tokens of ``.get(K`` were just seen

    def feed(self, tok: tokenize.TokenInfo) -> None:
        """Take the next token of the module."""
        if tok.type == tokenize.INDENT:
            self.indent += 1
        elif tok.type == tokenize.DEDENT:
            self.indent -= 1
        elif tok.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            self.end_line()
        elif tok.type not in _SKIP:
            if self.previous is None:
                self.start_line(tok)
            self.token(tok)

    def start_line(self, tok: tokenize.TokenInfo) -> None:
        if self.indent != 0:
            return
        continues = self.after_decorator or (
            tok.type == tokenize.NAME and tok.string in _CONTINUES and self.statements
        )
        if not continues:
            self.statements.append(_Statement(tok.start[0], tok.string))
        self.after_decorator = tok.type == tokenize.OP and tok.string == "@"

    def token(self, tok: tokenize.TokenInfo) -> None:
        current = self.statements[-1] if self.statements else None
        if tok.type == tokenize.OP:
            if tok.string in "([{":
                self.depth += 1
            elif tok.string in ")]}":
                self.depth -= 1
            elif tok.string == "@" or (tok.string == ";" and self.depth == 0):
                self._eager(current)
            elif tok.string == "=" and self.depth == 0:
                self._assigned()
        elif tok.type == tokenize.NAME and (
            "Inject" in tok.string
            or (tok.string == "import" and current is not None and current.first in _IMPORTING)
        ):
            self._eager(current)
        if self._looks_up(tok):
            self._eager(current)
        if len(self.head) < 3:
            self.head.append(tok)
        self.previous = tok

    def _looks_up(self, tok: tokenize.TokenInfo) -> bool:
        """Whether ``tok`` completes ``.get(K`` (or ``aget``, ``try_get``, ``atry_get``)."""
        step = self.lookup
        if step == 0 and tok.string == ".":
            self.lookup = 1
        elif step == 1 and tok.type == tokenize.NAME and tok.string in _LOOKUPS:
            self.lookup = 2
        elif step == 2 and tok.string == "(":
            self.lookup = 3
        else:
            self.lookup = 1 if tok.string == "." else 0
            return step == 3 and tok.type in (tokenize.NAME, tokenize.STRING)
        return False

    def _assigned(self) -> None:
        """An ``=`` at depth 0: ``a = b = ...`` assigns each name before one, ``a: T = ...`` a."""
        if len(self.head) > 1 and self.head[1].string == ":":
            if not self.targets:
                self.targets.append(self.head[0].string)
        elif self.previous is not None and self.previous.type == tokenize.NAME:
            self.targets.append(self.previous.string)

    @staticmethod
    def _eager(current: _Statement | None) -> None:
        if current is not None:
            current.eager = True

    def end_line(self) -> None:
        head, targets = self.head, self.targets
        self.head, self.targets, self.previous = [], [], None
        if not head or self.indent != 0 or not self.statements:
            return
        current = self.statements[-1]
        if head[0].start[0] != current.first_line:
            return  # a continuation (decorated def, else:): its names were read at the start
        first = head[0].string
        if first in ("class", "def") or (first == "async" and len(head) > 2):
            name = head[2] if first == "async" else head[1]
            if name.type == tokenize.NAME:
                current.defs.append(name.string)
        elif head[0].type == tokenize.NAME and not keyword.iskeyword(first):
            current.aliases.extend(targets)


def split_module(text: str) -> list[Chunk] | None:
    """The module's chunks, or None when it is small or cannot be tokenized (parse it whole)."""
    if len(text) < SPLIT_BYTES:
        return None
    splitter = _Splitter()
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            splitter.feed(tok)
    except (tokenize.TokenError, SyntaxError):
        return None
    return _chunks(text, splitter.statements)


def _chunks(text: str, statements: list[_Statement]) -> list[Chunk]:
    lines = io.StringIO(text).readlines()  # lines as the tokenizer counted them
    starts = [1, *(s.first_line for s in statements[1:]), len(lines) + 1]
    chunks: list[Chunk] = []
    run_start: int | None = None
    for i, statement in enumerate(statements):
        if statement.eager:
            run_start = starts[i] if run_start is None else run_start
            continue
        if run_start is not None:
            chunks.append(Chunk(run_start, "".join(lines[run_start - 1 : starts[i] - 1]), True))
            run_start = None
        kind, names = ("def", statement.defs) if statement.defs else ("alias", statement.aliases)
        if names:
            body = "".join(lines[starts[i] - 1 : starts[i + 1] - 1])
            chunks.append(Chunk(starts[i], body, False, kind, tuple(names)))
    if run_start is not None:
        chunks.append(Chunk(run_start, "".join(lines[run_start - 1 :]), True))
    return chunks
