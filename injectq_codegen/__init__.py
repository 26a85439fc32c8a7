"""injectq-gen: read InjectQ declarations from source, validate the graph, generate a container.

The pipeline is one module per stage, each returning data: ``_reader`` (libcst, never imports user
code) -> ``_plan`` (ordered calls, names, imports) -> ``_render`` (jinja2) -> ``_write`` (compile,
then write atomically). ``_cli`` only wires the stages together.
"""

from __future__ import annotations

__all__: list[str] = []
