"""The graph model and its one validator, shared by the runtime container and ``injectq-gen``.

Both readers (runtime introspection and the static source reader) build the same
:class:`Graph` of :class:`Binding` objects indexed by :class:`Key`, and both hand it to
:func:`validate`, which reports every problem with a stable code from :data:`CODES`.
"""

from .codes import CODES
from .model import (
    SINGLETON,
    TRANSIENT,
    Binding,
    Duplicate,
    Graph,
    Key,
    Kind,
    Param,
    is_scoped,
    normalize_scope,
)
from .problems import (
    Problem,
    Step,
    abstract_binding,
    cycle,
    missing_binding,
    owner_of,
    scope_leak,
)
from .validate import Root, validate

__all__ = [
    "CODES",
    "SINGLETON",
    "TRANSIENT",
    "Binding",
    "Duplicate",
    "Graph",
    "Key",
    "Kind",
    "Param",
    "Problem",
    "Root",
    "Step",
    "abstract_binding",
    "cycle",
    "is_scoped",
    "missing_binding",
    "normalize_scope",
    "owner_of",
    "scope_leak",
    "validate",
]
