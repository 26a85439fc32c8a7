"""The ``injectq-gen`` command line. It parses arguments and calls the pipeline; no logic here.

Exit codes: 0 ok (warnings allowed unless ``--strict``), 1 findings or drift, 2 tool error.
The pipeline (libcst, jinja2, the injectq runtime) is imported only after the cache check, so a
run on unchanged inputs stays fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ._commands import generate, graph
from ._config import load_config
from ._errors import ToolError

__all__ = ["main"]

_FORMATS = {
    "generate": ("text", "json"),
    "graph": ("mermaid", "dot", "json"),
    "verify": ("text", "json"),
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="injectq-gen", description="Generate a reflection-free InjectQ container."
    )
    parser.add_argument("command", nargs="?", default="generate", choices=sorted(_FORMATS))
    parser.add_argument("--config", type=Path, help="pyproject.toml holding [tool.injectq]")
    parser.add_argument("--source-root", action="append", dest="source_roots")
    parser.add_argument("--module", action="append", dest="modules")
    parser.add_argument("--scan", action="append")
    parser.add_argument("--input", action="append", dest="inputs")
    parser.add_argument("--output")
    parser.add_argument("--check", action="store_true", help="exit 1 with a diff when stale")
    parser.add_argument("--strict", action="store_true", help="warnings fail the run")
    parser.add_argument("--format", help="text|json (diagnostics); mermaid|dot|json (graph)")
    parser.add_argument("--no-cache", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``injectq-gen`` with ``argv`` (default: the process's); return the exit code."""
    args = _parser().parse_args(argv)
    fmt = args.format or _FORMATS[args.command][0]
    if fmt not in _FORMATS[args.command]:
        print(
            f"injectq-gen: --format for {args.command} is one of "
            f"{', '.join(_FORMATS[args.command])}",
            file=sys.stderr,
        )
        return 2
    try:
        config = load_config(
            args.config,
            {
                "source_roots": args.source_roots,
                "modules": args.modules,
                "scan": args.scan,
                "inputs": args.inputs,
                "output": args.output,
            },
        )
        if args.command == "graph":
            return graph(config, fmt)
        if args.command == "verify":
            from ._verify import verify

            return verify(config, fmt)
        return generate(config, fmt, args.check, args.strict, not args.no_cache)
    except (ToolError, OSError) as exc:
        print(f"injectq-gen: error: {exc}", file=sys.stderr)
        return 2
    except RecursionError:
        print(
            "injectq-gen: error: the dependency graph nests deeper than Python's recursion limit "
            f"({sys.getrecursionlimit()}) allows to generate; shorten the chain, or raise the "
            "limit (python -c 'import sys; sys.setrecursionlimit(N); ...')",
            file=sys.stderr,
        )
        return 2
