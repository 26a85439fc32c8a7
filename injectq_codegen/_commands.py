"""The commands of ``injectq-gen``: each runs the pipeline, then prints, writes or compares.

``generate`` checks the output path and the cache before anything heavy is imported: the pipeline
(libcst, jinja2, the injectq runtime) is imported only when the inputs changed.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import Any

from . import _cache
from ._config import Config
from ._write import check_output, stale_diff, write_atomic

__all__ = ["Options", "generate", "graph"]


def graph(config: Config, fmt: str) -> int:
    """``injectq-gen graph``: print the graph; findings go to stderr."""
    from ._diagnostics import exit_code, render_text
    from ._graph_formats import render_graph
    from ._pipeline import analyze

    read, diagnostics = analyze(config)
    sys.stdout.write(render_graph(read.graph, fmt))
    if diagnostics:
        sys.stderr.write(render_text(diagnostics))
    return exit_code(diagnostics, strict=False)


@dataclass(frozen=True, slots=True)
class Options:
    """How ``generate`` runs and reports: the flags of the command line."""

    fmt: str = "text"
    check: bool = False
    strict: bool = False
    use_cache: bool = True
    quiet: bool = False


def _summary(config: Config, opts: Options, bindings: int, started: float, hit: bool) -> None:
    """The one line a successful run prints (stderr for machine formats); ``-q`` silences it."""
    if opts.quiet:
        return
    done = "is up to date" if opts.check or hit else "written"
    line = (
        f"injectq-gen: {config.output} {done}: {bindings} binding(s), "
        f"{time.perf_counter() - started:.2f} s, cache {'hit' if hit else 'miss'}\n"
    )
    (sys.stdout if opts.fmt == "text" else sys.stderr).write(line)


def _replay(config: Config, opts: Options, record: dict[str, Any], started: float) -> int:
    """A cache hit reports what the cached run found, exactly as that run reported it."""
    from ._diagnostics import Diagnostic, exit_code, render

    found = [Diagnostic.from_record(d) for d in record.get("diagnostics", [])]
    sys.stdout.write(render(found, opts.fmt))
    code = exit_code(found, opts.strict)
    if code == 0:
        _summary(config, opts, int(record.get("bindings", 0)), started, hit=True)
    return code


def generate(config: Config, opts: Options) -> int:
    """``injectq-gen`` (and ``--check``): generate, compare or write, report; the exit code."""
    started = time.perf_counter()
    check_output(config.output_path, config.output)  # before the cache reads it: a FIFO blocks
    meta = _cache.meta_fingerprint(config, opts.strict) if opts.use_cache else ""
    record = _cache.fresh_record(config, meta) if opts.use_cache else None
    if record is not None:
        return _replay(config, opts, record, started)
    from . import _pipeline
    from ._diagnostics import exit_code, render

    outcome = _pipeline.generate(config)
    report = render(outcome.diagnostics, opts.fmt)
    code = exit_code(outcome.diagnostics, opts.strict)
    if outcome.text is None:
        sys.stdout.write(report)
        return code or 1
    if opts.check:
        diff = stale_diff(config.output_path, outcome.text, config.output)
        if diff:
            sys.stdout.write(report + diff if opts.fmt == "text" else report)
            message = f"{config.output} is stale; run {config.regenerate_command()}\n"
            (sys.stdout if opts.fmt == "text" else sys.stderr).write(message)
            return 1
    else:
        write_atomic(config.output_path, outcome.text)
    bindings = len(outcome.read.graph.snapshot())
    if opts.use_cache and code == 0:
        found = [d.record() for d in outcome.diagnostics]
        _cache.store(config, meta, outcome.read.sources, outcome.text, (found, bindings))
    sys.stdout.write(report)
    if code == 0:
        _summary(config, opts, bindings, started, hit=False)
    return code
