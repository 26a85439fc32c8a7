"""Names in generated code: keyword-safe, never shadowing a builtin, checked for collisions.

One :class:`Namer` hands out every module-level and ``wire()``-level name of a generated module,
so an imported class can never be shadowed by a factory function and two keys never share one.
"""

from __future__ import annotations

import builtins
import keyword
import re
from collections.abc import Iterable

__all__ = ["RESERVED", "Namer", "safe_identifier", "snake_case"]

RESERVED = frozenset(
    {
        *keyword.kwlist,
        *keyword.softkwlist,
        *dir(builtins),
        "annotations",
        "wire",
        "w",
        "lock",
        "v",
        "s",
        "create",
        # the names and locals of the resolver shapes (see _bodies)
        "store",
        "pending",
        "once",
        "current",
        "MISSING",
        "discard",
        "no_value",
        "wait_for",
        "AGEN",
        "value",
        "state",
        "cache",
        "owner",
        "item",
        "kept",
        "agen",
        "waiting",
        "error",
        "c",
        "r",
        "ready",
        "current_scope",
        "Container",
        "Any",
        "_iq",
    }
)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_INVALID = re.compile(r"\W+")


def snake_case(text: str) -> str:
    """``UserService`` -> ``user_service``; ``HTTPClient`` -> ``http_client``."""
    return _CAMEL.sub("_", text).lower()


def safe_identifier(text: str) -> str:
    """A valid identifier made from ``text`` (never empty, never starting with a digit)."""
    name = _INVALID.sub("_", text).rstrip("_") or "key"
    if name[0].isdigit():
        name = f"_{name}"
    return name


class Namer:
    """Hands out unique names; a taken or reserved name gets a numeric suffix."""

    def __init__(self, reserved: Iterable[str] = RESERVED) -> None:
        self.taken: set[str] = set(reserved)
        self._next: dict[str, int] = {}  # per base, the suffix to try first (lower ones are taken)

    def claim(self, preferred: str) -> str:
        """``preferred`` made an identifier, suffixed until it is free; now taken."""
        base = safe_identifier(preferred)
        name = base
        counter = self._next.get(base, 2)
        while name in self.taken or keyword.iskeyword(name):
            name = f"{base}_{counter}"
            counter += 1
        self._next[base] = counter
        self.taken.add(name)
        return name
