"""``Wiring``: the hooks a generated module's ``wire(w)`` function uses, and what it records.

``wire()`` registers one resolver per key with :meth:`Wiring.provide` (kept as a :class:`Spec`),
declares its keys, records ``@inject`` plans and checks that the calls it was written for still
fit (see ``staleness``). :mod:`injectq._runtime.generated` turns the specs into plans.
"""

from __future__ import annotations

from _weakref import ref  # weakref.ref, without importing weakref

from .._errors import input_not_set
from .container import InjectQ
from .keys import NamedKey, live, runtime_key
from .scopes import Cleanup, ScopeState
from .staleness import check_calls
from .stores import Stores

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable
    from typing import Any, TypeVar, overload

    from .._declare.markers import Current
    from .generated import GeneratedPlans
    from .staleness import Expected

    T = TypeVar("T")
    _SpecBase = tuple[Any, ...]
else:
    _SpecBase = tuple


__all__ = ["Spec", "Wiring"]


class Wiring:
    """What ``wire(w)`` receives: the hooks a generated factory function may use."""

    def __init__(self, container: InjectQ, plans: GeneratedPlans) -> None:
        stores: Stores = container._stores
        self._container = ref(container)  # generated closures hold ``w``: no cycle
        self.lock = stores.lock  # what modules generated before per-key locks create under
        self.lock_for = stores.key_lock  # the lock of one singleton's creation
        self.drop_lock = stores.key_locks.pop  # forgets it once the singleton is published
        self.owner: Cleanup = stores.owner
        self.ready: dict[Any, Any] = stores.singletons
        self.pending: dict[Any, Any] = stores.async_pending  # async singletons being created
        self.current: Callable[[], ScopeState | None] = stores.scope_var.get
        self._stores = stores
        self._plans = plans
        self._specs = plans.specs  # provide() runs once per key at startup: no lookups there
        self._getters = container._table.getters

    @property
    def container(self) -> InjectQ:
        """The container being wired (what a parameter typed as the container receives)."""
        return live(self._container)

    def ambient(self, name: str) -> Callable[[], ScopeState]:
        """The ambient store of scope ``name`` (or the strict-scopes error) for this context.

        Generated code looks the active block up itself (``w.current()`` and the parent chain)
        and falls back to this outside any block.
        """
        ambient = self._stores.ambient_state
        return lambda: ambient(name, name)

    def transient_owner(self) -> Cleanup:
        """Who tears down a transient resource: the innermost block, else the container."""
        return self._stores.transient_owner()

    if TYPE_CHECKING:

        @overload
        def current_handle(self, key: type[T], name: str | None = None) -> Current[T]: ...
        @overload
        def current_handle(self, key: Any, name: str | None = None) -> Current[Any]: ...

    def current_handle(self, key: Any, name: str | None = None) -> Current[Any]:
        """A ``Current[K]`` handle: resolves the key through the container on every call."""
        from .handles import current_handle  # (and the markers): modules with handles only

        return current_handle(self.container, runtime_key(key, name))

    if TYPE_CHECKING:

        @overload
        def lazy(self, key: type[T], name: str | None = None) -> Callable[[], T]: ...
        @overload  # an abstract class or a protocol (mypy refuses them as type[T])
        def lazy(self, key: Callable[..., T], name: str | None = None) -> Callable[[], T]: ...
        @overload
        def lazy(self, key: Any, name: str | None = None) -> Callable[[], Any]: ...

    def lazy(self, key: Any, name: str | None = None) -> Callable[[], Any]:
        """The getter a ``Lazy[K]`` handle resolves with: through the container, as at runtime,
        so an override or a rebind in force at its first call applies."""
        ref = self._container

        def resolve() -> Any:
            return live(ref).get(key, name)

        return resolve

    def input(self, key: Any, name: str | None = None) -> Callable[[], Any]:
        """A getter for a declared input, set at startup with ``container[K] = value``."""
        rk = runtime_key(key, name)
        ready = self.ready

        def value() -> Any:
            try:
                return ready[rk]
            except KeyError:
                raise input_not_set(rk) from None

        return value

    async def asingleton(self, key: Any, create: Callable[[], Awaitable[T]]) -> T:
        """An async singleton created exactly once, however many tasks race for it."""
        from .waiting import once  # async graphs only

        return await once(self._stores.async_pending, self.ready, key, create)

    def provide(
        self,
        key: Any,
        name: str | None,
        lifetime: str,
        get: Callable[[], Any] | None,
        aget: Callable[[], Awaitable[Any]] | None,
        deps: tuple[tuple[Any, str | None], ...] | None = None,
        *,
        kind: str = "class",
        impl: Any = None,
        args: tuple[Any, ...] = (),
        location: str | None = None,
        names: tuple[str, ...] | None = None,
    ) -> None:
        """Register the generated resolver of one key.

        ``args`` (param name, key, qualifier, positional) with ``impl`` and ``kind`` let an override
        rebuild this key around a fake without reflecting; with ``names``, ``args`` are only the
        keys, each passed by position to the parameter of that name. ``deps`` defaults to the keys
        of ``args``; a class binding's ``impl`` defaults to the key's own class.
        """
        rk = key if name is None else NamedKey(key, name)
        if impl is None and kind == "class":
            impl = key
        self._specs[rk] = tuple.__new__(  # the C constructor: provide() runs once per key
            Spec, (lifetime, get, aget, deps, kind, impl, args, location, names)
        )
        if get is not None:
            self._getters[rk] = get

    def declare(
        self,
        declared: tuple[tuple[Any, str | None], ...] | None = None,
        inputs: tuple[tuple[Any, str | None], ...] = (),
        modules: tuple[str, ...] = (),
        undeclared: tuple[tuple[Any, str | None], ...] = (),
    ) -> None:
        """The keys the generated module declares (by default every key it provides but the
        ``undeclared`` ones, which the generator built automatically), the keys set at startup
        (inputs), and the modules it was generated from (``"package.module:Name"``: installing
        them is a no-op)."""
        plans = self._plans
        plans.undeclared = {runtime_key(k, n) for k, n in undeclared}
        plans.declared = None if declared is None else {runtime_key(k, n) for k, n in declared}
        self._plans.inputs = {runtime_key(k, n) for k, n in inputs}
        self._plans.rebinds.modules = modules

    def expect(self, calls: tuple[Expected, ...], regenerate: str) -> None:
        """The parameters each generated call was written for: (callable, names, how many
        passed by position), and those of every key provided so far with ``names=`` (all its
        parameters, by position). Raises ``StaleGeneratedModule`` when a declaration changed."""
        # By index (5: impl, 8: names), not the properties: one pass over every key at startup.
        named = [(s[5], s[8], len(s[8])) for s in self._specs.values() if s[8] is not None]
        check_calls(self._plans.wiring.__module__, (*calls, *named), regenerate)

    def inject_plan(
        self, qualname: str, params: tuple[tuple[str, Any, str | None, bool], ...]
    ) -> None:
        """The injection plan of an ``@inject`` function: (param, key, qualifier, required)."""
        from .inject import INJECT_PLANS  # modules with @inject functions only

        INJECT_PLANS[qualname] = params


class Spec(_SpecBase):
    """What ``wire()`` said about one key (see :meth:`Wiring.provide`): a plain tuple of
    (lifetime, get, aget, deps, kind, impl, listed, location, names), read by name.

    Not a ``NamedTuple``: building one at import runs ``collections.namedtuple`` (``exec``), a
    cost every generated container would pay at start-up.
    """

    __slots__ = ()
    _FIELDS = ("lifetime", "get", "aget", "deps", "kind", "impl", "listed", "location", "names")

    @property
    def lifetime(self) -> str:
        """The binding's lifetime (``"singleton"``, ``"transient"`` or a scope name)."""
        lifetime: str = self[0]
        return lifetime

    @property
    def get(self) -> Callable[[], Any] | None:
        """The sync getter (None when the generated function awaits)."""
        get: Callable[[], Any] | None = self[1]
        return get

    @property
    def aget(self) -> Callable[[], Awaitable[Any]] | None:
        """The async getter, if any."""
        aget: Callable[[], Awaitable[Any]] | None = self[2]
        return aget

    @property
    def deps(self) -> tuple[tuple[Any, str | None], ...] | None:
        """The (key, qualifier) pairs the getter uses (None: those of ``args``)."""
        deps: tuple[tuple[Any, str | None], ...] | None = self[3]
        return deps

    @property
    def kind(self) -> str:
        """The binding's kind (a ``Kind`` value)."""
        kind: str = self[4]
        return kind

    @property
    def impl(self) -> Any:
        """The class or factory the getter calls."""
        return self[5]

    @property
    def listed(self) -> tuple[Any, ...]:
        """The ``args`` given: only the keys when ``names`` are given."""
        listed: tuple[Any, ...] = self[6]
        return listed

    @property
    def location(self) -> str | None:
        """Where the binding was declared (``"module:qualname"``)."""
        location: str | None = self[7]
        return location

    @property
    def names(self) -> tuple[str, ...] | None:
        """The parameter names the listed keys are passed to, by position (or None)."""
        names: tuple[str, ...] | None = self[8]
        return names

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={v!r}" for n, v in zip(self._FIELDS, self, strict=True))
        return f"Spec({shown})"

    @property
    def args(self) -> tuple[tuple[str, Any, str | None, bool], ...]:
        """(param name, key, qualifier, positional) per argument."""
        if self.names is None:
            return self.listed
        return tuple(
            (name, key, None, True) for name, key in zip(self.names, self.listed, strict=True)
        )
