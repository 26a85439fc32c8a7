"""The current container, held in a ContextVar so nothing leaks between tasks or threads.

``@inject``, ``Inject[T]`` and the class decorators resolve against :func:`current_container`:
the container made current with ``ContainerContext.use(c)`` (or ``c.context()``), else the
process-wide default. The default is supplied by the container module through
:func:`set_default_source`, so this module depends on nothing else in the package.
"""

from __future__ import annotations

from contextvars import ContextVar

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (``import injectq`` does)
if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator
    from contextlib import AbstractAsyncContextManager, AbstractContextManager

    from ._runtime.container import InjectQ

__all__ = ["ContainerContext", "current", "current_container", "set_default_source"]

current: ContextVar[InjectQ | None] = ContextVar("injectq_current_container", default=None)
_default_source: list[Callable[[], InjectQ]] = []


def set_default_source(source: Callable[[], InjectQ]) -> None:
    """Install the function returning the process-wide container (``InjectQ.get_instance``)."""
    _default_source[:] = [source]


def current_container() -> InjectQ:
    """The container ``@inject`` and ``Inject[T]`` use: the current one, else the global one."""
    container = current.get()
    if container is not None:
        return container
    return _default_source[0]()


class ContainerContext:
    """Class-level API selecting the current container (0.5 names)."""

    @classmethod
    def get_current(cls) -> InjectQ | None:
        """The container made current in this context, if any."""
        return current.get()

    @classmethod
    def set_current(cls, container: InjectQ | None) -> None:
        """Make ``container`` current in this context (None: fall back to the global one)."""
        current.set(container)

    @classmethod
    def clear_current(cls) -> None:
        """Forget the current container of this context."""
        current.set(None)

    @classmethod
    def use(cls, container: InjectQ) -> AbstractContextManager[InjectQ]:
        """Make ``container`` current for the duration of the block."""
        return _managers()[0](container)

    @classmethod
    def use_async(cls, container: InjectQ) -> AbstractAsyncContextManager[InjectQ]:
        """``use`` for ``async with``."""
        return _managers()[1](container)


def _use(container: InjectQ) -> Iterator[InjectQ]:
    token = current.set(container)
    try:
        yield container
    finally:
        current.reset(token)


async def _use_async(container: InjectQ) -> AsyncIterator[InjectQ]:
    token = current.set(container)
    try:
        yield container
    finally:
        current.reset(token)


_Managers = tuple[
    "Callable[[InjectQ], AbstractContextManager[InjectQ]]",
    "Callable[[InjectQ], AbstractAsyncContextManager[InjectQ]]",
]
_made: list[_Managers] = []


def _managers() -> _Managers:
    """``contextmanager(_use)`` and ``asynccontextmanager(_use_async)``, made on first use:
    ``contextlib`` (and the ``collections`` and ``functools`` it imports) is not loaded by
    ``import injectq``."""
    if not _made:
        from contextlib import asynccontextmanager, contextmanager

        _made.append((contextmanager(_use), asynccontextmanager(_use_async)))
    return _made[0]
