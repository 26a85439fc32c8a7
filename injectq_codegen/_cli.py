"""The ``injectq-gen`` command line. It parses arguments and calls the pipeline; no logic here.

Exit codes: 0 ok (warnings allowed unless ``--strict``), 1 findings or drift, 2 tool error.
The pipeline (libcst, jinja2, the injectq runtime) is imported only after the cache check, so a
run on unchanged inputs stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._commands import Options, generate, graph
from ._config import ConfigError, load_config
from ._diagnostics import Code
from ._errors import ToolError

__all__ = ["main"]

_FORMATS = {
    "generate": ("text", "json", "github"),
    "graph": ("mermaid", "dot", "json"),
    "verify": ("text", "json"),
    "explain": ("text",),
}
_EXTRA = frozenset({"libcst", "jinja2"})  # what the codegen extra installs
_COMMANDS = """\
commands:
  generate (default)  read the declarations, validate the graph, write the container
  graph               print the dependency graph (--format mermaid|dot|json)
  verify              build the graph statically and from the runtime (imports your code);
                      exit 1 on a difference, a missing binding or a cycle
  explain [CODE]      what a finding's code means, an example and the fix (no CODE: list them)

exit codes: 0 ok (warnings allowed unless --strict), 1 findings or a stale output,
2 tool error (configuration, output path, missing codegen extra)
"""


_OPTIONS: tuple[tuple[tuple[str, ...], dict[str, Any]], ...] = (
    (
        ("--config",),
        {
            "type": Path,
            "help": "the pyproject.toml holding [tool.injectq] "
            "(default: the nearest one in the current folder or a parent)",
        },
    ),
    (
        ("--source-root",),
        {
            "action": "append",
            "dest": "source_roots",
            "metavar": "DIR",
            "help": "a folder your packages live in (repeatable; overrides source_roots)",
        },
    ),
    (
        ("--module",),
        {
            "action": "append",
            "dest": "modules",
            "metavar": "PKG.MOD:CLASS",
            "help": "a Module class to install (repeatable; overrides modules)",
        },
    ),
    (
        ("--scan",),
        {
            "action": "append",
            "metavar": "PACKAGE",
            "help": "a package scanned for decorated classes and @inject "
            "(repeatable; overrides scan)",
        },
    ),
    (
        ("--input",),
        {
            "action": "append",
            "dest": "inputs",
            "metavar": "KEY",
            "help": "a key set at runtime: pkg.mod.Type or \"'name'\" "
            "(repeatable; overrides inputs)",
        },
    ),
    (("--output",), {"metavar": "FILE", "help": "where the generated module is written"}),
    (
        ("--check",),
        {
            "action": "store_true",
            "help": "write nothing; exit 1 with a diff when the committed output is stale",
        },
    ),
    (("--strict",), {"action": "store_true", "help": "warnings fail the run (exit 1)"}),
    (
        ("--format",),
        {
            "help": "generate: text|json|github (GitHub Actions annotations); "
            "graph: mermaid|dot|json; verify: text|json"
        },
    ),
    (
        ("--no-cache",),
        {"action": "store_true", "help": "ignore and do not update the input-hash cache"},
    ),
    (("-q", "--quiet"), {"action": "store_true", "help": "no summary line on success"}),
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="injectq-gen",
        description="Generate a reflection-free InjectQ container from [tool.injectq] in "
        "pyproject.toml. Command-line flags override the file's settings.",
        epilog=_COMMANDS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "command", nargs="?", default="generate", choices=sorted(_FORMATS), help="see below"
    )
    parser.add_argument("code", nargs="?", help="explain: the code to explain, such as IQ003")
    for flags, options in _OPTIONS:
        parser.add_argument(*flags, **options)
    return parser


def _tool_error(exc: Exception, fmt: str) -> int:
    """A run that cannot go on: one line (or one JSON finding / annotation); exit 2."""
    config = Code.CONFIG_ERROR
    code, slug = (
        (config.value, config.slug) if isinstance(exc, ConfigError) else (None, "tool-error")
    )
    if fmt == "json":
        finding: dict[str, object] = {
            "severity": "error",
            "code": code,
            "slug": slug,
            "where": None,
            "key": None,
            "message": str(exc),
            "path": [],
            "hint": None,
        }
        sys.stdout.write(json.dumps({"diagnostics": [finding]}, indent=2) + "\n")
    elif fmt == "github":
        text = str(exc).replace("%", "%25").replace("\n", "%0A")
        sys.stdout.write(f"::error title=injectq-gen {slug}::{text}\n")
    else:
        print(f"injectq-gen: error: {exc}", file=sys.stderr)
    return 2


def _run(args: argparse.Namespace, fmt: str) -> int:
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
    return generate(config, Options(fmt, args.check, args.strict, not args.no_cache, args.quiet))


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
    if args.command == "explain":
        from ._explain import explain

        return explain(args.code)
    try:
        return _run(args, fmt)
    except ModuleNotFoundError as exc:
        if exc.name not in _EXTRA:
            raise
        print(
            f"injectq-gen: error: {exc.name} is not installed; the generator needs the codegen "
            'extra: pip install "injectq[codegen]"',
            file=sys.stderr,
        )
        return 2
    except (ToolError, OSError) as exc:
        return _tool_error(exc, fmt)
    except RecursionError:
        print(
            "injectq-gen: error: the dependency graph nests deeper than Python's recursion limit "
            f"({sys.getrecursionlimit()}) allows to generate; shorten the chain, or raise the "
            "limit (python -c 'import sys; sys.setrecursionlimit(N); ...')",
            file=sys.stderr,
        )
        return 2
