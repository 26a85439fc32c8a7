"""0.5's keyword names accepted beside the current ones (``override_value=`` for ``value=``)."""

from __future__ import annotations

from typing import Any

from .markers import UNSET

__all__ = ["either"]


def either(current: Any, old: Any, call: str, name: str, old_name: str) -> Any:
    """The argument given as ``name`` or as 0.5's ``old_name`` (TypeError for both or neither)."""
    if old is UNSET:
        if current is UNSET:
            raise TypeError(f"{call}() missing required argument: '{name}'")
        return current
    if current is not UNSET:
        raise TypeError(f"{call}() got both '{name}' and '{old_name}'")
    return old
