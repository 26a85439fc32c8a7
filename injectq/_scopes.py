"""Scope state and cleanup: where scoped instances live and how resources are torn down.

A :class:`Cleanup` owner holds teardown callbacks in creation order and runs them in reverse. The
container, every scope block and every ambient store is one. Errors never skip the remaining
teardowns; they are raised together at the end.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from typing import Any, TypeVar

from ._errors import CleanupError, ScopeError

__all__ = ["Cleanup", "ScopeState"]

T = TypeVar("T")
_ExcInfo = tuple[type[BaseException] | None, BaseException | None, Any]
_NO_EXC: _ExcInfo = (None, None, None)


class Cleanup:
    """Teardown callbacks of one owner, run in reverse creation order."""

    __slots__ = ("_items", "label")

    def __init__(self, label: str) -> None:
        self.label = label
        # (is_async, exit callable taking exc info, description, tag)
        self._items: list[tuple[bool, Any, str, object]] = []

    def enter(self, cm: AbstractContextManager[T], what: str = "", tag: object = None) -> T:
        """Enter a sync context manager and register its exit."""
        value = cm.__enter__()
        self._items.append((False, cm.__exit__, what or repr(cm), tag))
        return value

    async def aenter(
        self, cm: AbstractAsyncContextManager[T], what: str = "", tag: object = None
    ) -> T:
        """Enter an async context manager and register its exit."""
        value = await cm.__aenter__()
        self._items.append((True, cm.__aexit__, what or repr(cm), tag))
        return value

    def callback(self, fn: Callable[[], object], what: str = "", tag: object = None) -> None:
        self._items.append((False, lambda *_exc: fn(), what or repr(fn), tag))

    def pending_async(self) -> list[str]:
        return [item[2] for item in self._items if item[0]]

    def release(self, tag: object) -> None:
        """Tear down the resources registered under ``tag`` now (a re-bound singleton)."""
        mine = [item for item in self._items if item[3] is not None and item[3] == tag]
        if not mine:
            return
        self._items = [item for item in self._items if item not in mine]
        errors: list[BaseException] = []
        for is_async, exit_fn, what, _ in reversed(mine):
            if is_async:
                errors.append(ScopeError(f"{what} is async; it is closed by 'await aclose()'"))
                self._items.append((is_async, exit_fn, what, None))
                continue
            try:
                exit_fn(*_NO_EXC)
            except Exception as error:
                errors.append(error)
        _raise_all(self.label, errors)

    def close(self, exc: BaseException | None = None) -> None:
        """Run every sync teardown; refuse (and keep everything) when an async one is pending."""
        waiting = self.pending_async()
        if waiting:
            raise ScopeError(
                f"{self.label} holds async resources ({', '.join(waiting)}) that a synchronous "
                "close cannot run; they stay registered: use 'await aclose()' or 'async with'"
            )
        errors: list[BaseException] = []
        info = _info(exc)
        while self._items:
            exit_fn = self._items.pop()[1]
            try:
                exit_fn(*info)
            except BaseException as error:
                errors.append(error)
        _raise_all(self.label, errors)

    async def aclose(self, exc: BaseException | None = None) -> None:
        """Run every teardown, sync and async, in reverse order."""
        errors: list[BaseException] = []
        info = _info(exc)
        while self._items:
            is_async, exit_fn = self._items.pop()[:2]
            try:
                if is_async:
                    await exit_fn(*info)
                else:
                    exit_fn(*info)
            except BaseException as error:
                errors.append(error)
        _raise_all(self.label, errors)


def _info(exc: BaseException | None) -> _ExcInfo:
    return _NO_EXC if exc is None else (type(exc), exc, exc.__traceback__)


def _raise_all(label: str, errors: list[BaseException]) -> None:
    if not errors:
        return
    if len(errors) == 1:
        raise errors[0]
    plain = [e for e in errors if isinstance(e, Exception)]
    if len(plain) != len(errors):  # a BaseException (cancellation, exit) wins over the group
        raise next(e for e in errors if not isinstance(e, Exception))
    raise CleanupError(f"{len(errors)} teardowns of {label} failed", plain)


class ScopeState(Cleanup):
    """The instances and resources of one scope block (or of an ambient store)."""

    __slots__ = ("cache", "closed", "lock", "name", "pending")

    def __init__(self, name: str, label: str) -> None:
        super().__init__(label)
        self.name = name
        self.cache: dict[object, object] = {}
        self.lock = threading.RLock()
        self.pending: dict[object, asyncio.Future[object]] = {}
        self.closed = False

    def get_or_create(self, key: object, create: Callable[[], T]) -> T:
        """Return the cached instance of ``key``, creating it once under the scope lock."""
        try:
            return self.cache[key]  # type: ignore[return-value]  # cache is keyed by plan
        except KeyError:
            pass
        with self.lock:
            if key in self.cache:
                return self.cache[key]  # type: ignore[return-value]  # cache is keyed by plan
            self._check_open()
            value = create()
            self.cache[key] = value
            return value

    async def aget_or_create(self, key: object, create: Callable[[], Awaitable[T]]) -> T:
        """Async twin of :meth:`get_or_create`: racing tasks share one creation."""
        try:
            return self.cache[key]  # type: ignore[return-value]  # cache is keyed by plan
        except KeyError:
            pass
        return await once(self.pending, self.cache, key, create, self._check_open)

    def _check_open(self) -> None:
        if self.closed:
            raise ScopeError(f"{self.label} is closed; enter a new scope block")

    def clear(self) -> None:
        self.cache.clear()
        self.close()

    def finish(self, exc: BaseException | None = None) -> None:
        self.closed = True
        self.cache.clear()
        self.close(exc)

    async def afinish(self, exc: BaseException | None = None) -> None:
        self.closed = True
        self.cache.clear()
        await self.aclose(exc)

    # What ``with container.scope(...) as s`` yields: the state itself, a read-only view.
    def __contains__(self, key: object) -> bool:
        return key in self.cache

    def __iter__(self) -> Iterator[object]:
        return iter(list(self.cache))

    def __repr__(self) -> str:
        closed = " closed" if self.closed else ""
        return f"<scope {self.name!r}: {len(self.cache)} instance(s){closed}>"


async def once(
    pending: dict[object, asyncio.Future[Any]],
    cache: dict[object, Any],
    key: object,
    create: Callable[[], Awaitable[T]],
    check: Callable[[], None] | None = None,
) -> T:
    """Create ``cache[key]`` exactly once; concurrent callers await the first creation."""
    future = pending.get(key)
    if future is not None:
        return await asyncio.shield(future)
    if key in cache:
        return cache[key]  # type: ignore[no-any-return]  # cache of T
    if check is not None:
        check()
    future = asyncio.get_running_loop().create_future()
    pending[key] = future
    try:
        value = await create()
    except BaseException as error:
        if isinstance(error, asyncio.CancelledError):
            future.cancel()
        else:
            future.set_exception(error)
            future.exception()  # mark retrieved: waiters re-raise, nobody logs it twice
        raise
    finally:
        pending.pop(key, None)
    cache[key] = value
    future.set_result(value)
    return value
