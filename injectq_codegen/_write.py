"""Writing the generated module: compile first, then replace the file atomically.

The output must be a regular file or not exist yet: a FIFO, a device, a directory or a symbolic
link is refused (exit 2), never replaced or written through. The new file gets the mode a plain
write would give it: an existing file keeps its mode, a new one gets ``0o666`` less the umask.
``--check`` uses :func:`stale_diff` and never writes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ._errors import ToolError

__all__ = [
    "GenerationError",
    "OutputError",
    "check_compiles",
    "check_output",
    "stale_diff",
    "write_atomic",
]

_KINDS = {
    stat.S_ISDIR: "a directory",
    stat.S_ISFIFO: "a FIFO",
    stat.S_ISCHR: "a character device",
    stat.S_ISBLK: "a block device",
    stat.S_ISSOCK: "a socket",
}


class GenerationError(ToolError):
    """The generator produced something it must not write (a tool error, exit code 2)."""


class OutputError(ToolError):
    """The output path names something other than a regular file (exit code 2)."""


def check_compiles(text: str, filename: str) -> None:
    """Compile ``text``; a generated module that does not compile is never written."""
    try:
        compile(text, filename, "exec", dont_inherit=True)
    except SyntaxError as exc:
        raise GenerationError(
            f"generated code for {filename} does not compile (line {exc.lineno}): {exc.msg}"
        ) from exc


def check_output(path: Path, shown: str) -> None:
    """Refuse an output that exists and is not a regular file; a symbolic link is refused too."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISLNK(mode):
        raise OutputError(
            f"output {shown} is a symbolic link; injectq-gen does not write through links: "
            "set output to the file itself"
        )
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS.items() if test(mode)), "not a file")
        raise OutputError(f"output {shown} is {kind}, not a regular file: refusing to replace it")


def _new_file_mode(path: Path) -> int:
    """The mode a plain ``open(path, "w")`` leaves: the file's own, or 0o666 less the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0o022)  # reading the umask means setting it; restored at once
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` through a temporary file and ``os.replace``.

    Returns False (and leaves the file untouched) when the content is already identical.
    """
    import tempfile

    check_output(path, str(path))
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _new_file_mode(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
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
