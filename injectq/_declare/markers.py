"""Annotation and default-value markers: ``Inject[T]``, ``Named``, ``Lazy[T]``, ``Current[T]``."""

from __future__ import annotations

import types
import typing
from _thread import allocate_lock  # threading.Lock, without importing threading
from collections.abc import Awaitable, Callable
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    Generic,
    Protocol,
    TypeVar,
    get_args,
    get_origin,
    overload,
)

from .._current import current_container
from .._graph.record import Record
from . import UNSET

__all__ = ["HANDLES", "UNSET", "Current", "Inject", "Lazy", "Named", "read_annotation"]

T = TypeVar("T")
_UNRESOLVED: Any = object()
_NONE = type(None)
_UNION_TYPES: tuple[Any, ...] = (typing.Union, types.UnionType)


class Named(Record):
    """Qualifier for ``Annotated[K, Named("base")]``: ask for the binding of K named "base"."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


class Lazy(Generic[T]):
    """A deferred dependency: ``get()`` resolves it on first use, then returns the same object.

    Annotate a parameter ``Lazy[K]`` to receive one. It breaks construction-time cycles and
    postpones expensive services until they are needed.
    """

    __slots__ = ("_getter", "_lock", "_value")

    def __init__(self, getter: Callable[[], T]) -> None:
        self._getter = getter
        self._value: T = _UNRESOLVED
        self._lock = allocate_lock()

    def get(self) -> T:
        """The dependency, resolved on the first call and then reused."""
        value = self._value
        if value is _UNRESOLVED:
            with self._lock:
                if self._value is _UNRESOLVED:
                    self._value = self._getter()
                value = self._value
        return value

    @property
    def resolved(self) -> bool:
        """Whether the dependency has been resolved yet."""
        return self._value is not _UNRESOLVED

    def __repr__(self) -> str:
        return f"Lazy({self._value!r})" if self.resolved else "Lazy(<unresolved>)"


class Current(Generic[T]):
    """A handle that resolves its key in the current scope on every ``get()``.

    Annotate a parameter ``Current[K]`` to receive one. Unlike ``Lazy[K]``, which resolves once
    and keeps the object, each ``get()`` (or ``await aget()``) asks the container again, so a
    singleton holding ``Current[UnitOfWork]`` sees each request's own unit of work.
    """

    __slots__ = ("_aget", "_get")

    def __init__(
        self, get: Callable[[], T], aget: Callable[[], Awaitable[T]] | None = None
    ) -> None:
        self._get = get
        self._aget = aget

    def get(self) -> T:
        """The key's instance for the scope that is current now."""
        return self._get()

    async def aget(self) -> T:
        """``get`` for async code: awaits async factories and resources."""
        if self._aget is None:
            return self._get()
        return await self._aget()

    def __repr__(self) -> str:
        return f"Current({self._get!r})"


HANDLES: tuple[type, ...] = (Lazy, Current)
"""The deferred handles a parameter may be annotated with: ``Lazy[K]`` and ``Current[K]``."""


class _InjectMeta(type):
    def __getitem__(cls, item: Any) -> Any:
        return cls(item)


class Inject(Generic[T], metaclass=_InjectMeta):
    """Default-value marker ``param: T = Inject[T]``.

    Under ``@inject`` the parameter is resolved eagerly. Without it, the default *is* this proxy: it
    resolves ``T`` from the current container on first use and then behaves like the instance.
    """

    def __init__(self, service_type: type[T] | Any) -> None:
        object.__setattr__(self, "_service_type", service_type)
        object.__setattr__(self, "_instance", _UNRESOLVED)

    def _resolve(self) -> Any:
        instance = object.__getattribute__(self, "_instance")
        if instance is _UNRESOLVED:
            instance = current_container().get(object.__getattribute__(self, "_service_type"))
            object.__setattr__(self, "_instance", instance)
        return instance

    def __getattr__(self, name: str) -> Any:
        return getattr(self._resolve(), name)

    @property  # type: ignore[misc]  # isinstance(proxy, T) reports the resolved type
    def __class__(self) -> type:
        try:
            return type(self._resolve())
        except Exception:
            return Inject

    def __bool__(self) -> bool:
        try:
            return bool(self._resolve())
        except Exception:
            return False

    def __repr__(self) -> str:
        service = object.__getattribute__(self, "_service_type")
        try:
            return repr(self._resolve())
        except Exception:
            return f"Inject({getattr(service, '__name__', service)!r})"

    def __hash__(self) -> int:
        return hash(self._resolve())

    def __eq__(self, other: object) -> bool:
        instance = object.__getattribute__(self, "_instance")
        if instance is _UNRESOLVED:
            return False
        return bool(instance == other)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._resolve()(*args, **kwargs)

    @property
    def service_type(self) -> Any:
        """The key this marker resolves."""
        return object.__getattribute__(self, "_service_type")


if TYPE_CHECKING:

    class InjectSpelling(Protocol):
        """How type checkers see ``injectq.Inject``: ``Inject[T]`` and ``Inject(T)`` are a ``T``.

        So ``service: Service = Inject[Service]`` type-checks as the default it stands for. An
        abstract class or a protocol gives that class; a string key gives ``Any``.
        """

        @overload
        def __getitem__(self, service_type: type[T]) -> T: ...
        @overload
        def __getitem__(self, service_type: Callable[..., T]) -> T: ...
        @overload
        def __getitem__(self, service_type: Any) -> Any: ...
        @overload
        def __call__(self, service_type: type[T]) -> T: ...
        @overload
        def __call__(self, service_type: Callable[..., T]) -> T: ...
        @overload
        def __call__(self, service_type: Any) -> Any: ...

    TypedInject: InjectSpelling
    """``Inject`` as exported to type checkers (``injectq.Inject`` is the class at run time)."""


def read_annotation(annotation: Any) -> tuple[Any, bool, type | None, str | None]:
    """Reduce an annotation to (key, optional, handle, qualifier name).

    ``Optional[X]`` and ``X | None`` give X; generics give their origin; ``Annotated`` keeps its
    ``Named`` qualifier; ``Lazy[X]`` and ``Current[X]`` give their handle class (else None).
    """
    optional = False
    lazy: type | None = None
    name: str | None = None
    for _ in range(8):
        origin = get_origin(annotation)
        if origin is Annotated:
            args = get_args(annotation)
            for extra in args[1:]:
                if isinstance(extra, Named):
                    name = extra.name
            annotation = args[0]
        elif origin in _UNION_TYPES:
            members = [a for a in get_args(annotation) if a is not _NONE]
            optional = optional or len(members) < len(get_args(annotation))
            if len(members) != 1:
                return annotation, optional, lazy, name
            annotation = members[0]
        elif origin is Lazy or origin is Current:
            lazy = origin
            annotation = get_args(annotation)[0]
        elif origin is not None:
            return origin, optional, lazy, name
        else:
            break
    return annotation, optional, lazy, name
