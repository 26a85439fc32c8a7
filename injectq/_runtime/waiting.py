"""Creations in progress: concurrent tasks needing one value await the first creation.

Async singletons (:func:`once`) and async scoped resources (:func:`wait_for`, with the block's
``pending()`` table) are created exactly once however many tasks race for them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import asyncio

__all__ = ["RETRY", "Waiting", "once", "wait_for"]

T = TypeVar("T")


RETRY: Any = type("Retry", (), {"__repr__": lambda self: "RETRY"})()
"""What a waiter gets when the creation it waited for was cancelled: it tries again itself."""


class Waiting:
    """A creation in progress; tasks that need the same value wait for it.

    Waiters may run on other event loops (other threads): each gets a future of its own loop,
    settled thread-safely. A cancelled creation cancels nobody else: its waiters get
    :data:`RETRY` and make a fresh attempt.
    """

    __slots__ = ("futures", "outcome")

    def __init__(self) -> None:
        self.futures: list[tuple[Any, asyncio.Future[Any]]] = []
        self.outcome: tuple[bool, Any] | None = None  # (succeeded, value or error), once settled

    async def wait(self) -> Any:
        """The value, once the creator is done (its error; RETRY if it was cancelled)."""
        outcome = self.outcome
        if outcome is None:
            aio = _asyncio()
            loop = aio.get_running_loop()
            future = loop.create_future()
            self.futures.append((loop, future))
            outcome = self.outcome  # settled meanwhile (another thread): the future may be late
            if outcome is None:
                outcome = await aio.shield(future)
        succeeded, value = outcome
        if succeeded:
            return value
        raise value

    def done(self, value: Any) -> None:
        """Hand ``value`` to the waiting tasks."""
        self._settle((True, value))

    def fail(self, error: BaseException) -> None:
        """Hand ``error`` to the waiting tasks (a cancellation makes them try again)."""
        if isinstance(error, _asyncio().CancelledError):
            self._settle((True, RETRY))
        else:
            self._settle((False, error))

    def _settle(self, outcome: tuple[bool, Any]) -> None:
        self.outcome = outcome  # first: a waiter arriving from now on reads it directly
        try:
            here = _asyncio().get_running_loop()
        except RuntimeError:
            here = None
        for loop, future in list(self.futures):
            if loop is here:
                _deliver(future, outcome)
            else:
                with contextlib.suppress(RuntimeError):  # a closed loop: nobody waits there
                    loop.call_soon_threadsafe(_deliver, future, outcome)


def _deliver(future: asyncio.Future[Any], outcome: tuple[bool, Any]) -> None:
    if not future.done():
        future.set_result(outcome)


def _asyncio() -> Any:
    """asyncio, imported when an async creation is first awaited (not at ``import injectq``)."""
    import asyncio

    return asyncio


async def wait_for(
    pending: dict[Any, Waiting | None],
    key: Any,
    again: Callable[[], Awaitable[Any]] | None = None,
) -> Any:
    """Wait for the creation of ``key`` another task has in progress.

    The creator registers ``None`` and makes no :class:`Waiting` of its own; the first task to
    wait makes it, and the creator settles it (if there is one) when it is done. If that
    creation is cancelled, ``again()`` makes a fresh attempt (without it, the wait is cancelled).
    """
    waiting = pending[key]
    if waiting is None:
        waiting = pending[key] = Waiting()
    value = await waiting.wait()
    if value is RETRY:
        if again is None:
            raise _asyncio().CancelledError()
        return await again()
    return value


async def once(
    pending: dict[Any, Any],
    cache: dict[Any, Any],
    key: Any,
    create: Callable[[], Awaitable[T]],
) -> T:
    """Create ``cache[key]`` exactly once; concurrent callers (any task, thread or event loop)
    await the first creation, and try again themselves if it is cancelled."""
    while True:
        if key in cache:
            return cache[key]  # type: ignore[no-any-return]  # the cache holds T for key
        waiting = pending.get(key)
        if waiting is None:
            mine = Waiting()
            waiting = pending.setdefault(key, mine)  # one creator, whichever thread wins
            if waiting is mine:
                break
        value = await waiting.wait()
        if value is not RETRY:
            return value  # type: ignore[no-any-return]  # the value of T
    try:
        value = await create()
    except BaseException as error:
        pending.pop(key, None)
        waiting.fail(error)
        raise
    cache[key] = value
    pending.pop(key, None)
    waiting.done(value)
    return value
