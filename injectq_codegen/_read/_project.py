"""Reading a whole project: the scanned packages, then the configured modules, then the inputs.

The entry point of the reader stage; it never imports user code.
"""

from __future__ import annotations

from .._config import Config
from .._diagnostics import Diagnostics
from .._runtime import Key, Root
from ._lookups import add_lookup_roots, plan_auto_built
from ._modules import ModuleReader
from ._reader import Reader
from ._result import ReadResult
from ._scan import Scanner
from ._sites import param_site
from ._sources import Symbol

__all__ = ["read_project"]


def read_project(config: Config, diagnostics: Diagnostics) -> ReadResult:
    """Read the whole project described by ``config``; findings go to ``diagnostics``."""
    reader = Reader(config, diagnostics)
    scanner = Scanner(reader)
    for package in config.scan:
        scanner.scan_package(package)
    modules = ModuleReader(reader)
    for spec in config.modules:
        modules.read_spec(spec)
    _inputs(reader)
    result = reader.result
    add_lookup_roots(result, reader.lookups)
    plan_auto_built(result)
    result.files = sorted(reader.index.files)
    result.sources = reader.index.sources.data
    result.param_site = lambda owner, name: param_site(reader, owner, name)
    result.not_auto_built = reader.classes.not_auto_built
    return result


def _inputs(reader: Reader) -> None:
    result = reader.result
    provided: set[Key] = set()
    for spec in reader.config.inputs:
        if spec.string:
            key = Key(repr(spec.text), spec.name)
        else:
            found = reader.index.canonical(spec.text)
            symbol = found.symbol if found is not None else Symbol.guess(spec.text)
            reader.remember(symbol)
            key = Key(symbol.ident, spec.name)
        result.inputs.append(key)
        provided.add(key)
    container = reader.index.canonical("injectq.InjectQ")
    if container is not None:
        reader.remember(container.symbol)
        result.container_key = Key(container.symbol.ident)
        provided.add(result.container_key)
    for text in reader.config.roots:
        found = reader.index.canonical(text)
        symbol = found.symbol if found is not None else Symbol.guess(text)
        reader.remember(symbol)
        result.roots.append(Root(symbol.ident, key=Key(symbol.ident)))
    result.graph.provided = frozenset(provided)
    result.injects.sort(key=lambda f: f.qualname)
    result.roots = [
        *sorted((r for r in result.roots if r.key is None), key=lambda r: r.name),
        *sorted((r for r in result.roots if r.key is not None), key=lambda r: r.name),
    ]
