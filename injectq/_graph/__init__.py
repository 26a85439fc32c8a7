"""The graph model and its one validator, shared by the runtime container and ``injectq-gen``.

Both readers (runtime introspection and the static source reader) build the same
:class:`Graph` of :class:`Binding` objects indexed by :class:`Key`, and both hand it to
:func:`validate`, which reports every problem with a stable code from :data:`CODES`.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from typing import Any

    from .codes import CODES
    from .model import Binding, Duplicate, Graph, Key, Kind, Param
    from .problems import (
        Problem,
        Step,
        abstract_binding,
        cycle,
        missing_binding,
        owner_of,
        scope_leak,
    )
    from .validator import Root, validate

# The lifetimes' names, here: a generated container resolving needs nothing more of the model.
SINGLETON = "singleton"
TRANSIENT = "transient"
SCOPE_ALIASES = {"scoped": "request", "async_request": "request", "async_action": "action"}


def normalize_scope(scope: object) -> str:
    """Map a scope argument (name or ``ScopeType``) to its canonical lifetime name."""
    name = getattr(scope, "value", scope)
    if not isinstance(name, str):
        raise TypeError(f"scope must be a string or ScopeType, got {scope!r}")
    return SCOPE_ALIASES.get(name, name)


def is_scoped(lifetime: str) -> bool:
    """True for request, action and custom scopes (anything not singleton or transient)."""
    return lifetime not in (SINGLETON, TRANSIENT)


# The model, the findings and the validator load on first use: a generated container never
# needs the last two, nor the model on its sync path.
_LAZY = {
    **dict.fromkeys(("Binding", "Duplicate", "Graph", "Key", "Kind", "Param"), ".model"),
    "CODES": ".codes",
    **dict.fromkeys(
        (
            "Problem",
            "Step",
            "abstract_binding",
            "cycle",
            "missing_binding",
            "owner_of",
            "scope_leak",
        ),
        ".problems",
    ),
    "Root": ".validator",
    "validate": ".validator",
}


def __getattr__(name: str) -> Any:
    """The names of ``codes``, ``problems`` and ``validate``, imported on first use (PEP 562)."""
    import importlib

    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


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
