"""The generator's configuration: ``[tool.injectq]`` in the project's ``pyproject.toml``.

Command-line flags override the file. Every path is kept relative to the project root, so the
generated header (and therefore the output) does not depend on where the project is checked out.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]  # 3.10 only

from ._errors import ToolError

__all__ = ["Config", "ConfigError", "InputSpec", "load_config", "read_toml"]

DEFAULT_OUTPUT = "generated/injectq_container.py"


class ConfigError(ToolError):
    """The configuration is missing or malformed (exit code 2)."""


@dataclass(frozen=True, slots=True, order=True)
class InputSpec:
    """A key provided at runtime: a dotted type path, or a string key (``string=True``)."""

    text: str
    string: bool = False
    name: str | None = None

    @classmethod
    def parse(cls, entry: object) -> InputSpec:
        """``"pkg.mod.Type"``, ``"'text'"`` or ``{type|string = ..., name = ...}``."""
        if isinstance(entry, str):
            text = entry.strip()
            if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
                return cls(text[1:-1], string=True)
            if not text or not all(part.isidentifier() for part in text.split(".")):
                raise ConfigError(
                    f"input {entry!r} is neither a dotted type path nor a quoted string key"
                )
            return cls(text)
        if isinstance(entry, Mapping):
            name = entry.get("name")
            if name is not None and not isinstance(name, str):
                raise ConfigError(f"input {dict(entry)!r}: name must be a string")
            if isinstance(entry.get("string"), str):
                return cls(entry["string"], string=True, name=name)
            if isinstance(entry.get("type"), str):
                return replace(cls.parse(entry["type"]), name=name)
        raise ConfigError(f'input {entry!r}: write "pkg.mod.Type", "\'key\'" or a table')

    def describe(self) -> str:
        """The input as the header and the fingerprint show it."""
        base = repr(self.text) if self.string else self.text
        return base if self.name is None else f"{base}[name={self.name!r}]"


@dataclass(frozen=True, slots=True)
class Config:
    """Everything one generator run needs to know about the project."""

    root: Path
    source_roots: tuple[str, ...] = (".",)
    modules: tuple[str, ...] = ()
    scan: tuple[str, ...] = ()
    inputs: tuple[InputSpec, ...] = ()
    roots: tuple[str, ...] = ()
    output: str = DEFAULT_OUTPUT
    allow_override: bool = True
    report_unused: bool = True
    cache_dir: str = ".injectq-gen"
    config_file: str | None = field(default=None)

    def source_paths(self) -> list[Path]:
        """The source roots as absolute paths."""
        return [(self.root / r).resolve() for r in self.source_roots]

    @property
    def output_path(self) -> Path:
        """Where the generated module is written."""
        return self.root / self.output

    @property
    def cache_path(self) -> Path:
        """Where the input-hash cache is kept."""
        return self.root / self.cache_dir / "cache.json"

    def fingerprint_text(self) -> str:
        """A stable text of every setting that changes the output."""
        parts = [
            "roots=" + ",".join(self.source_roots),
            "modules=" + ",".join(self.modules),
            "scan=" + ",".join(self.scan),
            "inputs=" + ",".join(i.describe() for i in self.inputs),
            "root_keys=" + ",".join(self.roots),
            f"output={self.output}",
            f"allow_override={self.allow_override}",
            f"report_unused={self.report_unused}",
        ]
        return "\n".join(parts)

    def regenerate_command(self) -> str:
        """How to regenerate, independent of how this run was invoked (so output is stable)."""
        output_dir = (self.root / self.output).parent
        here = os.path.relpath(self.root, output_dir).replace(os.sep, "/")
        command = "injectq-gen"
        if self.config_file not in (None, "pyproject.toml"):
            command += f" --config {self.config_file}"
        return f"{command} (run in {here}/ relative to the generated file)"


_KEYS = {
    "source_roots",
    "modules",
    "scan",
    "inputs",
    "roots",
    "output",
    "allow_override",
    "report_unused",
    "cache_dir",
}


def _strings(table: Mapping[str, Any], key: str) -> tuple[str, ...] | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"[tool.injectq] {key} must be a list of strings")
    return tuple(value)


def _bool(table: Mapping[str, Any], key: str) -> bool | None:
    value = table.get(key)
    if value is not None and not isinstance(value, bool):
        raise ConfigError(f"[tool.injectq] {key} must be true or false")
    return value


def _from_table(root: Path, table: Mapping[str, Any], config_file: str | None) -> Config:
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"[tool.injectq] unknown setting(s): {', '.join(unknown)}")
    config = Config(root=root, config_file=config_file)
    updates: dict[str, Any] = {}
    for key in ("source_roots", "modules", "scan", "roots"):
        value = _strings(table, key)
        if value is not None:
            updates[key] = value
    raw_inputs = table.get("inputs")
    if raw_inputs is not None:
        if not isinstance(raw_inputs, list):
            raise ConfigError("[tool.injectq] inputs must be a list")
        updates["inputs"] = tuple(InputSpec.parse(e) for e in raw_inputs)
    for key in ("output", "cache_dir"):
        if key in table:
            if not isinstance(table[key], str):
                raise ConfigError(f"[tool.injectq] {key} must be a string")
            updates[key] = table[key]
    for key in ("allow_override", "report_unused"):
        flag = _bool(table, key)
        if flag is not None:
            updates[key] = flag
    return replace(config, **updates)


def load_config(
    config_file: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    cwd: Path | None = None,
) -> Config:
    """Read ``[tool.injectq]`` (from ``config_file`` or the nearest ``pyproject.toml``).

    Without a ``pyproject.toml``, or with one that has no ``[tool.injectq]`` table, there is
    nothing to generate from: a ConfigError says what was looked for, unless the command line
    names what to read (``--module`` or ``--scan``).
    """
    base = (cwd or Path.cwd()).resolve()
    overrides = overrides or {}
    given = bool(overrides.get("modules") or overrides.get("scan"))
    path = config_file if config_file is not None else _find_pyproject(base)
    if path is None:
        if not given:
            raise ConfigError(
                f"no pyproject.toml in {base} or any parent folder: injectq-gen reads its "
                "settings from the [tool.injectq] table there (or pass --config FILE)"
            )
        return _override(Config(root=base), overrides)
    path = (base / path).resolve()
    data = read_toml(path)
    table = data.get("tool", {}).get("injectq")
    if table is None and not given:
        raise ConfigError(
            f"{path} has no [tool.injectq] table: add one naming the modules to install "
            "and the packages to scan (see the README's configuration table)"
        )
    shown = None if config_file is None else path.name
    return _override(_from_table(path.parent, table or {}, shown), overrides)


def read_toml(path: Path) -> dict[str, Any]:
    """The TOML document at ``path``; a ConfigError naming the file when it cannot be read."""
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    return data


def _override(config: Config, overrides: Mapping[str, Any]) -> Config:
    updates: dict[str, Any] = {}
    for key, value in overrides.items():
        if value is None or value == ():
            continue
        if key == "inputs":
            updates[key] = tuple(InputSpec.parse(v) for v in value)
        elif key in _KEYS:
            updates[key] = (
                tuple(value)
                if isinstance(value, Sequence) and not isinstance(value, str)
                else value
            )
        else:
            raise ConfigError(f"unknown override {key!r}")
    return replace(config, **updates)


def _find_pyproject(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None
