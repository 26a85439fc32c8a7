"""The commands of ``injectq-gen``: each runs the pipeline, then prints, writes or compares.

``generate`` checks the output path and the cache before anything heavy is imported: the pipeline
(libcst, jinja2, the injectq runtime) is imported only when the inputs changed.
"""

from __future__ import annotations

import sys

from . import _cache
from ._config import Config
from ._write import check_output, stale_diff, write_atomic

__all__ = ["generate", "graph"]


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


def generate(config: Config, fmt: str, check: bool, strict: bool, use_cache: bool) -> int:
    """``injectq-gen`` (and ``--check``): generate, compare or write, report; the exit code."""
    check_output(config.output_path, config.output)  # before the cache reads it: a FIFO blocks
    meta = _cache.meta_fingerprint(config, strict) if use_cache else ""
    if use_cache and _cache.is_fresh(config, meta):
        return 0
    from . import _pipeline
    from ._diagnostics import exit_code, render_json, render_text

    outcome = _pipeline.generate(config)
    report = render_json(outcome.diagnostics) if fmt == "json" else render_text(outcome.diagnostics)
    code = exit_code(outcome.diagnostics, strict)
    if outcome.text is None:
        sys.stdout.write(report)
        return code or 1
    if check:
        diff = stale_diff(config.output_path, outcome.text, config.output)
        if diff:
            sys.stdout.write(report if fmt == "json" else report + diff)
            if fmt == "text":
                sys.stdout.write(f"{config.output} is stale; run {config.regenerate_command()}\n")
            return 1
    else:
        write_atomic(config.output_path, outcome.text)
    if use_cache and code == 0:
        _cache.store(config, meta, outcome.read.sources, outcome.text)
    sys.stdout.write(report)
    return code
