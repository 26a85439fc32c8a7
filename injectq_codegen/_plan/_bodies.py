"""The text of a generated factory's functions: the runtime's resolver shapes, filled.

Each protocol (look up, create under the lock, publish; open a resource, register its cleanup;
find the scope block; the async once-guards) is the text of ``injectq._runtime.shapes``, the
very text the runtime compiles. Here it is filled with a generated module's names (its slots,
key expressions, factory names and type annotations); the template only prints the result.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

from .._runtime import (
    ASYNC,
    CREATE_IN_BLOCK,
    ENTER_AGEN_INLINE,
    FIND_BLOCK,
    HOLD,
    SYNC,
    TRY_IN,
    Kind,
    fill,
)
from ._expressions import keep

__all__ = ["MAX_SHARED", "SHAPE_NAMES", "Bodies", "Parts"]

MAX_SHARED = 8  # a singleton built from at most this many getters may share its shape function

SHAPE_NAMES = {
    "lock": "w.lock_for",
    "drop": "w.drop_lock",
    "store": "w.ready",
    "pending": "w.pending",
    "once": "_iq.once",
    "current": "w.current",
    "MISSING": "_iq.MISSING",
    "no_value": "_iq.no_value",
    "wait_for": "_iq.wait_for",
    "AGEN": "_iq.AGEN",
}
"""The names the shapes use, as ``wire()`` binds them (only those its functions use)."""


@dataclass(frozen=True, slots=True)
class Parts:
    """What one factory's functions are made of, every piece as code."""

    kind: Kind
    key: str  # the key as code
    fn: str
    returns: str
    produce: str  # the value expression of the kind (a resource entered into ``owner``)
    ignore: str  # the type-ignore comment of a line calling untyped code, or ""
    label: str = "''"
    callee: str = ""  # what a scoped resource entered inline calls, with ``call``
    call: str = ""
    slot: str = ""
    prelude: str = ""  # lines before the value is produced (reads shared by the expression)


@dataclass
class Bodies:
    """Fills the shapes for one generated module and records the shape names it uses."""

    used: set[str] = field(default_factory=set)
    shared: dict[int, str] = field(default_factory=dict)  # shared singleton functions, by arity

    def _uses(self, *names: str) -> None:
        self.used.update(names)

    def _value(self, p: Parts, annotation: str = "") -> str:
        return f"value{annotation} = {p.produce}{p.ignore}\n"

    def _hold(self, p: Parts, hold: str) -> dict[str, str]:
        """How the singleton's slot (or list cell) is tested, read and published."""
        return {part: fill(text, slot=p.slot, key=p.key) for part, text in HOLD[hold].items()}

    def singleton(self, p: Parts, cell: bool, owner: str) -> str:
        """A sync singleton held in a slot (a list cell when the value may be None)."""
        self._uses("lock", "drop", "store")
        declare = f"{p.slot}: list[{p.returns}] = []" if cell else f"{p.slot}: {p.returns} | None"
        body = fill(
            SYNC["singleton"],
            **self._hold(p, "cell" if cell else "slot"),
            lock=f"lock({p.key})",
            drop=f"drop({p.key}, None)\n",
            declare="" if cell else f"nonlocal {p.slot}\n",
            owner=_owner(p.kind, owner),
            produced=self._value(p, f": {p.returns}"),
        )
        head = declare if cell else f"{declare} = None"
        return f"{head}\n\n" + _def(f"def {p.fn}() -> {p.returns}", body)

    def shared_singleton(self, arity: int, claim: Callable[[str], str]) -> str:
        """The name of the function every singleton built from ``arity`` getters shares."""
        name = self.shared.get(arity)
        if name is None:
            self._uses("lock", "drop", "store")
            name = self.shared[arity] = claim(f"singleton_{arity}")
        return name

    def shared_definitions(self) -> list[str]:
        """The shared singleton functions used, each the singleton shape filled once:
        ``name(key, fn, g0, ...)`` returns a getter of ``key`` built as ``fn(g0(), ...)``."""
        return [self._shared(arity, name) for arity, name in sorted(self.shared.items())]

    def _shared(self, arity: int, name: str) -> str:
        types = [f"_iq.A{i}" for i in range(arity)]
        call = ", ".join(f"g{i}()" for i in range(arity))
        p = Parts(Kind.CLASS, "key", "get", "_iq.T", f"fn({call})", "", slot="slot")
        body = fill(
            SYNC["singleton"],
            **self._hold(p, "slot"),
            lock="lock(key)",
            drop="drop(key, None)\n",
            declare="nonlocal slot\n",
            owner="",
            produced=self._value(p, ": _iq.T"),
        )
        params = [
            "key: object",
            f"fn: _iq.Callable[[{', '.join(types)}], _iq.T]",
            *(f"g{i}: _iq.Callable[[], {t}]" for i, t in enumerate(types)),
        ]
        get = _def("def get() -> _iq.T", body)
        inner = f"slot: _iq.T | None = None\n\n{get}\n\nreturn get\n"
        head = f"def {name}({', '.join(params)}) -> _iq.Callable[[], _iq.T]"
        return f"# the getter of a singleton built from {arity} getter(s)\n" + _def(head, inner)

    def async_singleton(self, p: Parts, create_fn: str, owner: str) -> str:
        """An async singleton: created once (``once``) by ``create_fn``, then read from a slot."""
        self._uses("once", "pending", "store")
        create = fill(ASYNC["transient"], owner=_owner(p.kind, owner), returned=self._return(p))
        body = fill(
            ASYNC["singleton"],
            **self._hold(p, "slot"),
            key=p.key,
            declare=f"nonlocal {p.slot}\n",
            create=create_fn,
            remember=f"{p.slot} = value\n",
        )
        return "\n\n".join(
            [
                f"{p.slot}: {p.returns} | None = None",
                _def(f"async def {create_fn}() -> {p.returns}", create),
                _def(f"async def {p.fn}() -> {p.returns}", body),
            ]
        )

    def transient(self, p: Parts, is_async: bool, owner: str) -> str:
        """A value built on every call (a resource entered into the innermost block)."""
        body = fill(SYNC["transient"], owner=_owner(p.kind, owner), returned=self._return(p))
        head = "async def" if is_async else "def"
        return _def(f"{head} {p.fn}() -> {p.returns}", body)

    def transient_in_block(self, p: Parts, scope: str, ambient: str) -> str:
        """A transient needing several values of one scope: the block is looked up once."""
        self._uses("current")
        find = fill(FIND_BLOCK, scope=scope, ambient=ambient)
        body = f"{find}cache = state.cache\n{p.prelude}{self._return(p)}"
        return _def(f"def {p.fn}() -> {p.returns}", body)

    def _return(self, p: Parts) -> str:
        return f"return {p.produce}{p.ignore}\n"

    def scoped(self, p: Parts, fn_in: str, scope: str, ambient: str) -> str:
        """A sync scoped value: ``fn_in(state)`` with the block in hand, ``fn()`` finds it."""
        self._uses("MISSING")
        names = {"key": p.key, "annotation": f": {p.returns}"}
        if p.kind.is_resource:
            kept = keep(p.kind, p.key, p.callee, p.call, p.label)
            body = fill(SYNC["scoped_resource"], **names, kept=f"return {kept}{p.ignore}\n")
        else:
            body = fill(SYNC["scoped"], **names, produced=p.prelude + self._value(p))
        return self._pair(p, "def", fn_in, body, scope, ambient)

    def scoped_async(self, p: Parts, fn_in: str, scope: str, ambient: str) -> str:
        """An awaited scoped value, created once per block however many tasks race for it."""
        created = self.created(p, fn_in, "value")
        body = fill(ASYNC["scoped"], key=p.key, annotation=f": {p.returns}", created=created)
        return self._pair(p, "async def", fn_in, body, scope, ambient)

    def created(self, p: Parts, fn_in: str, value: str) -> str:
        """Lines creating an awaited value of the block in hand into the local ``value``, once
        however many tasks race for it (``shapes.CREATE_IN_BLOCK``)."""
        self._uses("MISSING", "wait_for")
        block = f"{value} = {p.produce}{p.ignore}\n"
        if p.kind is Kind.ASYNC_GENERATOR:  # entered inline: no coroutine for it
            self._uses("no_value", "AGEN")
            block = fill(ENTER_AGEN_INLINE, fn=p.callee, call=p.call, label=p.label, value=value)
            first, rest = block.split("\n", 1)
            block = f"{first}{p.ignore}\n{rest}"
        return fill(
            CREATE_IN_BLOCK,
            key=p.key,
            value=value,
            owner=_owner(p.kind, "state"),
            produce_block=block,
            retry=fn_in,
        )

    def scoped_prepared(
        self, p: Parts, fn_in: str, scope: str, ambient: str, prepare: tuple[str, ...]
    ) -> str:
        """An async scoped value of a sync callable: the arguments are awaited first, then it
        is checked and built with no await in between."""
        self._uses("MISSING")
        body = fill(
            ASYNC["scoped_sync"],
            key=p.key,
            annotation=f": {p.returns}",
            prepare="".join(f"{line}\n" for line in prepare),
            owner=_owner(p.kind, "state"),
            produced=self._value(p),
        )
        return self._pair(p, "async def", fn_in, body, scope, ambient)

    def ready(self, p: Parts, ready_fn: str, ready: tuple[str, ...], rest: tuple[str, ...]) -> str:
        """``ready_fn(state)``: the value built without a coroutine when everything it awaits
        is built already, else None (``shapes.TRY_IN``)."""
        body = fill(
            TRY_IN,
            key=p.key,
            annotation=f": {p.returns}",
            ready="".join(f"{line}\n" for line in ready),
            rest="".join(f"{line}\n" for line in rest),
            owner="",
            produced=self._value(p),
        )
        return _def(f"def {ready_fn}(state: _iq.ScopeState) -> {p.returns} | None", body)

    def _pair(self, p: Parts, head: str, fn_in: str, body: str, scope: str, ambient: str) -> str:
        self._uses("current")
        find = fill(FIND_BLOCK, scope=scope, ambient=ambient)
        within = _def(f"{head} {fn_in}(state: _iq.ScopeState) -> {p.returns}", body)
        return within + "\n\n" + _def(f"{head} {p.fn}() -> {p.returns}", find + body)


def _owner(kind: Kind, owner: str) -> str:
    """The line binding who tears a resource down (none when the kind opens no resource)."""
    return f"owner = {owner}\n" if kind.is_resource else ""


def _def(signature: str, body: str) -> str:
    return f"{signature}:\n{textwrap.indent(body, '    ')}".rstrip("\n")
