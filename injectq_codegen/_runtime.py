"""What the generator takes from the injectq runtime: the graph model, the validator, the
resolver shapes (the text of each protocol, which generated modules embed) and the runtime's
introspection (for ``verify``).

This is the one module of ``injectq_codegen`` that imports injectq's private modules; every other
module imports these names from here. The public ``injectq`` package itself is imported only for
its version and, by ``verify``, for a runtime container.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from injectq._graph import (
    CODES,
    SINGLETON,
    TRANSIENT,
    Binding,
    Graph,
    Key,
    Kind,
    Param,
    Problem,
    Root,
    normalize_scope,
    validate,
)
from injectq._runtime.shapes import (
    ASYNC,
    ASYNC_PRODUCE,
    AWAIT_IN_BLOCK,
    CREATE_IN_BLOCK,
    ENTER_AGEN_INLINE,
    FIND_BLOCK,
    HOLD,
    KEEP,
    SYNC,
    TRY_IN,
    fill,
)

if TYPE_CHECKING:
    from injectq import InjectQ

__all__ = [
    "ASYNC",
    "ASYNC_PRODUCE",
    "AWAIT_IN_BLOCK",
    "CODES",
    "CREATE_IN_BLOCK",
    "ENTER_AGEN_INLINE",
    "FIND_BLOCK",
    "HOLD",
    "KEEP",
    "SYNC",
    "TRY_IN",
    "SINGLETON",
    "TRANSIENT",
    "Binding",
    "Graph",
    "Key",
    "Kind",
    "Param",
    "Problem",
    "Root",
    "fill",
    "graph_of",
    "normalize_scope",
    "validate",
]


def graph_of(container: InjectQ) -> Graph:
    """The graph a live runtime container introspects from its bindings."""
    introspect = importlib.import_module("injectq._runtime.introspect")
    graph: Graph = introspect.graph_of(container)
    return graph
