"""Where the user's code called into InjectQ: the first frame outside the package."""

from __future__ import annotations

import sys

__all__ = ["caller_location"]


def caller_location(depth: int = 2) -> str | None:
    """``file:line`` of the user code that called into InjectQ (skipping injectq's frames)."""
    frame = sys._getframe(depth)
    while frame is not None and frame.f_globals.get("__name__", "").startswith("injectq."):
        frame = frame.f_back  # type: ignore[assignment]  # None ends the loop
    if frame is None:
        return None
    return f"{frame.f_code.co_filename}:{frame.f_lineno}"
