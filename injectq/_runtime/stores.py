"""Where one container's instances live: the singleton store, scope blocks and owners.

:class:`Stores` is the part of a container every resolver reads: compiled resolvers, the
override path and generated code all find singletons, the active block of a scope and the owner
of a transient resource here.
"""

from __future__ import annotations

from _thread import RLock
from contextvars import ContextVar

from .._errors import ScopeError
from .._graph import normalize_scope
from .keys import show
from .locks import ForkSafeLock, forget_in_child
from .scopes import Cleanup, ScopeState, active

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from typing import Any

__all__ = ["BUILTIN_SCOPES", "Stores"]

BUILTIN_SCOPES = ("request", "action")


class Stores:
    """The singleton store, the scope blocks of each context and the container's owner."""

    __slots__ = (
        "__weakref__",
        "ambient_var",
        "async_pending",
        "custom_scopes",
        "key_locks",
        "lock",
        "owner",
        "scope_names",
        "scope_var",
        "singletons",
        "strict",
    )

    def __init__(self, strict: bool) -> None:
        self.strict = strict  # strict_scopes: a scoped key outside its block is an error
        self.singletons: dict[Any, Any] = {}
        self.lock = ForkSafeLock()  # older generated modules create singletons under it
        self.key_locks: dict[Any, Any] = {}  # one RLock per singleton: held while it is built
        self.async_pending: dict[Any, Any] = {}  # async singletons being created, by key
        self.owner = Cleanup("container")  # singleton and out-of-block transient resources
        self.scope_var: ContextVar[ScopeState | None] = ContextVar(
            f"injectq_scopes_{id(self)}", default=None
        )
        self.ambient_var: ContextVar[dict[str, ScopeState] | None] = ContextVar(
            f"injectq_ambient_{id(self)}", default=None
        )
        self.scope_names: set[str] = set(BUILTIN_SCOPES)
        self.custom_scopes: dict[str, Any] = {}  # 0.5 Scope objects (None: a block scope)
        forget_in_child(self)

    def key_lock(self, rk: Any) -> Any:
        """The lock held while the singleton of ``rk`` is created (never one for all keys, so a
        constructor may wait for another thread that builds another singleton).

        Looked up at each creation, never kept by a resolver: a forked child drops every key
        lock (:meth:`after_fork`), so a lock held by a parent's thread is never waited for.
        """
        lock = self.key_locks.get(rk)
        if lock is None:
            lock = self.key_locks.setdefault(rk, RLock())
        return lock

    def after_fork(self) -> None:
        """In a forked child: the parent's threads will never finish their creations or release
        their locks."""
        self.async_pending.clear()
        self.key_locks.clear()

    # -- blocks ---------------------------------------------------------------------------------
    def block(self, scope_name: Any) -> ScopeState:
        """A new block of ``scope_name`` (entered by ``with`` / ``async with``)."""
        if scope_name not in self.scope_names:  # the common case is a canonical name
            scope_name = self.scope_name(scope_name)
        return ScopeState(scope_name, "", self.scope_var)

    def scope_name(self, scope_name: Any) -> str:
        """The canonical name of a known scope; ScopeError for an unknown one."""
        try:
            name = normalize_scope(scope_name)
        except TypeError:
            raise ScopeError(
                f"a scope is a name such as 'request' (or a ScopeType), got {scope_name!r}"
            ) from None
        if name not in self.scope_names and name not in self.custom_scopes:
            raise ScopeError(f"Unknown scope: {name}")
        return name

    def is_block_scope(self, lifetime: str) -> bool:
        """Whether instances of ``lifetime`` live in scope blocks (not in a 0.5 Scope object)."""
        return lifetime in self.scope_names and self.custom_scopes.get(lifetime) is None

    def register(self, scope: Any) -> None:
        """Make a custom scope name known, or install a 0.5 ``Scope`` object."""
        if isinstance(scope, str):
            self.custom_scopes.setdefault(scope, None)
            self.scope_names.add(scope)
        else:
            self.custom_scopes[scope.name] = scope

    def transient_owner(self) -> Cleanup:
        """Who tears down a transient resource: the innermost block, else the container."""
        return self.scope_var.get() or self.owner

    def ambient_state(self, name: str, rk: Any) -> ScopeState:
        """The store of scope ``name`` outside any block (ScopeError under strict scopes)."""
        if self.strict:
            error = ScopeError(
                f"{show(rk)} is {name}-scoped but no '{name}' scope is active; "
                f"wrap the call in 'with container.scope({name!r}):'"
            )
            error.failed_key = rk
            raise error
        stores = self.ambient_var.get()
        if stores is None:
            stores = {}
            self.ambient_var.set(stores)
        state = stores.get(name)
        if state is None:
            state = stores[name] = ScopeState(name, f"ambient '{name}' scope")
        return state

    def state_of(self, lifetime: str, rk: Any) -> ScopeState:
        """The active block of ``lifetime`` in this context, else its ambient store."""
        return active(self.scope_var.get(), lifetime) or self.ambient_state(lifetime, rk)

    def clear_scope(self, scope_name: Any) -> None:
        """Drop (and clean up) the instances of a scope in the current context."""
        name = self.scope_name(scope_name)
        custom = self.custom_scopes.get(name)
        if custom is not None:
            custom.clear()
            return
        state = active(self.scope_var.get(), name)
        if state is not None:
            state.clear()
        stores = self.ambient_var.get()
        if stores and name in stores:
            stores.pop(name).clear()

    def clear_all_scopes(self) -> None:
        """``clear_scope`` for every built-in and custom scope."""
        for name in (*BUILTIN_SCOPES, *self.custom_scopes):
            self.clear_scope(name)
