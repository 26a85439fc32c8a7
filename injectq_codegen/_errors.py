"""The generator's tool errors: anything that stops a run with exit code 2 and one message."""

from __future__ import annotations

__all__ = ["ToolError"]


class ToolError(Exception):
    """A run cannot go on (bad settings, an unreadable file, a bad output path): exit code 2."""
