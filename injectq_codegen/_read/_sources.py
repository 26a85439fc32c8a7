"""Where source modules live and what their top-level names mean, read with libcst only.

:class:`SourceIndex` finds a module's file in the configured source roots (and, only to follow
re-exports to a name's defining module, in the interpreter's search path), parses it once, and
resolves dotted names through its imports, so ``import injectq as iq`` and ``from .db import
Database as DB`` both lead to the qualified name of the definition. Nothing is imported.
"""

from __future__ import annotations

import ast
import builtins
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import libcst as cst

from .._diagnostics import Code, Diagnostics
from ._files import SourceFiles
from ._parsed import ParsedModule, dotted_name
from ._statements import Chunk, split_module

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
        """The qualified name: ``module.qualname``."""
        return f"{self.module}.{self.qualname}"

    @property
    def short(self) -> str:
        """The last part of the qualname."""
        return self.qualname.rsplit(".", 1)[-1]

    @classmethod
    def guess(cls, qname: str) -> Symbol:
        """The likeliest symbol of a qualified name: the module is what precedes the last dot."""
        module, _, name = qname.rpartition(".")
        return cls(module or "builtins", name)


@dataclass(frozen=True, slots=True)
class Definition:
    """A resolved name: its canonical symbol and, when read from source, its definition."""

    symbol: Symbol
    module: ParsedModule | None
    node: cst.ClassDef | cst.FunctionDef | None


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
        """Module ``name`` parsed (cached); None when it is not found or does not parse."""
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
        self.sources.release(path)
        if text is None:
            return None
        if local:
            self.files.add(path)
        module = ParsedModule(name, path, shown, is_package, local)
        for chunk in split_module(text) or [Chunk(1, text, True)]:
            if not chunk.eager:
                module.defer(chunk)
                continue
            tree = self._parse(module, chunk)
            if tree is None:
                return None
            module.add(chunk, tree)
        self.modules[name] = module
        return module

    def _parse(self, module: ParsedModule, chunk: Chunk) -> cst.Module | None:
        try:
            return cst.parse_module(chunk.text)
        except cst.ParserSyntaxError as exc:
            if module.local:
                where, message = _python_syntax_error(module, chunk, exc)
                self.diagnostics.error(
                    Code.SYNTAX_ERROR,
                    f"cannot parse {module.name}: {message}",
                    "fix the syntax error; nothing from this module was read",
                    where,
                )
            return None

    def _shown(self, path: Path, root: Path) -> str:
        for base in (self.project_root, root):
            try:
                return path.resolve().relative_to(base.resolve()).as_posix()
            except ValueError:
                continue
        return path.as_posix()

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


def _python_syntax_error(
    module: ParsedModule, chunk: Chunk, exc: cst.ParserSyntaxError
) -> tuple[str, str]:
    """Where and what Python itself reports for a file that does not parse (libcst may point at
    a later line); libcst's reading when Python parses the text after all."""
    try:
        ast.parse(chunk.text)
    except SyntaxError as python:
        line = (python.lineno or 1) + chunk.first_line - 1
        return f"{module.shown}:{line}:{python.offset or 1}", str(python.msg)
    line = exc.editor_line + chunk.first_line - 1
    return (
        f"{module.shown}:{line}:{exc.editor_column}",
        f"Syntax Error @ {line}:{exc.editor_column}.",
    )


def _nested_class(node: cst.ClassDef | cst.FunctionDef, name: str) -> cst.ClassDef | None:
    if not isinstance(node, cst.ClassDef):
        return None
    for stmt in node.body.body:
        if isinstance(stmt, cst.ClassDef) and stmt.name.value == name:
            return stmt
    return None
