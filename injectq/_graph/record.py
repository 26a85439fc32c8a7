"""Value objects without ``dataclasses``: equality, hash, repr and ``replace`` over slots.

The graph model is loaded by every generated container at start-up; ``dataclasses`` (and the
``inspect`` it imports) would cost more than the whole model, so its records are plain slotted
classes deriving from :class:`Record`. A record is treated as immutable: build a changed copy
with :meth:`Record.replace`.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from typing import Any, ClassVar

    from typing_extensions import Self

__all__ = ["Record"]


class Record:
    """A slotted value: fields are ``__slots__``; ``_hidden`` ones take no part in eq or repr."""

    __slots__ = ()
    _hidden: ClassVar[frozenset[str]] = frozenset()

    def _fields(self) -> tuple[str, ...]:
        fields: tuple[str, ...] = type(self).__slots__  # a tuple in every subclass
        return fields

    def _compared(self) -> tuple[Any, ...]:
        hidden = self._hidden
        return tuple(getattr(self, name) for name in self._fields() if name not in hidden)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())

    def __repr__(self) -> str:
        hidden = self._hidden
        shown = [f"{n}={getattr(self, n)!r}" for n in self._fields() if n not in hidden]
        return f"{type(self).__qualname__}({', '.join(shown)})"

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` applied (what ``dataclasses.replace`` did)."""
        values = {name: getattr(self, name) for name in self._fields()}
        values.update(changes)
        return type(self)(**values)
