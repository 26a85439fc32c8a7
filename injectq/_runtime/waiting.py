"""Creations in progress: concurrent tasks needing one value await the first creation.

Async singletons (:func:`once`) and async scoped resources (:func:`wait_for`, with the block's
``pending()`` table) are created exactly once however many tasks race for them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import asyncio

__all__ = ["Waiting", "once", "wait_for"]

T = TypeVar("T")


class Waiting:
    """A creation in progress; tasks that need the same value wait for it.

    The future is made only when a second task actually waits, so the common case (nobody
    races) costs one small object.
    """

    __slots__ = ("future",)

    def __init__(self) -> None:
        self.future: asyncio.Future[Any] | None = None

    async def wait(self) -> Any:
        """The value, once the creator is done (or its error)."""
        future = self.future
        if future is None:
            future = self.future = _asyncio().get_running_loop().create_future()
        return await _asyncio().shield(future)

    def done(self, value: Any) -> None:
        """Hand ``value`` to the waiting tasks."""
        future = self.future
        if future is not None and not future.done():
            future.set_result(value)

    def fail(self, error: BaseException) -> None:
        """Hand ``error`` to the waiting tasks (cancellation cancels them)."""
        future = self.future
        if future is None or future.done():
            return
        if isinstance(error, _asyncio().CancelledError):
            future.cancel()
        else:
            future.set_exception(error)
            future.exception()  # mark retrieved: waiters re-raise, nobody logs it twice


def _asyncio() -> Any:
    """asyncio, imported when an async creation is first awaited (not at ``import injectq``)."""
    import asyncio

    return asyncio


async def wait_for(pending: dict[Any, Waiting | None], key: Any) -> Any:
    """Wait for the creation of ``key`` another task has in progress.

    The creator registers ``None`` and makes no :class:`Waiting` of its own; the first task to
    wait makes it, and the creator settles it (if there is one) when it is done.
    """
    waiting = pending[key]
    if waiting is None:
        waiting = pending[key] = Waiting()
    return await waiting.wait()


async def once(
    pending: dict[Any, Any],
    cache: dict[Any, Any],
    key: Any,
    create: Callable[[], Awaitable[T]],
) -> T:
    """Create ``cache[key]`` exactly once; concurrent callers await the first creation."""
    waiting = pending.get(key)
    if waiting is not None:
        return await waiting.wait()  # type: ignore[no-any-return]  # the value of T
    if key in cache:
        return cache[key]  # type: ignore[no-any-return]  # the cache holds T for key
    waiting = pending[key] = Waiting()
    try:
        value = await create()
    except BaseException as error:
        del pending[key]
        waiting.fail(error)
        raise
    del pending[key]
    cache[key] = value
    waiting.done(value)
    return value
