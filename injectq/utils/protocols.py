"""0.5's ``injectq.utils.protocols``: the typing protocols (defined in ``injectq._types``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar, Union

from .._declare.types import (
    AsyncFactory,
    AsyncProvider,
    AsyncResourceProvider,
    Configurable,
    Factory,
    Injectable,
    Provider,
    Resolvable,
    ResourceProvider,
    ScopeAware,
)

__all__ = [
    "AnyFactory",
    "AnyProvider",
    "AnyResourceProvider",
    "AsyncFactory",
    "AsyncInjectableCallable",
    "AsyncProvider",
    "AsyncResourceProvider",
    "Configurable",
    "Factory",
    "Injectable",
    "InjectableAsyncFunction",
    "InjectableCallable",
    "InjectableFunction",
    "Provider",
    "Resolvable",
    "ResourceProvider",
    "ScopeAware",
]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class InjectableFunction(Protocol[T_co]):
    """A function whose parameters are injected."""

    def __call__(self, *args: object, **kwargs: object) -> T_co: ...


class InjectableAsyncFunction(Protocol[T_co]):
    """An async function whose parameters are injected."""

    async def __call__(self, *args: object, **kwargs: object) -> T_co: ...


# Unions spelled with Union: these aliases are evaluated at run time on Python 3.10 too.
InjectableCallable = Union[Callable[..., T], InjectableFunction[T]]  # noqa: UP007
AsyncInjectableCallable = Union[Callable[..., T], InjectableAsyncFunction[T]]  # noqa: UP007
AnyProvider = Union[Provider[T], AsyncProvider[T]]  # noqa: UP007
AnyFactory = Union[Factory[T], AsyncFactory[T]]  # noqa: UP007
AnyResourceProvider = Union[ResourceProvider[T], AsyncResourceProvider[T]]  # noqa: UP007
