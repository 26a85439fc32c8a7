"""``container.scope(name)``: a block that is both a sync and an async context manager."""

from __future__ import annotations

from contextvars import ContextVar
from types import TracebackType
from typing import TYPE_CHECKING

from ._scopes import ScopeState

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["ScopeBlock"]

INNERMOST = "\x00innermost"


class ScopeBlock:
    """Entering pushes a fresh :class:`ScopeState` for ``name``; leaving drops it and runs cleanup.

    ``with container.scope("request") as state`` yields the state: ``key in state`` tells whether
    an instance was created in this block, and ``await state.aclose()`` finishes async resources
    after a sync exit refused to.
    """

    __slots__ = ("_previous", "_state", "_var", "name")

    def __init__(self, var: ContextVar[dict[str, ScopeState]], name: str, label: str) -> None:
        self._var = var
        self.name = name
        self._state = ScopeState(name, label)
        self._previous: dict[str, ScopeState] | None = None

    @property
    def state(self) -> ScopeState:
        return self._state

    def _push(self) -> ScopeState:
        previous = self._var.get()
        self._previous = previous
        active = dict(previous)
        active[self.name] = active[INNERMOST] = self._state
        self._var.set(active)
        return self._state

    def _pop(self) -> None:
        previous = self._previous
        if previous is not None:
            self._var.set(previous)  # works from any task, unlike ContextVar.reset

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

    def __call__(self) -> Self:  # pragma: no cover - 0.5 code sometimes calls scope()()
        return self
