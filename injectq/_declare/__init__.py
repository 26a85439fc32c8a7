"""What users write: markers, class decorators, modules, resources and typing helpers.

This is also the contract of the static reader of ``injectq-gen``: it recognises these names
in source text without importing them.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from typing import Any

UNSET: Any = type("Unset", (), {"__repr__": lambda self: "UNSET"})()
"""``bind(K)`` with no implementation: bind the class K to itself (here, not in ``markers``:
the container needs it without loading the markers)."""
