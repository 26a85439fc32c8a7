"""Scope blocks and cleanup, as the rest of the package uses them.

The implementation is :mod:`.blocks`, compiled by the accelerator when it is installed (see
:mod:`.accel`). :class:`ScopeState` is the block class (the compiled :class:`~.blocks.Block`
when the accelerator is installed).
"""

from __future__ import annotations

from .accel import load

TYPE_CHECKING = False  # (mypy reads it as True) no typing import at run time

__all__ = [
    "AGEN",
    "GEN",
    "MISSING",
    "Cleanup",
    "ScopeState",
    "active",
    "discard",
    "no_value",
    "open_cm",
    "open_gen",
]

if TYPE_CHECKING:
    from .blocks import (
        AGEN,
        GEN,
        MISSING,
        Block,
        Cleanup,
        active,
        discard,
        no_value,
        open_cm,
        open_gen,
    )

    ScopeState = Block
else:
    _blocks = load("blocks")
    AGEN = _blocks.AGEN
    GEN = _blocks.GEN
    MISSING = _blocks.MISSING
    Cleanup = _blocks.Cleanup
    active = _blocks.active
    discard = _blocks.discard
    no_value = _blocks.no_value
    open_cm = _blocks.open_cm
    open_gen = _blocks.open_gen

    ScopeState = _blocks.Block
