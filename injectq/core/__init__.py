"""0.5's ``injectq.core`` import path: the container, scopes and the small concurrency helpers."""

from __future__ import annotations

import asyncio
import functools
import threading
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any, TypeVar

from .._current import ContainerContext
from .._declare.types import Scope, ScopeType
from .._runtime.container import InjectQ

__all__ = [
    "AsyncSafeCounter",
    "ContainerContext",
    "HybridLock",
    "InjectQ",
    "Scope",
    "ScopeType",
    "ThreadSafeDict",
    "thread_safe",
]

F = TypeVar("F", bound=Callable[..., Any])
K = TypeVar("K")
V = TypeVar("V")


class HybridLock:
    """A re-entrant lock usable with ``with`` in threads and ``async with`` in tasks."""

    def __init__(self) -> None:
        self._lock = threading.RLock()

    def __enter__(self) -> HybridLock:
        self._lock.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self._lock.release()

    async def __aenter__(self) -> HybridLock:
        while not self._lock.acquire(blocking=False):
            await asyncio.sleep(0)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._lock.release()


class ThreadSafeDict(MutableMapping[K, V]):
    """A dict whose operations hold a lock."""

    def __init__(self) -> None:
        self._data: dict[K, V] = {}
        self._lock = threading.RLock()

    def __getitem__(self, key: K) -> V:
        with self._lock:
            return self._data[key]

    def __setitem__(self, key: K, value: V) -> None:
        with self._lock:
            self._data[key] = value

    def __delitem__(self, key: K) -> None:
        with self._lock:
            del self._data[key]

    def __iter__(self) -> Iterator[K]:
        with self._lock:
            return iter(list(self._data))

    def __len__(self) -> int:
        return len(self._data)


class AsyncSafeCounter:
    """A counter safe to change from threads and tasks."""

    def __init__(self, value: int = 0) -> None:
        self._value = value
        self._lock = threading.Lock()

    def increment(self, by: int = 1) -> int:
        """Add ``by``; return the new value."""
        with self._lock:
            self._value += by
            return self._value

    def decrement(self, by: int = 1) -> int:
        """Subtract ``by``; return the new value."""
        return self.increment(-by)

    @property
    def value(self) -> int:
        """The current value."""
        return self._value


def thread_safe(func: F) -> F:
    """Serialise calls of ``func`` with one lock."""
    lock = threading.RLock()

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with lock:
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]  # same signature as func
