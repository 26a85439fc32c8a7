"""injectq-gen: read InjectQ declarations from source, validate the graph, generate a container.

The stages, each returning data, and the modules that own them:

- ``_config``: ``[tool.injectq]`` and the command-line overrides;
- ``_read``: the libcst reader (never imports user code) -> the shared graph model and recipes;
- ``_runtime``: the graph model and validator taken from the injectq runtime;
- ``_diagnostics``: the one collector of findings and the one code table;
- ``_plan``: ordered factory functions, names, registrations and imports;
- ``_render``: the plan through the jinja2 templates;
- ``_write``: compile, then replace the output atomically;
- ``_cache``: skip a run whose inputs did not change;
- ``_graph_formats`` (``graph``) and ``_verify`` (``verify``): the other two commands.

``_pipeline`` is the only module that knows every stage of a run and returns data; ``_commands``
prints, writes or compares what it returns; ``_cli`` parses arguments and calls a command.
"""

from __future__ import annotations

__all__: list[str] = []
