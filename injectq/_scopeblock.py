"""``container.scope(name)``: a block that is both a sync and an async context manager."""

from __future__ import annotations

from contextvars import ContextVar, Token
from types import TracebackType

from ._scopes import ScopeState

__all__ = ["ScopeBlock", "ScopeVar"]

ScopeVar = ContextVar[ScopeState | None]


class ScopeBlock:
    """Entering makes a fresh :class:`ScopeState` current for ``name``; leaving drops it.

    ``with container.scope("request") as state`` yields the state: ``key in state`` tells whether
    an instance was created in this block, and ``await state.aclose()`` finishes async resources
    after a synchronous exit refused to. The block may be left from another task than the one
    that entered it; its instances are dropped and cleaned up all the same.
    """

    __slots__ = ("_inner", "_previous", "_state", "_tokens", "_var", "name")

    def __init__(self, var: ScopeVar, inner: ScopeVar, name: str) -> None:
        self._var = var
        self._inner = inner
        self.name = name
        self._state = ScopeState(name)
        self._previous: tuple[ScopeState | None, ScopeState | None] = (None, None)
        self._tokens: tuple[Token[ScopeState | None], Token[ScopeState | None]] | None = None

    @property
    def state(self) -> ScopeState:
        return self._state

    def _push(self) -> ScopeState:
        state = self._state
        self._previous = (self._var.get(), self._inner.get())
        self._tokens = (self._var.set(state), self._inner.set(state))
        return state

    def _pop(self) -> None:
        tokens = self._tokens
        if tokens is None:
            return
        self._tokens = None
        try:
            self._inner.reset(tokens[1])
            self._var.reset(tokens[0])
        except ValueError:  # left from another context than the one that entered
            self._var.set(self._previous[0])
            self._inner.set(self._previous[1])

    def __enter__(self) -> ScopeState:
        return self._push()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._pop()
        self._state.finish(exc)

    async def __aenter__(self) -> ScopeState:
        return self._push()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._pop()
        await self._state.afinish(exc)
