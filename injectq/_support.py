"""The runtime API that generated modules (``injectq-gen`` output) call, and nothing else does.

This module is the stable import path of generated code (``from injectq import _support as
_iq``): every name below keeps working across internal reorganisations. The implementation lives
in :mod:`injectq._runtime.generated` (the container base and ``Wiring``) and
:mod:`injectq._runtime.scopes` (scope blocks, cleanup and the inline resource helpers).
"""

from __future__ import annotations

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
    MISSING,
    ScopeState,
    discard,
    no_value,
    open_cm,
    open_gen,
)
from ._runtime.staleness import StaleGeneratedModule
from ._runtime.waiting import Waiting, once, wait_for

__all__ = [
    "AGEN",
    "MISSING",
    "Cache",
    "Current",
    "GeneratedContainer",
    "IncompatibleGeneratedModule",
    "InjectQ",
    "Lazy",
    "NamedKey",
    "ScopeState",
    "StaleGeneratedModule",
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
