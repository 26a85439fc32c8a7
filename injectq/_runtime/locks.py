"""Locks that a forked child can use: every one is replaced by a fresh lock in the child.

A thread of the parent may hold a lock at the moment of ``fork``; in the child that thread does
not exist, so the lock would never be released. Each :class:`ForkSafeLock` is registered, and
``os.register_at_fork`` gives every registered lock a new, unheld ``RLock`` in the child. Async
creations in progress in the parent (:class:`Stores` forgets them) are forgotten too.
"""

from __future__ import annotations

import os
import threading
import weakref
from types import TracebackType
from typing import Any, Protocol

__all__ = ["ForkAware", "ForkSafeLock", "forget_in_child"]

_LOCKS: weakref.WeakSet[ForkSafeLock] = weakref.WeakSet()


class ForkSafeLock:
    """A re-entrant lock that is free again in a forked child."""

    __slots__ = ("__weakref__", "_lock", "acquire", "release")

    def __init__(self) -> None:
        self._fresh()
        _LOCKS.add(self)

    def _fresh(self) -> None:
        lock = threading.RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


class ForkAware(Protocol):
    """An object with state to forget in a forked child."""

    def after_fork(self) -> None:
        """Forget what threads of the parent were doing."""


_AWARE: weakref.WeakSet[Any] = weakref.WeakSet()


def forget_in_child(owner: ForkAware) -> None:
    """Call ``owner.after_fork()`` in a forked child, as long as ``owner`` lives."""
    _AWARE.add(owner)


def _in_child() -> None:
    for lock in list(_LOCKS):
        lock._fresh()
    for owner in list(_AWARE):
        owner.after_fork()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_in_child)
