"""Expressions for the plan: how one binding's value is written as code.

The planner's first half: the walk that decides which keys await, and the construction
expressions, with whole transient subtrees inlined (up to a budget), same-block scoped
dependencies built with the block in hand, singletons read from their slots, and async
values of a scoped block awaited first (hoisted) so what depends on them is built inline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from .._read import ExprRef, ReadResult, Recipe, Symbol
from .._runtime import ASYNC_PRODUCE, KEEP, TRANSIENT, Binding, Graph, Key, Kind, Param, fill
from ._imports import Imports
from ._names import Namer, snake_case

__all__ = [
    "Expressions",
    "cache_ident",
    "fn_name",
    "join",
    "keep",
    "share_block_reads",
    "share_reads",
]

MAX_INLINE = 6  # nesting depth of an inlined subtree
MAX_INLINED = 24  # constructions inlined into one factory; a larger subtree calls factories


def cache_ident(key: Key) -> str:
    """The text a key is cached under at runtime: ``Key.ident`` plus ``[name]``."""
    return key.ident if key.name is None else f"{key.ident}[{key.name}]"


class Expressions(Imports):
    """Walk order and construction expressions; ``_plan._Planner`` adds the factories."""

    def __init__(self, read: ReadResult) -> None:
        super().__init__(Namer())
        self.read = read
        self.graph: Graph = read.graph
        self.fn: dict[Key, str] = {}
        self.needs_async: dict[Key, bool] = {}
        self.order: list[Key] = []
        self.inputs: dict[Key, str] = {}
        self.modules: dict[Symbol, str] = {}
        self.scopes: dict[str, str] = {}
        self.slots: dict[Key, str] = {}
        self.cells: dict[Key, str] = {}
        self.fn_in: dict[Key, str] = {}
        self.shared: set[Key] = set()  # singletons served by a shared function (no slot)
        self.named_keys: dict[Key, str] = {}
        self.key_setup: list[tuple[str, str]] = []
        self.lazy_getters: dict[Key, str] = {}  # the getter of each Lazy[K] handle, by key
        self.ready_fn: dict[Key, str] = {}
        # Same-block async values awaited first by the factory being planned, by local name:
        # what depends only on them is then built inline, with no coroutine per dependency.
        self.hoisted: dict[Key, str] = {}
        self.inlined = 0  # constructions inlined so far into the factory being planned
        self.block_reads: list[str] = []  # its reads of same-block values (share_block_reads)
        self.once = False  # planning code that runs once (a singleton's creation): plain calls
        self.resolved: dict[int, tuple[Param, Key | None]] = {}  # by id(param), param kept alive

    def resolve(self, param: Param) -> Key | None:
        """``graph.resolve_param``, once per parameter: the graph is fixed while planning."""
        found = self.resolved.get(id(param))
        if found is None:
            found = self.resolved[id(param)] = (param, self.graph.resolve_param(param))
        return found[1]

    def key_obj(self, key: Key) -> str:
        """The key's type (or string) as code, imported where needed."""
        if key.is_string:
            return key.ident
        if key == self.read.container_key:
            return "_iq.InjectQ"
        return self.symbol(self.read.symbols.get(key.ident) or Symbol.guess(key.ident))

    def type_of(self, key: Key, recipe: Recipe) -> str:
        """The return annotation of the factory of ``key``."""
        symbol = recipe.returns
        if symbol is None and not key.is_string:
            symbol = self.read.symbols.get(key.ident)
        if symbol is None:
            self.imports.setdefault(("typing", "Any"), ("Any", ""))
            return "Any"
        text = self.symbol(symbol)
        return f"{text} | None" if recipe.may_be_none else text

    # -- order ------------------------------------------------------------------------------
    def visit(self, key: Key, stack: set[Key]) -> bool:
        """Post-order walk from ``key``; returns whether resolving it awaits."""
        if key in self.needs_async:
            return self.needs_async[key]
        if key in stack or key in self.graph.provided:
            return False
        binding = self.graph.lookup(key)
        if binding is None:
            return False
        stack.add(key)
        needs = binding.is_async
        for param in binding.params:
            dep = self.resolve(param)
            if dep is not None and self.visit(dep, stack) and not param.lazy:
                needs = True
        stack.discard(key)
        self.needs_async[key] = needs
        self.order.append(key)
        return needs

    # -- expressions --------------------------------------------------------------------------
    def dep_expr(
        self, key: Key, lazy: bool, depth: int, scope: str | None, *, current: bool = False
    ) -> tuple[str, bool]:
        """Code for one dependency's value, and whether it calls untyped code.

        ``scope`` names the scope whose state ``s`` the surrounding code holds: a dependency in
        the same scope is built with that state instead of looking the block up again.
        ``lazy`` asks for a ``Lazy`` handle, ``current`` (with it) for a ``Current`` one, which
        resolves through the container on every call (the current scope, overrides).
        """
        if key == self.read.container_key:
            return "w.container", False
        if key in self.inputs:
            return f"{self.inputs[key]}()", False
        if lazy:
            return self._handle(key, current), False
        if key in self.hoisted:
            return self.hoisted[key], False
        binding = self.graph.lookup(key)
        assert binding is not None
        inline = (
            binding.lifetime == TRANSIENT
            and not binding.kind.is_resource
            and binding.kind is not Kind.AWAITABLE
            and depth < MAX_INLINE
            and self.inlined < MAX_INLINED
        )
        if inline:
            self.inlined += 1
            return self.construct(binding, depth + 1, scope)
        awaits = self.needs_async[key]
        if scope is not None and binding.lifetime == scope and key in self.fn_in:
            return self._same_block(binding, depth, scope, awaits)
        if key in self.slots and not awaits and not self.once:  # a built singleton is read
            slot = self.slots[key]
            call = f"{slot} if {slot} is not None else {self.fn[key]}()"
        else:
            call = f"{self.fn[key]}()"
        return (f"await {call}" if awaits else call), False

    def _handle(self, key: Key, current: bool) -> str:
        """A ``Current`` handle resolves through the container on every call, ``Lazy`` once
        (with a getter made in ``wire()``'s setup, so overrides and rebinds apply)."""
        if current:
            return f"w.current_handle({self.key_obj(key)}, {key.name!r})"
        if key not in self.lazy_getters:
            var = self.names.claim(f"_lazy_{fn_name(key)}")
            self.lazy_getters[key] = var
            self.key_setup.append((var, f"w.lazy({self.key_obj(key)}, {key.name!r})"))
        return f"_iq.Lazy({self.lazy_getters[key]})"

    def _same_block(
        self, binding: Binding, depth: int, scope: str, awaits: bool
    ) -> tuple[str, bool]:
        """A dependency in the block ``s`` in hand: read it from the block, else build it inline
        (when that needs no await) or call its getter with the block."""
        key = binding.key
        k = self.key_expr(key)
        inline_awaits = self.awaits_here(key) if self.hoisted else awaits
        if not inline_awaits and depth < MAX_INLINE and self.inlined < MAX_INLINED:
            if not binding.kind.is_resource:
                self.inlined += 1
                built, untyped = self.construct(binding, depth + 1, scope)
                return f"cache[{k}] if {k} in cache else cache.setdefault({k}, {built})", untyped
            if binding.kind.value in KEEP:  # opened and published by the block in hand
                self.inlined += 1
                callee, call, untyped = self.call_parts(binding, depth + 1, scope)
                label = repr(cache_ident(key))
                return self._block_read(
                    k, keep(binding.kind, k, callee, call or "", label)
                ), untyped
        call = f"{'await ' if awaits else ''}{self.fn_in[key]}(state)"
        ready = self.ready_fn.get(key)
        if ready is not None:  # built without a coroutine when what it awaits is ready
            y = self.names.claim("y")
            call = f"{y} if ({y} := {ready}(state)) is not None else {call}"
        elif not awaits:
            return self._block_read(k, call), False
        return f"cache[{k}] if {k} in cache else {call}", False

    def _block_read(self, k: str, missing: str) -> str:
        """A same-block value read from the block's cache, else ``missing`` (which builds it
        there); recorded, so a factory reading it more than once reads it once."""
        read = f"cache[{k}] if {k} in cache else {missing}"
        self.block_reads.append(read)
        return read

    def awaits_here(self, key: Key) -> bool:
        """Whether building ``key`` inline awaits, given the hoisted values are in hand."""
        if key in self.hoisted or key in self.graph.provided or key in self.inputs:
            return False
        binding = self.graph.lookup(key)
        if binding is None or not self.needs_async.get(key, False):
            return False
        if binding.is_async or (binding.lifetime != TRANSIENT and key not in self.fn_in):
            return True  # awaited itself, or a singleton read through its own function
        for param in binding.params:
            dep = self.resolve(param)
            if dep is not None and not param.lazy and self.awaits_here(dep):
                return True
        return False

    def hoist(self, binding: Binding, scope: str, seen: set[Key]) -> list[str]:
        """Lines awaiting the async values of ``binding``'s same-block subtree, deepest first."""
        lines: list[str] = []
        for param in binding.params:
            dep = self.resolve(param)
            if dep is None or param.lazy or dep in seen or not self.needs_async.get(dep, False):
                continue
            seen.add(dep)
            target = self.graph.lookup(dep)
            if target is None or target.lifetime != scope or dep not in self.fn_in:
                continue
            if not target.is_async:
                lines += self.hoist(target, scope, seen)
                continue
            local = self.hoisted[dep] = f"h{len(self.hoisted)}"
            created = self.created_here(target, local, scope)
            if created is None:
                k = self.key_expr(dep)
                getter = f"await {self.fn_in[dep]}(state)"
                created = f"{local} = cache[{k}] if {k} in cache else {getter}"
            lines.append(created)
        return lines

    def created_here(self, binding: Binding, local: str, scope: str) -> str | None:
        """Lines reading an awaited value of the block in hand into ``local``, creating it
        there if new, without a coroutine of its own; None: its getter is awaited instead."""
        return None

    def arg_parts(
        self, binding: Binding, depth: int, scope: str | None = None
    ) -> tuple[list[tuple[str | None, str]], bool]:
        """(keyword or None, code) per passed argument, and whether any calls untyped code."""
        parts: list[tuple[str | None, str]] = []
        untyped = False
        by_keyword = False
        for param in binding.params:
            dep = self.resolve(param)
            if dep is None and param.has_default:
                by_keyword = True
                continue
            code = "None"
            if dep is not None:
                code, dep_untyped = self.dep_expr(
                    dep, param.lazy, depth, scope, current=param.current
                )
                untyped = untyped or dep_untyped
            by_keyword = by_keyword or not param.positional
            parts.append((param.name if by_keyword else None, code))
        return parts, untyped

    def args(self, binding: Binding, depth: int, scope: str | None = None) -> tuple[str, bool]:
        """The call arguments of ``binding``'s constructor as one string."""
        parts, untyped = self.arg_parts(binding, depth, scope)
        return join(parts), untyped

    def callee(self, recipe: Recipe) -> str:
        """What a recipe calls: an imported callable or a method of a module instance."""
        if recipe.method is not None:
            assert recipe.module_class is not None
            return f"{self.modules[recipe.module_class]}.{recipe.method}"
        assert recipe.callee is not None
        return self.symbol(recipe.callee)

    def construct(
        self, binding: Binding, depth: int = 0, scope: str | None = None
    ) -> tuple[str, bool]:
        """The expression building a fresh (not yet entered) value."""
        callee, call, untyped = self.call_parts(binding, depth, scope)
        if call is None:  # a copied instance expression
            return (f"await {callee}" if binding.kind is Kind.AWAITABLE else callee), False
        return fill(ASYNC_PRODUCE[_plain(binding.kind)], fn=callee, call=call), untyped

    def call_parts(
        self, binding: Binding, depth: int = 0, scope: str | None = None
    ) -> tuple[str, str | None, bool]:
        """(what is called, its arguments, whether untyped code is called); for a copied
        instance expression: (the expression, None, False)."""
        recipe = self.read.recipes[binding.key]
        if recipe.expr is not None:
            return "".join(self.piece(p, recipe) for p in recipe.expr), None, False
        args, untyped = self.args(binding, depth, scope)
        return self.callee(recipe), args, untyped or not recipe.typed

    def piece(self, piece: str | ExprRef, recipe: Recipe) -> str:
        """One piece of a copied instance expression as code."""
        if isinstance(piece, str):
            return piece
        if piece.kind == "self":
            assert recipe.module_class is not None
            return self.modules[recipe.module_class]
        if piece.kind == "module":
            assert piece.module is not None
            return self.module(piece.module)
        assert piece.symbol is not None
        return self.symbol(piece.symbol)

    def create(self, binding: Binding, scope: str | None = None) -> tuple[str, bool]:
        """The value of ``binding`` by its kind (``shapes.ASYNC_PRODUCE``): a resource is
        entered into ``owner``, the local its function binds to who tears it down."""
        callee, call, untyped = self.call_parts(binding, 0, scope)
        if call is None:
            return self.construct(binding, 0, scope)
        produce = fill(
            ASYNC_PRODUCE[binding.kind.value],
            fn=callee,
            call=call,
            label=repr(cache_ident(binding.key)),
            tag="",
        )
        return produce, untyped

    def key_expr(self, key: Key) -> str:
        """The key object as code; a named key is built once in ``wire()``'s setup."""
        if key.name is None:
            return self.key_obj(key)
        if key not in self.named_keys:
            var = self.names.claim(f"_k_{fn_name(key)}")
            self.named_keys[key] = var
            self.key_setup.append(
                (var, f"_iq.NamedKey({self.key_obj(Key(key.ident))}, {key.name!r})")
            )
        return self.named_keys[key]

    # -- factories ----------------------------------------------------------------------------


def keep(kind: Kind, key: str, callee: str, call: str, label: str) -> str:
    """The expression opening a sync resource of the block ``state`` holds, and publishing its
    value there (``shapes.KEEP``)."""
    return fill(KEEP[kind.value], key=key, fn=callee, call=call, label=label)


def _plain(kind: Kind) -> str:
    """The kind whose value expression builds a fresh value (resources are entered apart)."""
    if kind in (Kind.CLASS, Kind.FACTORY, Kind.ASYNC_FACTORY):
        return str(kind.value)
    return "async_factory" if kind.is_async else "factory"


def join(parts: list[tuple[str | None, str]]) -> str:
    """Call arguments as code: ``a, b, keyword=c``."""
    return ", ".join(f"{keyword}={code}" if keyword else code for keyword, code in parts)


def fn_name(key: Key) -> str:
    """The preferred factory name of a key: ``user_service``, ``db_url``, ``cache_l2``."""
    base = key.ident.strip("'\"") if key.is_string else snake_case(key.ident.rsplit(".", 1)[-1])
    return base if key.name is None else f"{base}_{key.name}"


# A built singleton's read, as dep_expr writes it: ``_slot if _slot is not None else fn()``.
_READ = re.compile(r"(?<![\w.])(_\w+) if \1 is not None else (\w+)\(\)")


def share_reads(code: str, claim: Callable[[str], str]) -> str:
    """Read a singleton once per expression: ``(y := <read>)`` where it is first used, ``y``
    after that. Only where the reads are the expression's only conditionals: arguments are
    evaluated left to right, so the first use in the text is the first one evaluated."""
    reads = Counter(match.group(0) for match in _READ.finditer(code))
    if not reads or max(reads.values()) < 2 or " if " in _READ.sub("", code):
        return code
    names: dict[str, str] = {}

    def share(match: re.Match[str]) -> str:
        text = match.group(0)
        if reads[text] < 2:
            return text
        name = names.get(text)
        if name is None:
            name = names[text] = claim("y")
            return f"({name} := {text})"
        return name

    return _READ.sub(share, code)


def share_block_reads(
    code: str, reads: list[str], claim: Callable[[str], str]
) -> tuple[list[str], str]:
    """Read a same-block value needed more than once in ``code`` once, before it: the lines
    binding it, and ``code`` using the local. It is built in this block either way (what
    needs it is built here too), so reading it first changes nothing but the repeated lookups.
    ``reads`` are the read expressions written for ``code`` (the longest, enclosing ones, are
    shared first)."""
    lines: list[str] = []
    for text in sorted(set(reads), key=len, reverse=True):
        if code.count(text) > 1:
            name = claim("s")
            lines.append(f"{name} = {text}\n")
            code = code.replace(text, name)
    return lines, code
