"""The interface every library adapter implements.

An adapter turns one workload into an *operation*: a callable that performs exactly one
unit of the workload and returns what it built, so the harness can verify the result before
timing the same callable. Setup (building containers, registering classes, warming caches
the library documents as part of startup) happens in the workload method, not in the
operation. A workload a library cannot express raises :class:`Unsupported` with the reason.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

Op = Callable[[], Any]
AsyncOp = Callable[[], Awaitable[Any]]


class Unsupported(Exception):
    """The library cannot express this workload; the message is the footnote."""


class Adapter:
    """Base class: every workload is unsupported until an adapter overrides it.

    ``name`` is the column heading. ``w6`` returns an operation that performs a whole cold
    start (build a fresh container, make the first resolve) each time it is called.
    """

    name = "?"
    #: Footnotes for measured cells, by workload key, when the wiring differs in a way a
    #: reader should know about (for example a finalizer standing in for a generator).
    notes: ClassVar[dict[str, str]] = {}

    def w1(self) -> Op:
        raise Unsupported("not implemented")

    def w2(self) -> Op:
        raise Unsupported("not implemented")

    def w3(self) -> Op:
        raise Unsupported("not implemented")

    def w4(self) -> Op:
        raise Unsupported("not implemented")

    def w5(self) -> AsyncOp:
        raise Unsupported("not implemented")

    def w6(self) -> Op:
        raise Unsupported("not implemented")

    def w7(self) -> Op:
        raise Unsupported("not implemented")
