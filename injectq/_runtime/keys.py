"""Runtime keys: the live object a binding is registered under, plus an optional name."""

from __future__ import annotations

from .._errors import BindingError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from typing import Any, TypeVar
    from weakref import ref

    from .._graph.model import Key

    T = TypeVar("T")
    _Pair = tuple[Any, str]
else:
    _Pair = tuple


__all__ = [
    "ContainerType",
    "NamedKey",
    "graph_key",
    "is_container_type",
    "live",
    "runtime_key",
    "short_name",
    "show",
    "split",
    "unusable_key",
]


class NamedKey(_Pair):
    """``(key, name)`` for a qualified binding such as ``bind(Repo, Impl, name="base")``."""

    __slots__ = ()

    def __new__(cls, key: Any, name: str) -> NamedKey:
        return tuple.__new__(cls, (key, name))

    def __repr__(self) -> str:
        return f"{show(self[0])}[name={self[1]!r}]"

    __str__ = __repr__


def runtime_key(key: Any, name: str | None) -> Any:
    """The key a binding is stored under: the object itself, or a :class:`NamedKey`."""
    return key if name is None else NamedKey(key, name)


def unusable_key(key: Any, name: Any = None) -> BindingError | None:
    """The error for a key that cannot be one (unhashable, or a name that is not a string)."""
    if name is not None and not isinstance(name, str):
        return BindingError(f"a binding name must be a string, got {name!r} for {show(key)}")
    try:
        hash(key)
    except TypeError:
        return BindingError(
            f"{key!r} ({type(key).__name__}) cannot be a key: use a class, a string or another "
            "hashable annotation"
        )
    return None


def split(rk: Any) -> tuple[Any, str | None]:
    """``(key, name)`` of a runtime key (name None when unqualified)."""
    if type(rk) is NamedKey:
        return rk[0], rk[1]
    return rk, None


def graph_key(rk: Any) -> Key:
    """The graph model's :class:`Key` of a runtime key."""
    from .._graph.model import Key  # plans and messages only: get() never builds one

    key, name = split(rk)
    return Key.of(key, name)


def short_name(obj: Any) -> str:
    """The qualified name without the ``<locals>`` of enclosing functions."""
    qual = str(getattr(obj, "__qualname__", None) or getattr(obj, "__name__", repr(obj)))
    return qual.rsplit("<locals>.", 1)[-1]


def show(rk: Any) -> str:
    """A short, readable rendering of a key for messages."""
    if type(rk) is NamedKey:
        return repr(rk)
    if isinstance(rk, type):
        return short_name(rk)
    if isinstance(rk, str):
        return repr(rk)
    return repr(rk)


class ContainerType:
    """Marker base of the container classes (``InjectQ`` and every generated container)."""

    __slots__ = ()


def is_container_type(key: Any) -> bool:
    """Whether a key names the container itself (``InjectQ`` or a generated container class).

    A parameter so typed receives the container that is resolving it (0.5 built a new, empty
    one); ``get(InjectQ)`` is not auto-built either.
    """
    return isinstance(key, type) and issubclass(key, ContainerType)


def live(part_of: ref[T]) -> T:
    """The object behind a part's weak reference to its container (alive while it is used).

    A container's parts refer back to it weakly, so a container nobody holds is freed at once
    instead of waiting for the cyclic garbage collector.
    """
    found = part_of()
    if found is None:  # pragma: no cover - parts are reached only through their container
        raise ReferenceError("the container of this part was garbage-collected")
    return found
