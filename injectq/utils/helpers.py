"""0.5's ``injectq.utils.helpers``: parameter analysis and small utilities.

The dependency helpers read parameters exactly as the container does (``Inject[T]`` defaults,
``Optional``, generics), so they report what resolution will ask for.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable
from typing import Any

from .._errors import InjectionError
from .._runtime.introspect import params_of
from .types import format_type_name

__all__ = [
    "ThreadLocalStorage",
    "format_type_name",
    "get_class_constructor_dependencies",
    "get_function_dependencies",
    "is_injectable_class",
    "is_injectable_function",
    "safe_issubclass",
]

_PLAIN_VALUES = (str, int, float, bool, bytes, list, dict, set, tuple)


def get_function_dependencies(func: Callable[..., Any]) -> dict[str, Any]:
    """``{parameter: key}`` for each annotated (or ``Inject[T]``) parameter of ``func``."""
    try:
        params = params_of(func)
    except (TypeError, ValueError, AttributeError, NameError) as error:
        raise InjectionError(f"Failed to analyze dependencies for {func}: {error}") from error
    return {p.name: p.annotation for p in params if p.annotation is not None}


def get_class_constructor_dependencies(cls: type[Any]) -> dict[str, Any]:
    """:func:`get_function_dependencies` of the class's constructor."""
    return get_function_dependencies(cls)


def is_injectable_function(func: Callable[..., Any]) -> bool:
    """Whether ``func`` has a signature that can be read."""
    try:
        inspect.signature(func)
    except (TypeError, ValueError):
        return False
    return True


def is_injectable_class(cls: Any) -> bool:
    """A class with its own readable ``__init__`` (plain value types excluded)."""
    return (
        inspect.isclass(cls)
        and cls not in _PLAIN_VALUES
        and cls.__init__ is not object.__init__
        and is_injectable_function(cls.__init__)
    )


def safe_issubclass(obj: Any, class_or_tuple: Any) -> bool:
    """``issubclass`` that is False (not an error) for non-classes and unsupported checks."""
    try:
        return inspect.isclass(obj) and issubclass(obj, class_or_tuple)
    except TypeError:
        return False


class ThreadLocalStorage:
    """Named values per thread."""

    def __init__(self) -> None:
        self._storage = threading.local()

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self._storage, key, default)

    def set(self, key: str, value: Any) -> None:
        setattr(self._storage, key, value)

    def delete(self, key: str) -> None:
        if hasattr(self._storage, key):
            delattr(self._storage, key)

    def clear(self) -> None:
        self._storage.__dict__.clear()
