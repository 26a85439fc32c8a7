"""Locks that a forked child can use: a lock held by a parent's thread is free in the child.

A thread of the parent may hold a lock at the moment of ``fork``; in the child that thread does
not exist, so the lock would never be released. ``os.register_at_fork`` starts a new *fork
generation* in the child, and a :class:`ForkSafeLock` from an older generation takes a new,
unheld ``RLock`` the first time it is entered there (nothing is registered per lock: containers
make one per singleton key). Async creations in progress in the parent are
forgotten in the child too (see :func:`forget_in_child`).
"""

from __future__ import annotations

import os
from _thread import RLock
from _thread import allocate_lock as Lock  # threading.Lock, without importing threading
from _weakref import ref  # weakref.ref, without the weakref module (and _weakrefset, types)

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from types import TracebackType
    from typing import Any, Protocol
else:
    Protocol = object  # ForkAware is a type checkers' protocol only

__all__ = ["ForkAware", "ForkSafeLock", "forget_in_child"]


class _Fork:
    """The current fork generation, and the lock under which a lock renews itself."""

    generation = 0
    renewing = Lock()


class ForkSafeLock:
    """A re-entrant lock that is free again in a forked child."""

    __slots__ = ("_generation", "_lock")

    def __init__(self) -> None:
        self._lock: Any = RLock()
        self._generation = _Fork.generation

    def __enter__(self) -> bool:
        lock = self._lock
        if self._generation != _Fork.generation:  # made before a fork: may be held for ever
            lock = self._renew()
        return lock.acquire()  # type: ignore[no-any-return]  # an RLock's acquire

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # RuntimeError: entered before a fork and renewed inside it in the child (not held)
        try:  # noqa: SIM105  # not contextlib.suppress: nothing here imports contextlib
            self._lock.release()
        except RuntimeError:
            pass

    def _renew(self) -> Any:
        """The lock of this fork generation (one per generation, whichever thread asks first)."""
        with _Fork.renewing:
            if self._generation != _Fork.generation:
                self._lock = RLock()
                self._generation = _Fork.generation
            return self._lock


class ForkAware(Protocol):
    """An object with state to forget in a forked child."""

    def after_fork(self) -> None:
        """Forget what threads of the parent were doing."""


class WeakMembers:
    """The objects added and still alive (a ``weakref.WeakSet`` for this package's registries,
    without importing ``weakref``, ``_weakrefset`` and ``types`` at start-up)."""

    __slots__ = ("_refs",)

    def __init__(self) -> None:
        self._refs: dict[int, ref[Any]] = {}

    def add(self, member: Any) -> None:
        """Hold ``member`` weakly, until it is freed."""
        refs, key = self._refs, id(member)
        refs[key] = ref(member, lambda _: refs.pop(key, None))  # runs before the id is reused

    def alive(self) -> list[Any]:
        """The members not freed yet."""
        found = (held() for held in list(self._refs.values()))
        return [member for member in found if member is not None]


_AWARE = WeakMembers()


def forget_in_child(owner: ForkAware) -> None:
    """Call ``owner.after_fork()`` in a forked child, as long as ``owner`` lives."""
    _AWARE.add(owner)


def _in_child() -> None:
    _Fork.renewing = Lock()
    _Fork.generation += 1
    for owner in _AWARE.alive():
        owner.after_fork()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_in_child)
