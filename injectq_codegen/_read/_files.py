"""Reading source files: each file's bytes are read once, and what is parsed is what is hashed.

The run's fingerprint and the cache describe exactly the bytes the reader parsed, so a file edited
while a run is going cannot leave a cache (or a header) that claims the new content. Text is
decoded as Python decodes it (PEP 263: a BOM or a coding line, else UTF-8). A file that is not
Python source at all (undecodable, or holding NUL bytes) is a tool error naming the file.
"""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

from .._errors import ToolError

__all__ = ["SourceError", "SourceFiles", "decode_source"]


class SourceError(ToolError):
    """A file in the source roots is not Python source text (exit code 2)."""


def decode_source(data: bytes, shown: str) -> str:
    """``data`` decoded as the interpreter would decode the module; SourceError if it cannot."""
    if b"\0" in data:
        raise SourceError(f"{shown}: not Python source: it contains NUL bytes")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return data.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError) as exc:
        raise SourceError(f"{shown}: not Python source: cannot decode it ({exc})") from exc


class SourceFiles:
    """The bytes of every project file read, and their decoded text, each file read once."""

    def __init__(self) -> None:
        self.data: dict[Path, bytes] = {}  # the project's files (not third-party ones), as read
        self._texts: dict[Path, str | None] = {}

    def text(self, path: Path, shown: str, local: bool) -> str | None:
        """The decoded text of ``path``. A project file that is not source raises SourceError;
        a third-party one reads as None. OSError propagates. A project file is read from disk
        once: later calls decode the bytes that were read."""
        if path in self._texts:
            return self._texts[path]
        data = self.data.get(path)
        if data is None:
            data = path.read_bytes()
            if local:
                self.data[path] = data
        try:
            text: str | None = decode_source(data, shown)
        except SourceError:
            if local:
                raise
            text = None
        self._texts[path] = text
        return text

    def release(self, path: Path) -> None:
        """Forget the decoded text of ``path`` (its bytes stay, for the fingerprint)."""
        self._texts.pop(path, None)
