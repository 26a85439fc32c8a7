"""The runtime API that generated modules (``injectq-gen`` output) call, and nothing else does.

This module is the stable import path of generated code (``from injectq import _support as
_iq``): every name below keeps working across internal reorganisations. The implementation lives
in :mod:`injectq._runtime.generated` (the container base), :mod:`injectq._runtime.wiring`
(``Wiring``) and :mod:`injectq._runtime.scopes` (scope blocks, cleanup and the inline resource
helpers).
"""

from __future__ import annotations

from ._runtime.container import InjectQ
from ._runtime.generated import (
    Cache,
    GeneratedContainer,
    IncompatibleGeneratedModule,
    Wiring,
    check_version,
)
from ._runtime.keys import NamedKey
from ._runtime.scopes import (
    AGEN,
    GEN,
    MISSING,
    ScopeState,
    discard,
    no_value,
    open_cm,
    open_gen,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    from ._declare.markers import Current, Lazy
    from ._runtime.staleness import StaleGeneratedModule
    from ._runtime.waiting import Waiting, once, wait_for

    T = TypeVar("T")  # the type variables of the shared singleton functions' signatures
    A0, A1, A2, A3 = TypeVar("A0"), TypeVar("A1"), TypeVar("A2"), TypeVar("A3")
    A4, A5, A6, A7 = TypeVar("A4"), TypeVar("A5"), TypeVar("A6"), TypeVar("A7")

# Names generated code uses in annotations only (strings under ``from __future__ import
# annotations``) or on paths a sync graph never takes: each is imported on first use, so a sync
# generated container loads neither ``typing`` nor the markers, waiting or staleness modules for
# them. name -> the module holding it ("" : a type variable of this module).
_LAZY = {
    "Callable": "collections.abc",
    "Current": "injectq._declare.markers",
    "Lazy": "injectq._declare.markers",
    "StaleGeneratedModule": "injectq._runtime.staleness",
    "Waiting": "injectq._runtime.waiting",
    "once": "injectq._runtime.waiting",
    "wait_for": "injectq._runtime.waiting",
    **dict.fromkeys(("T", "A0", "A1", "A2", "A3", "A4", "A5", "A6", "A7"), ""),
}


def __getattr__(name: str) -> Any:
    """The names of ``_LAZY``, imported (or made) on first use (PEP 562)."""
    import importlib

    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if module:
        value = getattr(importlib.import_module(module), name)
    else:
        from typing import TypeVar

        value = TypeVar(name)  # type: ignore[misc]  # a type variable made on demand
    globals()[name] = value
    return value


__all__ = [
    "A0",
    "A1",
    "A2",
    "A3",
    "A4",
    "A5",
    "A6",
    "A7",
    "AGEN",
    "MISSING",
    "Cache",
    "Callable",
    "GEN",
    "Current",
    "GeneratedContainer",
    "IncompatibleGeneratedModule",
    "InjectQ",
    "Lazy",
    "NamedKey",
    "ScopeState",
    "StaleGeneratedModule",
    "T",
    "Waiting",
    "Wiring",
    "check_version",
    "discard",
    "no_value",
    "once",
    "open_cm",
    "open_gen",
    "wait_for",
]
