"""Writing the generated module: compile first, then replace the file atomically.

``--check`` uses :func:`stale_diff` and never writes.
"""

from __future__ import annotations

import os
from pathlib import Path

from ._errors import ToolError

__all__ = ["GenerationError", "check_compiles", "stale_diff", "write_atomic"]


class GenerationError(ToolError):
    """The generator produced something it must not write (a tool error, exit code 2)."""


def check_compiles(text: str, filename: str) -> None:
    """Compile ``text``; a generated module that does not compile is never written."""
    try:
        compile(text, filename, "exec", dont_inherit=True)
    except SyntaxError as exc:
        raise GenerationError(
            f"generated code for {filename} does not compile (line {exc.lineno}): {exc.msg}"
        ) from exc


def write_atomic(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` through a temporary file and ``os.replace``.

    Returns False (and leaves the file untouched) when the content is already identical.
    """
    import tempfile

    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def stale_diff(path: Path, text: str, shown: str) -> str:
    """A unified diff from the committed file to ``text``; empty when it is up to date."""
    import difflib

    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    if old == text:
        return ""
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            text.splitlines(keepends=True),
            fromfile=f"{shown} (committed)",
            tofile=f"{shown} (generated)",
        )
    )
