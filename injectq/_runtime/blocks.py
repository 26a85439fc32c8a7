"""Scope blocks and cleanup: where scoped instances live and how resources are torn down.

A :class:`Cleanup` owner holds resources in creation order and tears them down in reverse. The
container, every scope block and every ambient store is one. Errors never skip the remaining
teardowns; they are raised together at the end.

Generator resources are driven directly (``next`` to open, ``next``/``throw`` to close), with the
semantics of ``contextlib.contextmanager`` but without building a wrapper per instance.

This module is on the hot path (entering and leaving a block, registering a resource): mypyc
compiles it into the accelerator (see :mod:`injectq._runtime.accel`), and it is the pure-Python
implementation too. :mod:`injectq._runtime.scopes` is where the rest of the package imports it
from.
"""

from __future__ import annotations

from .._errors import CleanupError, ResourceError, ScopeError
from .accel import mypyc_attr

TYPE_CHECKING = False  # (mypy reads it as True) the hints below cost no import at run time
if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator
    from contextlib import AbstractAsyncContextManager, AbstractContextManager
    from contextvars import ContextVar, Token
    from types import TracebackType
    from typing import Any, Final, NoReturn, TypeVar

    from typing_extensions import Self

    from .waiting import Waiting

    T = TypeVar("T")

__all__ = [
    "AGEN",
    "GEN",
    "MISSING",
    "Block",
    "Cleanup",
    "active",
    "discard",
    "no_value",
    "open_cm",
    "open_gen",
]

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()

# What an item holds, by kind: a context manager's __exit__, an async one's __aexit__, a
# generator or an async generator.
_CM: Final = 0
_ACM: Final = 1
_GEN: Final = 2
_AGEN: Final = 3
AGEN: Final = _AGEN  # for compiled resolvers and generated code that enter async generators inline
GEN: Final = _GEN  # and generators
_ASYNC_KINDS: Final = (_ACM, _AGEN)


@mypyc_attr(allow_interpreted_subclasses=True)
class Cleanup:
    """Resources of one owner, torn down in reverse creation order."""

    __slots__ = ("_items", "closed", "label")

    def __init__(self, label: str) -> None:
        self.label = label
        self.closed = False  # ended (a block), or being torn down (the container)
        # (kind, object, description, tag)
        self._items: list[tuple[int, Any, str, object]] = []

    def describe(self) -> str:
        """How messages name this owner."""
        return self.label

    # -- registering ----------------------------------------------------------------------------
    def enter(self, cm: AbstractContextManager[T], what: str = "", tag: object = None) -> T:
        """Enter a sync context manager and register its exit."""
        value, item = open_cm(cm, what, tag)
        self.admit(item)
        return value

    async def aenter(
        self, cm: AbstractAsyncContextManager[T], what: str = "", tag: object = None
    ) -> T:
        """Enter an async context manager and register its exit."""
        value = await cm.__aenter__()
        await self.aadmit((_ACM, cm.__aexit__, what, tag))
        return value

    def enter_gen(self, gen: Iterator[T], what: str = "", tag: object = None) -> T:
        """Run a generator resource up to its ``yield``; the rest runs at teardown."""
        value, item = open_gen(gen, what, tag)
        self.admit(item)
        return value

    async def aenter_agen(self, agen: AsyncIterator[T], what: str = "", tag: object = None) -> T:
        """Run an async-generator resource up to its ``yield``."""
        value = await anext(agen, MISSING)
        if value is MISSING:
            no_value(agen, what)
        await self.aadmit((_AGEN, agen, what, tag))
        return value

    def admit(self, item: tuple[int, Any, str, object]) -> None:
        """Register an opened resource; if this owner ended while it was opening, close it now
        and raise (the owner's teardown never saw it)."""
        self._items.append(item)
        if self.closed:
            if self._take_back(item):
                _exit(item, None)
            self._ended(item)

    async def aadmit(self, item: tuple[int, Any, str, object]) -> None:
        """:meth:`admit` for async code: an async resource is closed by awaiting it."""
        self._items.append(item)
        if self.closed:
            await self.refuse(item)

    async def refuse(self, item: tuple[int, Any, str, object]) -> NoReturn:
        """Close ``item`` (already appended) because this owner has ended, and raise."""
        if self._take_back(item):
            if item[0] in _ASYNC_KINDS:
                await _aexit(item, None)
            else:
                _exit(item, None)
        self._ended(item)

    def _take_back(self, item: tuple[int, Any, str, object]) -> bool:
        """Remove ``item``; False when the owner's own teardown already took it."""
        try:
            self._items.remove(item)
        except ValueError:
            return False
        return True

    def _ended(self, item: tuple[int, Any, str, object]) -> NoReturn:
        raise ScopeError(
            f"{self.describe()} ended while {item[2] or 'a resource'} was being opened for it; "
            "the resource has been closed"
        )

    def pending_async(self) -> list[str]:
        """Descriptions of the async resources still held."""
        return [item[2] or repr(item[1]) for item in self._items if item[0] in _ASYNC_KINDS]

    # -- tearing down ---------------------------------------------------------------------------
    def release(self, tag: object) -> None:
        """Tear down the resources registered under ``tag`` now (a re-bound singleton)."""
        mine = [item for item in self._items if item[3] is not None and item[3] == tag]
        if not mine:
            return
        self._items = [item for item in self._items if item not in mine]
        errors: list[BaseException] = []
        for item in mine[::-1]:
            if item[0] in _ASYNC_KINDS:
                errors.append(ScopeError(f"{item[2]} is async; it is closed by 'await aclose()'"))
                self._items.append((item[0], item[1], item[2], None))
                continue
            try:
                _exit(item, None)
            except Exception as error:
                errors.append(error)
        if errors:
            _raise_all(self.describe(), errors)

    def close(self, exc: BaseException | None = None) -> None:
        """Tear down every sync resource; refuse (keeping everything) if an async one is held."""
        items = self._items
        if not items:
            return
        for item in items:
            if item[0] in _ASYNC_KINDS:
                raise ScopeError(
                    f"{self.describe()} holds async resources "
                    f"({', '.join(self.pending_async())}) that a synchronous close cannot run; "
                    "they stay registered: use 'await aclose()' or 'async with'"
                )
        errors: list[BaseException] = []
        while items:
            try:
                _exit(items.pop(), exc)
            except BaseException as error:  # every teardown runs, whatever the others raise
                if error is not exc:
                    errors.append(error)
        if errors:
            _raise_all(self.describe(), errors)

    async def aclose(self, exc: BaseException | None = None) -> None:
        """Tear down every resource, sync and async, in reverse order."""
        items = self._items
        errors: list[BaseException] = []
        while items:
            item = items.pop()
            try:
                if item[0] == _AGEN and exc is None:  # the common case, without a coroutine
                    if await anext(item[1], MISSING) is not MISSING:
                        what = item[2] or item[1]
                        raise ResourceError(f"resource {what!r} yielded more than once")
                elif item[0] in _ASYNC_KINDS:
                    await _aexit(item, exc)
                else:
                    _exit(item, exc)
            except BaseException as error:  # every teardown runs, whatever the others raise
                if error is not exc:
                    errors.append(error)
        if errors:
            _raise_all(self.describe(), errors)


def no_value(resource: object, what: str) -> NoReturn:
    """A generator resource stopped before its ``yield``: the one error for it."""
    raise ResourceError(f"resource {what or resource!r} did not yield a value")


def open_gen(
    gen: Iterator[T], what: str, tag: object = None
) -> tuple[T, tuple[int, Any, str, object]]:
    """Run a generator resource up to its ``yield``: its value and its teardown item, which
    the caller registers (or discards when another thread's resource was kept instead)."""
    value = next(gen, MISSING)
    if value is MISSING:
        no_value(gen, what)
    return value, (_GEN, gen, what, tag)


def open_cm(
    cm: AbstractContextManager[T], what: str, tag: object = None
) -> tuple[T, tuple[int, Any, str, object]]:
    """Enter a context-manager resource: its value and its teardown item (see open_gen)."""
    return cm.__enter__(), (_CM, cm.__exit__, what, tag)


def discard(item: tuple[int, Any, str, object]) -> None:
    """Tear down a resource entered inline that lost a race: its block kept another one."""
    _exit(item, None)


def _exit(item: tuple[int, Any, str, object], exc: BaseException | None) -> None:
    kind, obj = item[0], item[1]
    if kind == _GEN:
        if exc is None:
            if next(obj, MISSING) is MISSING:
                return
            raise ResourceError(f"resource {item[2] or obj!r} yielded more than once")
        try:
            obj.throw(exc)
        except StopIteration:
            return
        raise ResourceError(f"resource {item[2] or obj!r} did not stop after an exception")
    if exc is None:  # a context manager's __exit__
        obj(None, None, None)
    else:
        obj(type(exc), exc, exc.__traceback__)


async def _aexit(item: tuple[int, Any, str, object], exc: BaseException | None) -> None:
    kind, obj = item[0], item[1]
    if kind == _AGEN:
        if exc is None:
            if await anext(obj, MISSING) is MISSING:
                return
            raise ResourceError(f"resource {item[2] or obj!r} yielded more than once")
        try:
            await obj.athrow(exc)
        except StopAsyncIteration:
            return
        raise ResourceError(f"resource {item[2] or obj!r} did not stop after an exception")
    if exc is None:
        await obj(None, None, None)
    else:
        await obj(type(exc), exc, exc.__traceback__)


def _raise_all(label: str, errors: list[BaseException]) -> None:
    if not errors:
        return
    if len(errors) == 1:
        raise errors[0]
    plain = [e for e in errors if isinstance(e, Exception)]
    if len(plain) != len(errors):  # a BaseException (cancellation, exit) wins over the group
        raise next(e for e in errors if not isinstance(e, Exception))
    raise CleanupError(f"{len(errors)} teardowns of {label} failed", plain)


@mypyc_attr(allow_interpreted_subclasses=True)
class Block(Cleanup):
    """The instances and resources of one scope block (or of an ambient store).

    ``with container.scope(...) as state`` yields it: ``key in state`` tells whether the block
    created an instance of ``key``. ``layers`` holds what override layers built for this block
    (by layer; see ``overrides``): the block refers to the layers, never the other way round, so
    a long-lived override keeps no block alive.
    """

    __slots__ = ("_pending", "_token", "_var", "cache", "layers", "name", "parent")

    def __init__(self, name: str, label: str = "", var: ContextVar[Any] | None = None) -> None:
        self.label = label  # empty: "'<name>' scope block", rendered only for messages
        self._items = []
        self.name = name
        self.cache: dict[Any, Any] = {}
        self.closed = False
        self._pending: dict[Any, Waiting | None] | None = None
        self._var = var
        self._token: Token[Any] | None = None
        self.parent: Block | None = None
        self.layers: dict[Any, dict[Any, Any]] | None = None

    # -- the block: ``with container.scope(name) as state`` --------------------------------------
    def __enter__(self) -> Self:
        var = self._var
        if var is None or self._token is not None or self.closed:
            raise ScopeError(f"{self.describe()} cannot be entered (again)")
        self.parent = var.get()
        self._token = var.set(self)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._leave()
        items = self._items
        if items:
            if exc is None and len(items) == 1 and items[0][0] == _GEN:  # the common request
                item = items.pop()
                if next(item[1], MISSING) is not MISSING:
                    raise ResourceError(f"resource {item[2] or item[1]!r} yielded more than once")
            else:
                self.close(exc)

    async def __aenter__(self) -> Self:
        return self.__enter__()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._leave()
        items = self._items
        if items:
            if exc is None and len(items) == 1 and items[0][0] == _AGEN:  # the common request
                item = items.pop()
                if await anext(item[1], MISSING) is not MISSING:
                    raise ResourceError(f"resource {item[2] or item[1]!r} yielded more than once")
            else:
                await self.aclose(exc)

    def _leave(self) -> None:
        """Restore the context the block was entered from, close it and drop its instances."""
        token, var = self._token, self._var
        if token is not None and var is not None:
            self._token = None
            try:
                var.reset(token)
            except ValueError:  # left from another context than the one that entered
                if var.get() is self:  # that context sees this block: it sees its parent now
                    var.set(self.parent)  # (any other block current there stays current)
        self.closed = True
        self.cache.clear()
        if self.layers is not None:
            self.layers = None  # instances built under overrides go with the block's own

    def keep_gen(self, key: object, gen: Iterator[T], what: str) -> T:
        """Open generator resource ``gen`` for ``key`` in this block and publish its value: the
        value the block keeps (when another thread's won the race, that one; ours is closed)."""
        if self.closed:
            self.check_open()
        value = next(gen, MISSING)
        if value is MISSING:
            no_value(gen, what)
        return self._keep(key, value, (_GEN, gen, what, None))

    def keep_cm(self, key: object, cm: AbstractContextManager[T], what: str) -> T:
        """:meth:`keep_gen` for a context-manager resource."""
        if self.closed:
            self.check_open()
        value = cm.__enter__()
        return self._keep(key, value, (_CM, cm.__exit__, what, None))

    def _keep(self, key: object, value: T, item: tuple[int, Any, str, object]) -> T:
        kept: T = self.cache.setdefault(key, value)
        if kept is value:
            self.admit(item)  # closed at once (and an error) if the block ended meanwhile
            return value
        _exit(item, None)  # another thread entered this block's first: keep that one
        return kept

    def claim(self, key: object) -> bool:
        """Begin creating ``key``'s awaited value in this block: False when another task is
        creating it (wait for that one: ``wait_for(state.pending(), ...)``); ScopeError when
        the block is closed. The creator ends with :meth:`created` or :meth:`not_created`."""
        pending = self._pending
        if pending is None:
            pending = self._pending = {}
        elif key in pending:
            return False
        if self.closed:
            self.check_open()
        pending[key] = None  # a Waiting is made only if another task waits
        return True

    def created(self, key: object, value: object) -> None:
        """Publish the value created for ``key`` (claimed) and hand it to the waiting tasks."""
        waiting = self.pending().pop(key)
        self.cache[key] = value
        if waiting is not None:
            waiting.done(value)

    def not_created(self, key: object, error: BaseException) -> None:
        """The creation of ``key`` (claimed) failed or was cancelled: the waiting tasks learn
        it (a cancelled creation makes them try again)."""
        waiting = self.pending().pop(key)
        if waiting is not None:
            waiting.fail(error)

    def describe(self) -> str:
        """How messages name this block."""
        return self.label or f"'{self.name}' scope block"

    def pending(self) -> dict[Any, Waiting | None]:
        """Creations in progress in this block (async resources), by key: a :class:`Waiting`
        once another task waits for one, else None (see :func:`wait_for`)."""
        pending = self._pending
        if pending is None:
            pending = self._pending = {}
        return pending

    def check_open(self) -> None:
        """ScopeError when the block is closed."""
        if self.closed:
            raise ScopeError(f"{self.describe()} is closed; enter a new scope block")

    def clear(self) -> None:
        """Drop the block's instances and tear down its resources."""
        self.cache.clear()
        self.close()

    def __contains__(self, key: object) -> bool:
        return key in self.cache

    def __iter__(self) -> Iterator[object]:
        return iter(list(self.cache))

    def __repr__(self) -> str:
        closed = " closed" if self.closed else ""
        return f"<scope {self.name!r}: {len(self.cache)} instance(s){closed}>"


def active(state: Block | None, name: str) -> Block | None:
    """The innermost open block named ``name`` in the chain starting at ``state``."""
    while state is not None and state.name != name:
        state = state.parent
    return state
