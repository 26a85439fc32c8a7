"""Context-local overrides: ``with container.override(Key, fake):``.

An override is visible only in the context (task or thread) that entered it. While any override is
active anywhere, ``get`` leaves its dictionary fast path (one emptied view, no extra check) and
takes this slower path, which rebuilds only the keys whose dependency closure contains an
overridden key. Instances built from a fake live in the override layer and die with it.
"""

from __future__ import annotations

import threading
from contextvars import ContextVar
from types import TracebackType
from typing import TYPE_CHECKING, Any

from .._declare.markers import Lazy
from .._errors import DependencyNotFoundError, InjectionError
from .._graph import SINGLETON, TRANSIENT, Kind
from .keys import runtime_key, split
from .scopes import Cleanup, active
from .state import ContainerState

if TYPE_CHECKING:
    from .plans import Plan

__all__ = ["OverrideBlock", "OverrideMixin"]


class Layer:
    """The overrides active in one context, and the instances built from them."""

    __slots__ = ("cleanup", "scoped", "singletons", "values")

    def __init__(self, values: dict[Any, Any]) -> None:
        self.values = values
        self.singletons: dict[Any, Any] = {}
        self.scoped: dict[Any, dict[Any, Any]] = {}
        self.cleanup = Cleanup("override block")


class OverrideBlock:
    """Sync and async context manager installing one override layer."""

    __slots__ = ("_container", "_layer", "_previous")

    def __init__(self, container: OverrideMixin, rk: Any, value: Any) -> None:
        self._container = container
        previous = container._ov_var.get()
        values = dict(previous.values) if previous is not None else {}
        values[rk] = value
        self._layer = Layer(values)
        self._previous = previous

    def __enter__(self) -> Any:
        self._container._ov_push(self._layer)
        return self._layer.values

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._container._ov_pop(self._previous)
        self._layer.cleanup.close(exc)

    async def __aenter__(self) -> Any:
        return self.__enter__()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._container._ov_pop(self._previous)
        await self._layer.cleanup.aclose(exc)


class OverrideMixin(ContainerState):
    """Mixin: ``override`` and the slow resolution path it needs."""

    def _init_overrides(self) -> None:
        self._ov_var = ContextVar(f"injectq_overrides_{id(self)}", default=None)
        self._ov_count = 0
        self._ov_lock = threading.Lock()

    def override(self, service_type: Any, value: Any, *, name: str | None = None) -> OverrideBlock:
        """Within the block (and only in this context) resolve ``service_type`` to ``value``.

        Everything resolved inside that depends on it, directly or transitively, is rebuilt with
        the fake, singletons included; nothing of it remains after the block.
        """
        return OverrideBlock(self, runtime_key(service_type, name), value)

    def _ov_push(self, layer: Layer) -> None:
        with self._ov_lock:
            self._ov_count += 1
            self._r = self._f = {}
            self._token = object()
        self._ov_var.set(layer)

    def _ov_pop(self, previous: Layer | None) -> None:
        self._ov_var.set(previous)
        with self._ov_lock:
            self._ov_count -= 1
            self._token = object()
            if self._ov_count == 0:
                self._r, self._f = self._singletons, self._getters

    # -- the slow path --------------------------------------------------------------------------
    def _ov_get(self, rk: Any, layer: Layer) -> Any:
        values = layer.values
        if rk in values:
            return values[rk]
        plan = self._plan(rk)
        if not plan.closure.intersection(values):
            return plan.get()
        cache, owner = self._ov_cache(plan, layer)
        if cache is not None and rk in cache:
            return cache[rk]
        slots = _slots(self, plan, layer)
        pos, kw = _assemble(slots, [self._ov_get(v, layer) if todo else v for _, todo, v in slots])
        value = _construct(plan, pos, kw, owner)
        if cache is not None:
            cache[rk] = value
        return value

    async def _ov_aget(self, rk: Any, layer: Layer) -> Any:
        values = layer.values
        if rk in values:
            return values[rk]
        plan = self._plan(rk)
        if not plan.closure.intersection(values):
            return plan.get() if plan.aget is None else await plan.aget()
        cache, owner = self._ov_cache(plan, layer)
        if cache is not None and rk in cache:
            return cache[rk]
        slots = _slots(self, plan, layer)
        values_in_order = [await self._ov_aget(v, layer) if todo else v for _, todo, v in slots]
        pos, kw = _assemble(slots, values_in_order)
        value = _construct(plan, pos, kw, owner, allow_async=True)
        if plan.binding.kind is Kind.ASYNC_GENERATOR:
            value = await owner.aenter_agen(value, plan.label)
        elif plan.binding.kind is Kind.ASYNC_CONTEXT_MANAGER:
            value = await owner.aenter(value, plan.label)
        elif plan.binding.kind in (Kind.ASYNC_FACTORY, Kind.AWAITABLE):
            value = await value
        if cache is not None:
            cache[rk] = value
        return value

    def _ov_cache(self, plan: Plan, layer: Layer) -> tuple[dict[Any, Any] | None, Cleanup]:
        if plan.lifetime == SINGLETON:
            return layer.singletons, layer.cleanup
        if plan.lifetime == TRANSIENT:
            return None, self._transient_owner()
        state = active(self._scope_var.get(), plan.lifetime) or self._ambient_state(
            plan.lifetime, plan.rk
        )
        return layer.scoped.setdefault(state, {}), state  # keyed by the block itself, not its id


def _slots(container: ContainerState, plan: Plan, layer: Layer) -> list[tuple[Any, bool, Any]]:
    """Per passed argument: (arg, whether the value is a key still to resolve, value or key)."""
    slots: list[tuple[Any, bool, Any]] = []
    values = layer.values
    for arg in plan.args:
        if arg.rk is not None and arg.rk in values and arg.mode != "lazy":
            slots.append((arg, False, values[arg.rk]))
        elif arg.mode == "dep":
            slots.append((arg, True, arg.rk))
        elif arg.mode == "container":
            slots.append((arg, False, container))
        elif arg.mode == "lazy":
            key, name = split(arg.rk)
            slots.append((arg, False, _lazy(container, key, name)))
        elif arg.mode == "missing":
            raise DependencyNotFoundError(arg.rk)
        else:
            slots.append((arg, False, _SKIP))
    return slots


_SKIP: Any = object()


def _lazy(container: ContainerState, key: Any, name: str | None) -> Lazy[Any]:
    return Lazy(lambda: container.get(key, name))


def _assemble(
    slots: list[tuple[Any, bool, Any]], values: list[Any]
) -> tuple[list[Any], dict[str, Any]]:
    pos: list[Any] = []
    kw: dict[str, Any] = {}
    skipped = False
    for (arg, _, _), value in zip(slots, values, strict=True):
        if value is _SKIP:
            skipped = True  # a default applies: later arguments go by keyword
        elif arg.positional and not kw and not skipped:
            pos.append(value)
        else:
            kw[arg.name] = value
    return pos, kw


def _construct(
    plan: Plan, pos: list[Any], kw: dict[str, Any], owner: Cleanup, allow_async: bool = False
) -> Any:
    binding = plan.binding
    kind = binding.kind
    if kind is Kind.INSTANCE:
        return binding.obj
    if kind.is_async and not allow_async:
        raise InjectionError(f"{plan.label} is async; resolve it with 'await container.aget()'")
    if kind is Kind.AWAITABLE:
        return binding.obj
    fn = binding.obj
    if kind is Kind.GENERATOR:
        return owner.enter_gen(fn(*pos, **kw), plan.label)
    if kind is Kind.CONTEXT_MANAGER:
        return owner.enter(fn(*pos, **kw), plan.label)
    if kind is Kind.ASYNC_GENERATOR:
        return fn(*pos, **kw)
    return fn(*pos, **kw)
