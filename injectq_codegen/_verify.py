"""``injectq-gen verify``: the graph read statically must equal the runtime's introspected graph.

This is the one place the generator imports user code: it builds a runtime container from the
same configuration (importing the scanned packages so their decorators run, then installing the
configured modules) and compares its graph, binding by binding, with the static read.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ._config import Config
from ._diagnostics import Diagnostics
from ._pipeline import analyze
from ._read import SourceIndex
from ._runtime import Binding, Graph, Key, Kind, graph_of

__all__ = ["compare", "runtime_graph", "verify"]


def runtime_graph(config: Config) -> Graph:
    """Introspect a runtime container built from ``config`` (imports the user's code)."""
    import injectq

    for root in reversed(config.source_paths()):
        if str(root) not in sys.path:
            sys.path.insert(0, str(root))
    index = SourceIndex(config.source_paths(), config.root, Diagnostics(), search_external=False)
    with injectq.InjectQ.test_mode() as container:
        for package in config.scan:
            for name in index.iter_package(package):
                importlib.import_module(name)
        for spec in config.modules:
            module_name, _, attr = spec.partition(":")
            factory: Any = getattr(importlib.import_module(module_name), attr)
            container.install_module(factory() if isinstance(factory, type) else factory)
        graph: Graph = graph_of(container)
    return graph


def _file_of(location: str | None, root: Path) -> str | None:
    if location is None:
        return None
    path = location.rsplit(":", 1)[0]
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path


def _fields(binding: Binding, root: Path) -> dict[str, object]:
    return {
        "kind": binding.kind.value,
        "lifetime": binding.lifetime,
        "params": [
            (
                p.name,
                str(p.key),
                p.has_default,
                p.optional,
                p.lazy,
                p.current,
                p.explicit,
                p.positional,
            )
            for p in binding.params
        ],
        "target": "" if binding.kind is Kind.INSTANCE else binding.target,
        "factory_table": binding.factory_table,
        "file": _file_of(binding.location, root),
    }


def _same_target(name: str, static: object, runtime: object) -> bool:
    """The runtime names a target by its ``__qualname__``, the reader by module and qualname."""
    return (
        name == "target"
        and isinstance(static, str)
        and isinstance(runtime, str)
        and bool(runtime)
        and static.endswith(f".{runtime}")
    )


def compare(
    static: Mapping[Key, Binding], runtime: Mapping[Key, Binding], root: Path
) -> Iterator[str]:
    """Every difference between two graphs, one line each, in key order."""
    for key in sorted(set(static) | set(runtime)):
        if key not in runtime:
            yield f"{key}: read statically, but not bound at runtime"
            continue
        if key not in static:
            yield f"{key}: bound at runtime, but not found by the static reader"
            continue
        left, right = _fields(static[key], root), _fields(runtime[key], root)
        for name in left:
            if left[name] != right[name] and not _same_target(name, left[name], right[name]):
                yield f"{key}: {name} differs: static {left[name]!r}, runtime {right[name]!r}"


def verify(config: Config, fmt: str) -> int:
    """``injectq-gen verify``: print the differences between the two graphs and the graph's
    errors (a missing binding, a cycle, ...); exit 1 on any."""
    read, diagnostics = analyze(config)
    errors = [d for d in diagnostics if d.severity == "error"]
    if any(d.from_reader for d in errors):
        sys.stdout.write("\n".join(d.render() for d in errors if d.from_reader) + "\n")
        return 1
    runtime = runtime_graph(config)
    declared = {k: b for k, b in read.graph.snapshot().items() if k in read.declared}
    differences = list(compare(declared, runtime.snapshot(), config.root))
    if fmt == "json":
        found = [d.as_json() for d in errors]
        sys.stdout.write(
            json.dumps({"differences": differences, "diagnostics": found}, indent=2) + "\n"
        )
    else:
        _print_text(differences, [d.render() for d in errors])
    return 1 if differences or errors else 0


def _print_text(differences: list[str], errors: list[str]) -> None:
    if differences:
        sys.stdout.write("\n".join(differences) + "\n")
        sys.stdout.write(
            f"verify: {len(differences)} difference(s) between the static and the runtime graph\n"
        )
    else:
        sys.stdout.write("verify: the static and the runtime graph agree\n")
    if errors:
        sys.stdout.write("\n".join(errors) + "\n")
        sys.stdout.write(f"verify: the graph has {len(errors)} error(s)\n")
