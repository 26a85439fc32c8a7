"""Command line: ``python -m benchmarks [--quick] [--only W1,W4] [--libs a,b] [--output PATH]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from benchmarks import (
    adapters,
    codegen_bench,
    cold_start,
    floors,
    pure,
    report,
    runner,
    timing,
    web_requests,
)
from benchmarks.workloads import WORKLOADS

ALL_KEYS = [w.key for w in WORKLOADS] + [
    codegen_bench.KEY,
    cold_start.KEY,
    floors.KEY,
    web_requests.KEY,
]


def _parser() -> argparse.ArgumentParser:
    keys = ", ".join(key for key, _, _ in adapters.ADAPTERS)
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Compare injectq with hand-written wiring and other DI libraries.",
    )
    parser.add_argument("--quick", action="store_true", help="fewer, shorter rounds (smoke run)")
    parser.add_argument("--only", help=f"comma-separated workloads ({', '.join(ALL_KEYS)})")
    parser.add_argument(
        "--libs", help=f"comma-separated columns ({keys}); hand-written is always included"
    )
    parser.add_argument("--rounds", type=int, help="override the number of rounds")
    parser.add_argument("--output", type=Path, help="write the Markdown report here")
    parser.add_argument(
        "--no-pure",
        action="store_true",
        help="skip the injectq columns' second run with INJECTQ_PURE=1 (pure Python)",
    )
    parser.add_argument("--emit-cells", type=Path, help=argparse.SUPPRESS)  # the pure child
    return parser


def _split(value: str | None, known: Sequence[str], what: str) -> list[str] | None:
    if value is None:
        return None
    chosen = [v.strip() for v in value.split(",") if v.strip()]
    lowered = {k.lower(): k for k in known}
    unknown = [v for v in chosen if v.lower() not in lowered]
    if unknown:
        raise SystemExit(f"unknown {what}: {', '.join(unknown)} (known: {', '.join(known)})")
    return [lowered[v.lower()] for v in chosen]


def _shared_argv(args: argparse.Namespace) -> list[str]:
    """The timing options a child run (the pure columns) repeats."""
    argv = ["--quick"] if args.quick else []
    return [*argv, "--rounds", str(args.rounds)] if args.rounds else argv


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    only = _split(args.only, ALL_KEYS, "workload") or ALL_KEYS
    lib_keys = [key for key, _, _ in adapters.ADAPTERS]
    libs = _split(args.libs, lib_keys, "library") or lib_keys
    settings = timing.QUICK if args.quick else timing.FULL
    if args.rounds:
        settings = timing.Settings(rounds=args.rounds, target_ns=settings.target_ns)

    columns = [
        adapters.load(key, module, heading)
        for key, module, heading in adapters.ADAPTERS
        if key == "hand" or key in libs
    ]

    def progress(message: str) -> None:
        print(f"... {message}", file=sys.stderr, flush=True)

    workloads = [w for w in WORKLOADS if w.key in only]
    rows = runner.run(workloads, columns, settings, progress)
    if args.emit_cells:
        pure.emit(args.emit_cells, rows, columns)
        return 0
    pure_failed = None
    if not args.no_pure and not pure.is_pure() and rows:
        progress("pure: the injectq columns again, with INJECTQ_PURE=1, in a child process")
        pure_failed = pure.add_columns(rows, columns, libs, _shared_argv(args))
    extra: list[str] = []
    if codegen_bench.KEY in only:
        progress(f"{codegen_bench.KEY}: injectq-gen on synthetic projects")
        extra = codegen_bench.run(quick=args.quick)
    if cold_start.KEY in only:
        progress(f"{cold_start.KEY}: production cold start, whole processes")
        extra = [*extra, *([""] if extra else []), *cold_start.run(quick=args.quick)]
    if floors.KEY in only:
        progress("floors: the least pure Python can cost for W1, W3, W4 and W5")
        extra = [*extra, *([""] if extra else []), *floors.run(settings)]
    if web_requests.KEY in only:
        progress(f"{web_requests.KEY}: an HTTP request through each FastAPI integration")
        extra = [*extra, *([""] if extra else []), *web_requests.run(settings, libs)]
    if pure_failed:
        extra = [*extra, *([""] if extra else []), f"FAIL: {pure_failed}"]
    text = report.render(rows, columns, settings, extra)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
