"""Renders the results as Markdown: machine, method, one table, footnotes."""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import Sequence
from importlib import metadata

from benchmarks import timing
from benchmarks.adapters import Loaded
from benchmarks.runner import Cell, Row

PEERS = ("dependency-injector", "dishka", "wireup", "diwire", "that-depends", "rodi", "modern-di")
PYPI_INJECTQ_NOTE = (
    "The InjectQ release on PyPI is left out: it imports under the same name (`injectq`) as "
    "this package, so both cannot be loaded into one process."
)


class Footnotes:
    """Numbers each distinct reason once, in order of first use."""

    def __init__(self) -> None:
        self.reasons: list[str] = []

    def ref(self, reason: str) -> str:
        if reason not in self.reasons:
            self.reasons.append(reason)
        return f"[{self.reasons.index(reason) + 1}]"

    def lines(self) -> list[str]:
        return [f"[{i}] {_escape(reason)}" for i, reason in enumerate(self.reasons, 1)]


def _escape(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def format_ns(ns: float) -> str:
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def format_bytes(count: int) -> str:
    for unit, scale in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= scale:
            return f"{count / scale:.3g} {unit}"
    return f"{count} B"


def _text(cell: Cell, notes: Footnotes) -> str | None:
    if cell.na is not None:
        reason = cell.na
        label = "n/a (not generated)" if reason.startswith("not generated") else "n/a"
        return f"{label} {notes.ref(reason)}"
    if cell.fail is not None:
        if len(cell.fail) <= 60:
            return f"FAIL: {_escape(cell.fail)}"
        return f"FAIL: {_escape(cell.fail[:40])}... {notes.ref('FAIL: ' + cell.fail)}"
    return None


def _time_cell(cell: Cell, base: Cell, notes: Footnotes) -> str:
    text = _text(cell, notes)
    if text is not None:
        return text
    assert cell.ns is not None
    note = f" {notes.ref(cell.note)}" if cell.note else ""
    base_ns = cell.base_ns if cell.base_ns is not None else base.ns
    if base_ns is None:
        return format_ns(cell.ns) + note
    return f"{format_ns(cell.ns)} (x{cell.ns / base_ns:.2f}){note}"


def _memory_cell(cell: Cell, base: Cell, notes: Footnotes) -> str:
    text = _text(cell, notes)
    if text is not None or cell.peak_bytes is None:
        return text or ""
    base_bytes = cell.base_bytes if cell.base_bytes is not None else base.peak_bytes
    if not base_bytes:
        return format_bytes(cell.peak_bytes)
    return f"{format_bytes(cell.peak_bytes)} (x{cell.peak_bytes / base_bytes:.2f})"


def machine() -> list[str]:
    versions = []
    for name in PEERS:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    return [
        f"- Machine: {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPUs",
        f"- Python: {platform.python_implementation()} {sys.version.split()[0]}",
        f"- Peers: {', '.join(versions)}",
    ]


def render(
    rows: Sequence[Row],
    columns: Sequence[Loaded],
    settings: timing.Settings,
    extra: Sequence[str] = (),
) -> str:
    notes = Footnotes()
    header = ["workload", *(c.heading for c in columns)]
    lines = [
        "# injectq benchmarks",
        "",
        *machine(),
        f"- Method: {settings.rounds} interleaved rounds, samples of ~{settings.target_ns / 1e6:g}"
        " ms, median ns per operation; (xN) = ratio to the hand-written median of the same run",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for row in rows:
        base = row.cells[0]
        cells = [_time_cell(c, base, notes) for c in row.cells]
        lines.append(f"| {row.workload.key}: {row.workload.title} | " + " | ".join(cells) + " |")
        if row.workload.kind == "cold":
            mem = [_memory_cell(c, base, notes) for c in row.cells]
            lines.append(
                "| W6 memory: peak traced bytes of one cold start | " + " | ".join(mem) + " |"
            )
    lines += ["", *notes.lines(), "", f"Note: {PYPI_INJECTQ_NOTE}"]
    if extra:
        lines += ["", *extra]
    return "\n".join(lines) + "\n"
