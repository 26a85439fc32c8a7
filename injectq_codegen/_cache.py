"""The input-hash cache: skip regeneration when no input changed since the last run.

It records the digest of every file the reader read, the listing of every scanned package (a new
file could add a declaration), the settings fingerprint and the output's digest.

A warm run must stay fast, so this module (and the path to it from the CLI) imports neither
libcst, jinja2 nor the injectq runtime: the code of injectq and of the generator is fingerprinted
from its files, found without importing it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ._config import Config
from ._templates import templates_digest

__all__ = ["digest", "fresh_record", "meta_fingerprint", "store"]

_FORMAT = 3


def digest(data: bytes) -> str:
    """The hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def _package_files(name: str) -> list[Path]:
    spec = importlib.util.find_spec(name)
    folders = list(spec.submodule_search_locations or []) if spec else []
    return sorted(p for folder in folders for p in Path(folder).rglob("*.py"))


def meta_fingerprint(config: Config, strict: bool = False) -> str:
    """Everything but the project's sources that changes the outcome: the settings (``--strict``
    too: a run that passed with warnings is not a pass under it), the templates, and the code of
    injectq (its version included) and of the generator."""
    sha = hashlib.sha256(f"{config.fingerprint_text()}\nstrict={strict}".encode())
    sha.update(templates_digest().encode())
    for package in ("injectq", "injectq_codegen"):
        for path in _package_files(package):
            sha.update(path.as_posix().encode())
            sha.update(path.read_bytes())
    return sha.hexdigest()


def _listing(config: Config) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for package in config.scan:
        files: list[str] = []
        for root in config.source_paths():
            folder = root / Path(*package.split("."))
            if folder.is_dir():
                files.extend(str(p) for p in folder.rglob("*.py"))
            elif folder.with_suffix(".py").is_file():
                files.append(str(folder.with_suffix(".py")))
        out[package] = sorted(files)
    return out


def _usable(path: Path) -> bool:
    """A cache file is a regular file or absent: anything else (a FIFO would block) is ignored."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except FileNotFoundError:
        return True
    except OSError:
        return False


def fresh_record(config: Config, meta: str) -> dict[str, Any] | None:
    """The cached run's record when nothing that feeds the output changed, else None.

    The record keeps the run's findings (``diagnostics``, each as stored by
    ``Diagnostic.record``) and its number of ``bindings``, so a cache hit reports the same."""
    if not _usable(config.cache_path):
        return None
    try:
        data = json.loads(config.cache_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != _FORMAT or data.get("meta") != meta:
        return None
    try:
        if digest(config.output_path.read_bytes()) != data.get("output"):
            return None
        for name, sha in data.get("files", {}).items():
            if digest(Path(name).read_bytes()) != sha:
                return None
    except OSError:
        return None
    return data if data.get("listing") == _listing(config) else None


def store(
    config: Config,
    meta: str,
    sources: Mapping[Path, bytes],
    output_text: str,
    report: tuple[Sequence[dict[str, Any]], int],
) -> None:
    """Record the inputs of a successful run (best effort: a cache failure is not an error).

    ``sources`` are the bytes the reader read: they are hashed, not the files as they are now, so
    a file edited during the run leaves a cache that the next run finds stale."""
    listing = _listing(config)
    files = {str(path): digest(data) for path, data in sources.items()}
    try:
        for name in (f for names in listing.values() for f in names):
            if name not in files:  # listed, never read (no declaration could be in it)
                files[name] = digest(Path(name).read_bytes())
    except OSError:
        return
    record = {
        "format": _FORMAT,
        "meta": meta,
        "files": dict(sorted(files.items())),
        "listing": listing,
        "output": digest(output_text.encode("utf-8")),
        "diagnostics": list(report[0]),
        "bindings": report[1],
    }
    if not _usable(config.cache_path):
        return
    try:
        _make_folder(config.cache_path.parent)
        config.cache_path.write_text(json.dumps(record, indent=1, sort_keys=True), encoding="utf-8")
    except OSError:
        return


def _make_folder(folder: Path) -> None:
    """The cache folder, created with a ``.gitignore`` that ignores it whole (as pytest does)."""
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# created by injectq-gen: the cache is not committed\n*\n", "utf-8")
