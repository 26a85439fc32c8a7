"""One source module read with libcst: its top-level names, and where its nodes are.

A module is held as chunks of whole lines (see ``_statements``): one chunk for a small module, and
for a large one the statements that could declare or import, parsed up front, plus one lazy chunk
per other definition, parsed when its name is looked up. Names are indexed in file order, so the
last binding of a name wins, as at runtime. Positions and lines are found per chunk, on demand,
and shifted by the chunk's first line, so they are the module's own.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from ._lines import def_lines, parse, statement_lines
from ._statements import Chunk

__all__ = ["Names", "ParsedModule", "dotted_name"]

V = TypeVar("V")
Def = cst.ClassDef | cst.FunctionDef


def dotted_name(node: cst.BaseExpression) -> str | None:
    """``a.b.c`` for a Name/Attribute chain, else None."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = dotted_name(node.value)
        return None if head is None else f"{head}.{node.attr.value}"
    return None


def _is_type_checking(test: cst.BaseExpression) -> bool:
    name = dotted_name(test)
    return name is not None and name.rsplit(".", 1)[-1] == "TYPE_CHECKING"


class Names(MutableMapping[str, V]):
    """Top-level names of one kind; a name whose statement is not parsed yet parses on lookup."""

    def __init__(self, module: ParsedModule) -> None:
        self.module = module
        self.parsed: dict[str, V] = {}
        self.pending: dict[str, Chunk] = {}

    def __getitem__(self, name: str) -> V:
        chunk = self.pending.get(name)
        if chunk is not None:
            self.module.parse_lazy(chunk)
            self.pending.pop(name, None)  # a hint only: the parsed statement may not bind it
        return self.parsed[name]

    def __contains__(self, name: object) -> bool:
        if isinstance(name, str) and name in self.pending:
            return self.get(name) is not None
        return name in self.parsed

    def __setitem__(self, name: str, value: V) -> None:
        self.pending.pop(name, None)
        self.parsed[name] = value

    def __delitem__(self, name: str) -> None:
        self.pending.pop(name, None)
        self.parsed.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter([*self.parsed, *(n for n in self.pending if n not in self.parsed)])

    def __len__(self) -> int:
        return len(set(self.parsed) | set(self.pending))

    def defer(self, name: str, chunk: Chunk) -> None:
        """``name`` is bound by ``chunk``, which is parsed when the name is looked up."""
        self.parsed.pop(name, None)
        self.pending[name] = chunk


@dataclass(slots=True, eq=False)
class ParsedModule:
    """One source file: its statements, its top-level names, and the lines of its nodes."""

    name: str
    path: Path
    shown: str
    is_package: bool
    local: bool
    imports: dict[str, str] = field(default_factory=dict)
    stars: list[str] = field(default_factory=list)
    body: list[cst.BaseStatement] = field(default_factory=list)
    defs: Names[Def] = field(init=False)
    aliases: Names[cst.BaseExpression] = field(init=False)
    _lazy: Chunk | None = None
    _unpositioned: deque[tuple[Chunk, cst.Module]] = field(default_factory=deque)
    _positions: dict[cst.CSTNode, tuple[CodeRange, int]] = field(default_factory=dict)
    _unlined: deque[tuple[Chunk, cst.Module]] = field(default_factory=deque)
    _lines: dict[cst.CSTNode, int] = field(default_factory=dict)
    _def_lines: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.defs = Names(self)
        self.aliases = Names(self)

    @property
    def package(self) -> str:
        """The package a relative import in this module starts from."""
        return self.name if self.is_package else self.name.rpartition(".")[0]

    # -- reading ----------------------------------------------------------------------------
    def add(self, chunk: Chunk, tree: cst.Module) -> None:
        """An eager chunk, parsed: its statements join the body and its names are indexed."""
        self._keep(chunk, tree)
        self.body.extend(tree.body)
        self._index(tree.body)

    def defer(self, chunk: Chunk) -> None:
        """A lazy chunk: its names are known, its statement is parsed on lookup."""
        table: Names[Def] | Names[cst.BaseExpression] = (
            self.defs if chunk.kind == "def" else self.aliases
        )
        for name in chunk.names:
            table.defer(name, chunk)

    def parse_lazy(self, chunk: Chunk) -> None:
        """Parse a lazy chunk and index the names it still binds (a later one may rebind them).

        A chunk that does not parse binds nothing (the module would not import either)."""
        try:
            tree = cst.parse_module(chunk.text)
        except cst.ParserSyntaxError:
            return
        self._keep(chunk, tree)
        self._lazy = chunk
        try:
            self._index(tree.body)
        finally:
            self._lazy = None

    def _keep(self, chunk: Chunk, tree: cst.Module) -> None:
        self._unpositioned.append((chunk, tree))
        self._unlined.append((chunk, tree))

    def _bind(self, table: Names[V], name: str, node: V) -> None:
        if self._lazy is None or table.pending.get(name) is self._lazy:
            table[name] = node

    def _index(self, body: object) -> None:
        assert isinstance(body, (list, tuple))
        for stmt in body:
            if isinstance(stmt, (cst.ClassDef, cst.FunctionDef)):
                self._bind(self.defs, stmt.name.value, stmt)
            elif (isinstance(stmt, cst.If) and _is_type_checking(stmt.test)) or isinstance(
                stmt, cst.Try
            ):
                self._index(stmt.body.body)
            elif isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    self._index_small(small)

    def _index_small(self, small: cst.BaseSmallStatement) -> None:
        if isinstance(small, cst.Import):
            for alias in small.names:
                full = dotted_name(alias.name) or ""
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    self.imports[alias.asname.name.value] = full
                else:
                    head = full.split(".", 1)[0]
                    self.imports.setdefault(head, head)
        elif isinstance(small, cst.ImportFrom):
            self._index_from(small)
        elif isinstance(small, (cst.Assign, cst.AnnAssign)) and small.value is not None:
            targets = (
                [t.target for t in small.targets]
                if isinstance(small, cst.Assign)
                else [small.target]
            )
            for target in targets:
                if isinstance(target, cst.Name):
                    self._bind(self.aliases, target.value, small.value)

    def _index_from(self, node: cst.ImportFrom) -> None:
        base = self._from_base(node)
        if isinstance(node.names, cst.ImportStar):
            self.stars.append(base)
            return
        for alias in node.names:
            name = dotted_name(alias.name) or ""
            local = name
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
            self.imports[local] = f"{base}.{name}" if base else name

    def _from_base(self, node: cst.ImportFrom) -> str:
        mod = dotted_name(node.module) if node.module is not None else ""
        if not node.relative:
            return mod or ""
        parts = self.package.split(".") if self.package else []
        up = len(node.relative) - 1
        if up:
            parts = parts[:-up] if up <= len(parts) else []
        base = ".".join(parts)
        return f"{base}.{mod}" if base and mod else (base or mod or "")

    # -- positions and lines ----------------------------------------------------------------
    def _position(self, node: cst.CSTNode) -> tuple[CodeRange, int]:
        """The node's range in its chunk, and the chunk's shift to the module's lines."""
        while node not in self._positions and self._unpositioned:
            chunk, tree = self._unpositioned.popleft()
            wrapper = MetadataWrapper(tree, unsafe_skip_copy=True)
            shift = chunk.first_line - 1
            for found, where in wrapper.resolve(PositionProvider).items():
                self._positions[found] = (where, shift)
        return self._positions[node]

    def where(self, node: cst.CSTNode) -> str:
        """``file:line:col`` (1-based column) of a node."""
        where, shift = self._position(node)
        return f"{self.shown}:{where.start.line + shift}:{where.start.column + 1}"

    def def_line(self, qualname: str, node: cst.CSTNode) -> str:
        """``file:line`` of a class or function (its first decorator), found cheaply with ast."""
        self._read_lines()
        line = self._def_lines.get(qualname)
        return f"{self.shown}:{line}" if line is not None else self.line(node)

    def line(self, node: cst.CSTNode) -> str:
        """``file:line`` of a node, the location format of the graph model."""
        self._read_lines()
        line = self._lines.get(node)
        if line is None:
            where, shift = self._position(node)
            line = where.start.line + shift
        return f"{self.shown}:{line}"

    def _read_lines(self) -> None:
        while self._unlined:
            chunk, tree = self._unlined.popleft()
            shift = chunk.first_line - 1
            parsed = parse(chunk.text)
            for node, line in statement_lines(tree, parsed).items():
                self._lines[node] = line + shift
            for qualname, line in def_lines(parsed).items():
                if line + shift > self._def_lines.get(qualname, 0):  # the last definition wins
                    self._def_lines[qualname] = line + shift
