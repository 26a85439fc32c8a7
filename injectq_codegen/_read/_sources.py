"""Where source modules live and what their top-level names mean, read with libcst only.

:class:`SourceIndex` finds a module's file in the configured source roots (and, only to follow
re-exports to a name's defining module, in the interpreter's search path), parses it once, and
resolves dotted names through its imports, so ``import injectq as iq`` and ``from .db import
Database as DB`` both lead to the qualified name of the definition. Nothing is imported.
"""

from __future__ import annotations

import builtins
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from .._diagnostics import Code, Diagnostics
from ._files import SourceFiles
from ._lines import def_lines, parse, statement_lines

__all__ = ["Definition", "ParsedModule", "SourceIndex", "Symbol", "dotted_name"]

_BUILTINS = frozenset(dir(builtins))
_MAX_HOPS = 16


@dataclass(frozen=True, slots=True, order=True)
class Symbol:
    """A module-level name or nested class: ``module`` plus dotted ``qualname``."""

    module: str
    qualname: str

    @property
    def ident(self) -> str:
        return f"{self.module}.{self.qualname}"

    @property
    def short(self) -> str:
        return self.qualname.rsplit(".", 1)[-1]

    @classmethod
    def guess(cls, qname: str) -> Symbol:
        module, _, name = qname.rpartition(".")
        return cls(module or "builtins", name)


@dataclass(slots=True, eq=False)
class ParsedModule:
    """One parsed source file and its top-level names."""

    name: str
    path: Path
    shown: str
    is_package: bool
    local: bool
    tree: cst.Module
    imports: dict[str, str] = field(default_factory=dict)
    defs: dict[str, cst.ClassDef | cst.FunctionDef] = field(default_factory=dict)
    aliases: dict[str, cst.BaseExpression] = field(default_factory=dict)
    stars: list[str] = field(default_factory=list)
    text: str = ""
    _positions: dict[cst.CSTNode, CodeRange] | None = None
    _def_lines: dict[str, int] | None = None
    _lines: dict[cst.CSTNode, int] | None = None

    @property
    def package(self) -> str:
        return self.name if self.is_package else self.name.rpartition(".")[0]

    def position(self, node: cst.CSTNode) -> CodeRange:
        if self._positions is None:
            wrapper = MetadataWrapper(self.tree, unsafe_skip_copy=True)
            self._positions = dict(wrapper.resolve(PositionProvider))
        return self._positions[node]

    def where(self, node: cst.CSTNode) -> str:
        """``file:line:col`` (1-based column) of a node."""
        start = self.position(node).start
        return f"{self.shown}:{start.line}:{start.column + 1}"

    def def_line(self, qualname: str, node: cst.CSTNode) -> str:
        """``file:line`` of a class or function (its first decorator), found cheaply with ast."""
        self._read_lines()
        assert self._def_lines is not None
        line = self._def_lines.get(qualname)
        return f"{self.shown}:{line}" if line is not None else self.line(node)

    def line(self, node: cst.CSTNode) -> str:
        """``file:line`` of a node, the location format of the graph model."""
        self._read_lines()
        assert self._lines is not None
        line = self._lines.get(node)
        if line is None:
            line = self.position(node).start.line
        return f"{self.shown}:{line}"

    def _read_lines(self) -> None:
        if self._lines is None or self._def_lines is None:
            tree = parse(self.text)
            self._lines = statement_lines(self.tree, tree)
            self._def_lines = def_lines(tree)

    def code(self, node: cst.CSTNode) -> str:
        return self.tree.code_for_node(node)


@dataclass(frozen=True, slots=True)
class Definition:
    """A resolved name: its canonical symbol and, when read from source, its definition."""

    symbol: Symbol
    module: ParsedModule | None
    node: cst.ClassDef | cst.FunctionDef | None


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


class SourceIndex:
    """Finds, parses and caches modules; resolves names to their defining module."""

    def __init__(
        self,
        roots: list[Path],
        project_root: Path,
        diagnostics: Diagnostics,
        search_external: bool = True,
    ) -> None:
        self.roots = roots
        self.project_root = project_root
        external: list[Path] = []
        if search_external:
            for entry in sys.path:
                if not entry:
                    continue
                path = Path(entry).resolve()
                if path.is_dir() and path not in roots and path not in external:
                    external.append(path)
        self.external = external
        self.modules: dict[str, ParsedModule | None] = {}
        self.diagnostics = diagnostics
        self.files: set[Path] = set()  # the project's files that were parsed
        self.sources = SourceFiles()
        self._canonical: dict[str, Definition | None] = {}

    # -- finding files ----------------------------------------------------------------------
    def _locate(self, name: str, roots: list[Path]) -> tuple[Path, bool, Path] | None:
        rel = Path(*name.split("."))
        for root in roots:
            package = root / rel / "__init__.py"
            if package.is_file():
                return package, True, root
            single = (root / rel).with_suffix(".py")
            if single.is_file():
                return single, False, root
        return None

    def package_dirs(self, name: str) -> list[Path]:
        """Every directory of package ``name`` in the source roots (namespace packages too)."""
        rel = Path(*name.split("."))
        return [root / rel for root in self.roots if (root / rel).is_dir()]

    def iter_package(self, name: str) -> Iterator[str]:
        """Module names of package ``name`` and everything below it, sorted."""
        found: set[str] = set()
        if self._locate(name, self.roots) is not None:
            found.add(name)
        for folder in self.package_dirs(name):
            for file in folder.rglob("*.py"):
                parts = file.relative_to(folder).with_suffix("").parts
                if not all(p.isidentifier() for p in parts):
                    continue
                if parts[-1] == "__init__":
                    parts = parts[:-1]
                found.add(".".join((name, *parts)))
        yield from sorted(found)

    def source_text(self, name: str) -> str | None:
        """The text of project module ``name`` (read once, kept for :meth:`load`)."""
        located = self._locate(name, self.roots)
        if located is None:
            return None
        path, _, root = located
        return self.sources.text(path, self._shown(path, root), local=True)

    # -- parsing ----------------------------------------------------------------------------
    def load(self, name: str) -> ParsedModule | None:
        if name in self.modules:
            return self.modules[name]
        self.modules[name] = None
        local = True
        located = self._locate(name, self.roots)
        if located is None:
            local = False
            located = self._locate(name, self.external)
        if located is None:
            return None
        path, is_package, root = located
        shown = self._shown(path, root)
        try:
            text = self.sources.text(path, shown, local)
        except OSError as exc:
            if local:
                self.diagnostics.error(Code.SYNTAX_ERROR, f"cannot read: {exc}", where=shown)
            return None
        if text is None:
            return None
        if local:
            self.files.add(path)
        try:
            tree = cst.parse_module(text)
        except cst.ParserSyntaxError as exc:
            if local:
                where = f"{shown}:{exc.editor_line}:{exc.editor_column}"
                message = str(exc).splitlines()[0]
                self.diagnostics.error(
                    Code.SYNTAX_ERROR,
                    f"cannot parse {name}: {message}",
                    "fix the syntax error; nothing from this module was read",
                    where,
                )
            return None
        module = ParsedModule(name, path, shown, is_package, local, tree, text=text)
        self._index(module, tree.body)
        self.modules[name] = module
        return module

    def _shown(self, path: Path, root: Path) -> str:
        for base in (self.project_root, root):
            try:
                return path.resolve().relative_to(base.resolve()).as_posix()
            except ValueError:
                continue
        return path.as_posix()

    def _index(self, module: ParsedModule, body: object) -> None:
        assert isinstance(body, (list, tuple))
        for stmt in body:
            if isinstance(stmt, (cst.ClassDef, cst.FunctionDef)):
                module.defs[stmt.name.value] = stmt
            elif (isinstance(stmt, cst.If) and _is_type_checking(stmt.test)) or isinstance(
                stmt, cst.Try
            ):
                self._index(module, stmt.body.body)
            elif isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    self._index_small(module, small)

    def _index_small(self, module: ParsedModule, small: cst.BaseSmallStatement) -> None:
        if isinstance(small, cst.Import):
            for alias in small.names:
                full = dotted_name(alias.name) or ""
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    module.imports[alias.asname.name.value] = full
                else:
                    head = full.split(".", 1)[0]
                    module.imports.setdefault(head, head)
        elif isinstance(small, cst.ImportFrom):
            base = self._from_base(module, small)
            if isinstance(small.names, cst.ImportStar):
                module.stars.append(base)
                return
            for alias in small.names:
                name = dotted_name(alias.name) or ""
                local = name
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    local = alias.asname.name.value
                module.imports[local] = f"{base}.{name}" if base else name
        elif isinstance(small, (cst.Assign, cst.AnnAssign)):
            targets = (
                [t.target for t in small.targets]
                if isinstance(small, cst.Assign)
                else [small.target]
            )
            if small.value is None:
                return
            for target in targets:
                if isinstance(target, cst.Name):
                    module.aliases[target.value] = small.value

    def _from_base(self, module: ParsedModule, node: cst.ImportFrom) -> str:
        mod = dotted_name(node.module) if node.module is not None else ""
        if not node.relative:
            return mod or ""
        parts = module.package.split(".") if module.package else []
        up = len(node.relative) - 1
        if up:
            parts = parts[:-up] if up <= len(parts) else []
        base = ".".join(parts)
        return f"{base}.{mod}" if base and mod else (base or mod or "")

    # -- resolving names --------------------------------------------------------------------
    def resolve(self, module: ParsedModule, dotted: str) -> str | None:
        """The qualified name ``dotted`` refers to at the top level of ``module``."""
        head, _, rest = dotted.partition(".")
        tail = f".{rest}" if rest else ""
        if head in module.defs:
            return f"{module.name}.{dotted}"
        if head in module.imports:
            return module.imports[head] + tail
        if head in module.aliases:
            target = dotted_name(module.aliases[head])
            if target is not None and target != dotted:
                inner = self.resolve(module, target)
                return None if inner is None else inner + tail
            return f"{module.name}.{dotted}"
        for star in module.stars:
            found = self.canonical(f"{star}.{head}")
            if found is not None:
                return found.symbol.ident + tail
        if head in _BUILTINS:
            return f"builtins.{dotted}"
        return None

    def canonical(self, qname: str, hops: int = 0) -> Definition | None:
        """Follow ``qname`` through re-exports to where it is defined."""
        if qname in self._canonical:
            return self._canonical[qname]
        self._canonical[qname] = None
        result = self._canonical_uncached(qname, hops)
        self._canonical[qname] = result
        return result

    def _canonical_uncached(self, qname: str, hops: int) -> Definition | None:
        if hops > _MAX_HOPS:
            return None
        parts = qname.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            module = self.load(".".join(parts[:cut]))
            if module is None:
                continue
            return self._lookup(module, parts[cut:], hops)
        return None

    def _lookup(self, module: ParsedModule, rest: list[str], hops: int) -> Definition | None:
        head = rest[0]
        node = module.defs.get(head)
        if node is not None:
            for inner in rest[1:]:
                node = _nested_class(node, inner)
                if node is None:
                    return None
            return Definition(Symbol(module.name, ".".join(rest)), module, node)
        target = self.resolve(module, ".".join(rest))
        if target is None or target.startswith("builtins."):
            sub = self.load(f"{module.name}.{head}")
            if sub is not None and len(rest) > 1:
                return self._lookup(sub, rest[1:], hops)
            return None if target is None else Definition(Symbol.guess(target), None, None)
        if target == f"{module.name}.{'.'.join(rest)}":
            return Definition(Symbol(module.name, ".".join(rest)), module, None)
        found = self.canonical(target, hops + 1)
        return found if found is not None else Definition(Symbol.guess(target), None, None)

    def definition(self, module: ParsedModule, expr: cst.BaseExpression) -> Definition | None:
        """What a Name/Attribute expression in ``module`` refers to."""
        dotted = dotted_name(expr)
        if dotted is None:
            return None
        qname = self.resolve(module, dotted)
        if qname is None:
            return None
        return self.canonical(qname) or Definition(Symbol.guess(qname), None, None)


def _nested_class(node: cst.ClassDef | cst.FunctionDef, name: str) -> cst.ClassDef | None:
    if not isinstance(node, cst.ClassDef):
        return None
    for stmt in node.body.body:
        if isinstance(stmt, cst.ClassDef) and stmt.name.value == name:
            return stmt
    return None
