"""The runtime API that generated modules (``injectq-gen`` output) call, and nothing else does.

This module is the stable import path of generated code (``from injectq import _support as
_iq``): every name below keeps working across internal reorganisations. The implementation lives
in :mod:`injectq._runtime.generated` (the container base), :mod:`injectq._runtime.wiring`
(``Wiring``) and :mod:`injectq._runtime.scopes` (scope blocks, cleanup and the inline resource
helpers).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ._declare.markers import Current, Lazy
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
from ._runtime.staleness import StaleGeneratedModule
from ._runtime.waiting import Waiting, once, wait_for

T = TypeVar("T")  # the type variables of the shared singleton functions' signatures
A0, A1, A2, A3 = TypeVar("A0"), TypeVar("A1"), TypeVar("A2"), TypeVar("A3")
A4, A5, A6, A7 = TypeVar("A4"), TypeVar("A5"), TypeVar("A6"), TypeVar("A7")

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
