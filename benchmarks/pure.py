"""The injectq columns again with ``INJECTQ_PURE=1``: the pure-Python implementation.

``INJECTQ_PURE=1`` makes injectq use its pure-Python code even when the compiled accelerator is
installed. The variable is read when injectq is imported, so the pure columns come from a child
process: ``python -m benchmarks --emit-cells FILE`` with the same workloads, the hand-written
column and the two injectq columns only, which writes its cells as JSON. Each pure cell keeps
the child's own hand-written time as its baseline, so its ratio is measured side by side like
every other ratio (its absolute time comes from another process).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks.adapters import Loaded
from benchmarks.runner import Cell, Row

ENV = "INJECTQ_PURE"
COLUMNS = {"injectq": "injectq (runtime, pure)", "injectq-gen": "injectq (generated, pure)"}


def is_pure() -> bool:
    """Whether this process runs injectq's pure-Python implementation by request."""
    return os.environ.get(ENV) == "1"


def emit(path: Path, rows: Sequence[Row], columns: Sequence[Loaded]) -> None:
    """Write every cell of ``rows`` as JSON: workload key -> column key -> cell fields."""
    data = {
        row.workload.key: {c.key: asdict(cell) for c, cell in zip(columns, row.cells, strict=True)}
        for row in rows
    }
    path.write_text(json.dumps(data), encoding="utf-8")


def _child_argv(
    rows: Sequence[Row], keys: Sequence[str], out: Path, extra: Sequence[str]
) -> list[str]:
    only = ",".join(row.workload.key for row in rows)
    libs = ",".join(keys)
    return [
        sys.executable,
        "-m",
        "benchmarks",
        "--only",
        only,
        "--libs",
        libs,
        *extra,
        "--emit-cells",
        str(out),
    ]


def _rebased(cell: dict[str, Any], base: dict[str, Any]) -> Cell:
    """A child's cell, with the child's hand-written time as the baseline of its ratios."""
    return Cell(**{**cell, "base_ns": base.get("ns"), "base_bytes": base.get("peak_bytes")})


def add_columns(
    rows: Sequence[Row], columns: list[Loaded], chosen: Sequence[str], extra_argv: Sequence[str]
) -> str | None:
    """Run the chosen injectq columns pure in a child and append them; a failure's reason."""
    keys = [k for k in COLUMNS if k in chosen]
    if not keys or not rows:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cells.json"
        env = {**os.environ, ENV: "1"}
        done = subprocess.run(_child_argv(rows, keys, out, extra_argv), env=env, check=False)
        if done.returncode != 0 or not out.exists():
            return f"the pure-Python run (INJECTQ_PURE=1) failed with exit {done.returncode}"
        data: dict[str, dict[str, dict[str, Any]]] = json.loads(out.read_text(encoding="utf-8"))
    for key in keys:
        columns.append(Loaded(key, COLUMNS[key], None, None))
    for row in rows:
        cells = data.get(row.workload.key, {})
        base = cells.get("hand", {})
        for key in keys:
            found = cells.get(key)
            row.cells.append(_rebased(found, base) if found else Cell(fail="no pure result"))
    return None
