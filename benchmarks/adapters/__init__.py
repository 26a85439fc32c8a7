"""One module per library; ``ADAPTERS`` lists them in column order.

Adding a library is one file: a module in this package that defines ``ADAPTER``, an
instance of a :class:`~benchmarks.adapters.base.Adapter` subclass, plus its entry below.
A module that cannot be imported (library not installed, generated code missing) becomes a
column of "n/a" cells with the import error as the reason.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from benchmarks.adapters.base import Adapter

#: (column key, module name, column heading). The first entry is the baseline.
ADAPTERS: tuple[tuple[str, str, str], ...] = (
    ("hand", "handwritten", "hand-written"),
    ("injectq", "injectq_runtime", "injectq (runtime)"),
    ("injectq-gen", "injectq_generated", "injectq (generated)"),
    ("dependency-injector", "dependency_injector", "dependency-injector"),
    ("dishka", "dishka", "dishka"),
    ("wireup", "wireup", "wireup"),
    ("diwire", "diwire", "diwire"),
    ("diwire-fast", "diwire_fast", "diwire (fast)"),
    ("that-depends", "that_depends", "that-depends"),
    ("rodi", "rodi", "rodi"),
    ("modern-di", "modern_di", "modern-di"),
)


@dataclass(frozen=True, slots=True)
class Loaded:
    key: str
    heading: str
    adapter: Adapter | None
    error: str | None
    failed: bool = False


def load(key: str, module: str, heading: str) -> Loaded:
    """Import one adapter module; an import failure is recorded, never raised."""
    try:
        mod = importlib.import_module(f"benchmarks.adapters.{module}")
        adapter = mod.ADAPTER
    except Exception as exc:
        reason = getattr(exc, "benchmark_reason", None)
        if reason is not None:
            return Loaded(key, heading, None, reason)
        missing = getattr(exc, "name", None) if isinstance(exc, ModuleNotFoundError) else None
        if missing is not None and missing.split(".")[0] == module and key != "injectq":
            return Loaded(key, heading, None, f"{key} is not installed (pip install '.[bench]')")
        return Loaded(key, heading, None, f"import: {type(exc).__name__}: {exc}", failed=True)
    if not isinstance(adapter, Adapter):
        return Loaded(key, heading, None, f"{module}.ADAPTER is not an Adapter")
    return Loaded(key, heading, adapter, None)
