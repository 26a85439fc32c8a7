"""0.5's ``injectq.utils.types``: key aliases and small helpers about type hints."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, Union, get_args, get_origin

from .._declare.markers import read_annotation as normalize
from .._declare.types import ServiceFactory, ServiceKey

__all__ = [
    "BindingDict",
    "Injected",
    "ServiceFactory",
    "ServiceInstance",
    "ServiceKey",
    "format_type_name",
    "get_type_name",
    "is_concrete_type",
    "is_generic_type",
    "normalize_type",
    "resolve_forward_ref",
]

T = TypeVar("T")
P = ParamSpec("P")

if TYPE_CHECKING:
    from .._declare.markers import Inject

    Injected = Union[T, Inject[T]]  # noqa: UP007 - a runtime alias on Python 3.10
else:
    Injected = Any
ServiceInstance = Any
BindingDict = dict[ServiceKey, Any]


def is_generic_type(type_hint: Any) -> bool:
    """Whether ``type_hint`` is a parameterised generic (``list[int]``, ``Repo[User]``)."""
    return get_origin(type_hint) is not None


def get_type_name(type_hint: Any) -> str:
    """The short name of a type (its ``__name__``), else its text."""
    return str(
        getattr(type_hint, "__name__", None)
        or getattr(type_hint, "__qualname__", None)
        or (type_hint)
    )


def is_concrete_type(type_hint: Any) -> bool:
    """Whether ``type_hint`` is a plain class (not a generic alias)."""
    return isinstance(type_hint, type) and not is_generic_type(type_hint)


def normalize_type(type_hint: Any) -> Any:
    """The key a hint resolves to, as the container reads it: ``Optional[X]`` gives ``X``, a
    generic its origin; a union of several types gives the first, anything else its text."""
    key = normalize(type_hint)[0]
    members = [a for a in get_args(key) if a is not type(None)] if _is_union(key) else []
    if members:
        return normalize_type(members[0])
    if isinstance(key, (type, str)):
        return key
    return str(key)


def _is_union(hint: Any) -> bool:
    import types

    return get_origin(hint) is Union or isinstance(hint, types.UnionType)


def resolve_forward_ref(
    type_hint: str,
    globals_dict: dict[str, Any] | None = None,
    locals_dict: dict[str, Any] | None = None,
) -> Any:
    """Evaluate a string annotation (in the caller's globals by default); TypeError if it fails."""
    if globals_dict is None:
        frame = inspect.currentframe()
        caller = frame.f_back if frame is not None else None
        globals_dict = caller.f_globals if caller is not None else {}
    try:
        return eval(type_hint, globals_dict, locals_dict or {})
    except (NameError, AttributeError, SyntaxError) as error:
        raise TypeError(f"Cannot resolve forward reference '{type_hint}': {error}") from error


def format_type_name(type_hint: Any) -> str:
    """A string key as is, otherwise :func:`get_type_name`."""
    return type_hint if isinstance(type_hint, str) else get_type_name(type_hint)
