"""Imports of a generated module: names claimed collision-free, statements written as isort would.

The generated module imports the application's names inside ``wire()``; each is claimed once
through the planner's :class:`~injectq_codegen._names.Namer`, aliased on collision.
"""

from __future__ import annotations

import re
import sys

from .._read import Symbol
from ._names import Namer

__all__ = ["Imports"]


class Imports:
    """Base of the planner: the import table and the code naming a symbol or a module."""

    def __init__(self, names: Namer) -> None:
        self.names = names
        self.imports: dict[tuple[str, str], tuple[str, str]] = {}

    def symbol(self, symbol: Symbol) -> str:
        """Code naming ``symbol``, imported (aliased on a collision) on first use."""
        if symbol.module == "builtins":
            return symbol.qualname
        top, _, rest = symbol.qualname.partition(".")
        if (symbol.module, top) not in self.imports:
            self.imports[(symbol.module, top)] = (self.names.claim(top), "")
        alias = self.imports[(symbol.module, top)][0]
        return f"{alias}.{rest}" if rest else alias

    def module(self, name: str) -> str:
        """Code naming module ``name``, imported on first use."""
        if (name, "") not in self.imports:
            self.imports[(name, "")] = (self.names.claim(name.replace(".", "_")), "")
        return self.imports[(name, "")][0]

    def import_lines(self, stdlib: bool) -> tuple[str, ...]:
        """Import statements as isort (and ruff) would write them, for one section.

        Aliased names get statements of their own; names are grouped with a trailing comma, one
        a line, so the result is stable whatever line length the user's isort uses.
        """
        plain: list[str] = []
        grouped: dict[str, list[tuple[str, str]]] = {}
        for (module, name), (alias, _) in self.imports.items():
            if (module.partition(".")[0] in sys.stdlib_module_names) != stdlib:
                continue
            if not name:
                plain.append(
                    f"import {module}" if alias == module else f"import {module} as {alias}"
                )
            else:
                grouped.setdefault(module, []).append((name, alias))
        lines = sorted(plain, key=_natural)
        for module in sorted(grouped, key=_natural):
            run: list[str] = []
            for name, alias in sorted(grouped[module], key=_member_order):
                if alias == name:
                    run.append(name)
                    continue
                lines.extend(_from_import(module, run))
                run = []
                lines.append(f"from {module} import {name} as {alias}")
            lines.extend(_from_import(module, run))
        return tuple(lines)


def _natural(text: str) -> tuple[tuple[str, int], ...]:
    """isort's natural order: case aside, digit runs by value (``Svc2`` before ``Svc10``)."""
    parts = re.split(r"(\d+)", text.lower())
    return tuple(
        (part, int(number or 0))
        for part, number in zip(parts[::2], [*parts[1::2], ""], strict=True)
    )


def _member_order(member: tuple[str, str]) -> tuple[int, tuple[tuple[str, int], ...], str]:
    """isort's order of imported names: constants, then classes, then the rest, each natural."""
    name = member[0]
    rank = 0 if len(name) > 1 and name.isupper() else 1 if name[:1].isupper() else 2
    return rank, _natural(name), name


def _from_import(module: str, names: list[str]) -> list[str]:
    if not names:
        return []
    if len(names) == 1:
        return [f"from {module} import {names[0]}"]
    return [f"from {module} import (", *(f"    {name}," for name in names), ")"]
