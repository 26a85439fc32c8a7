"""The current container, held in a ContextVar so nothing leaks between tasks or threads."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._container import InjectQ

__all__ = ["ContainerContext", "current_container"]

_current: ContextVar[InjectQ | None] = ContextVar("injectq_current_container", default=None)


def current_container() -> InjectQ:
    """The container ``@inject`` and ``Inject[T]`` use: the current one, else the global one."""
    container = _current.get()
    if container is not None:
        return container
    from ._container import InjectQ

    return InjectQ.get_instance()


class ContainerContext:
    """Class-level API selecting the current container (0.5 names)."""

    @classmethod
    def get_current(cls) -> InjectQ | None:
        return _current.get()

    @classmethod
    def set_current(cls, container: InjectQ | None) -> None:
        _current.set(container)

    @classmethod
    def clear_current(cls) -> None:
        _current.set(None)

    @classmethod
    @contextmanager
    def use(cls, container: InjectQ) -> Iterator[InjectQ]:
        token = _current.set(container)
        try:
            yield container
        finally:
            _current.reset(token)

    @classmethod
    @asynccontextmanager
    async def use_async(cls, container: InjectQ) -> AsyncIterator[InjectQ]:
        token = _current.set(container)
        try:
            yield container
        finally:
            _current.reset(token)
