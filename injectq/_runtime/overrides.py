"""Context-local overrides: ``with container.override(Key, fake):``.

An override is visible only in the context (task or thread) that entered it. While any override is
active anywhere, ``get`` leaves its dictionary fast path (one emptied view, no extra check) and
takes this slower path, which rebuilds only the keys whose dependency closure contains an
overridden key. Instances built from a fake live in the override layer and die with it.
"""

from __future__ import annotations

from contextvars import ContextVar

from .._errors import DependencyNotFoundError, InjectionError, ScopeError
from .._graph import SINGLETON, TRANSIENT
from .keys import live, show
from .locks import ForkSafeLock
from .scopes import Cleanup

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from types import TracebackType
    from typing import Any
    from weakref import ref

    from .container import InjectQ
    from .plans import Plan
    from .plantable import PlanTable

__all__ = ["Layer", "OverrideBlock", "Overrides"]


class Layer:
    """The overrides active in one context, and the instances built from them.

    ``blocks`` are the entered override blocks it is made of, innermost last. Instances of a scope
    built under it live in the scope block (its ``layers``, by layer): a long-lived override
    keeps no block alive.
    """

    __slots__ = ("blocks", "cleanup", "rebuilt", "singletons", "values")

    def __init__(self, blocks: tuple[OverrideBlock, ...], rebuilt: bool = False) -> None:
        self.blocks = blocks
        self.values = {block.rk: block.value for block in blocks}
        self.rebuilt = rebuilt  # made when a block was left out of order: nobody else closes it
        self.singletons: dict[Any, Any] = {}
        self.cleanup = Cleanup("override block")


class OverrideBlock:
    """Sync and async context manager installing one override layer.

    The layer is made when the block is entered (over whatever is active then), and a block may
    be left in any order: the active layer is then rebuilt from the blocks still entered.
    """

    __slots__ = ("_layer", "_overrides", "_previous", "rk", "value")

    def __init__(self, overrides: Overrides, rk: Any, value: Any) -> None:
        self._overrides = overrides
        self.rk = rk
        self.value = value
        self._layer: Layer | None = None
        self._previous: Layer | None = None

    def __enter__(self) -> Any:
        if self._layer is not None:
            raise ScopeError(f"the override of {show(self.rk)} is already entered")
        previous = self._overrides.var.get()
        blocks = (self,) if previous is None else (*previous.blocks, self)
        self._previous = previous
        self._layer = layer = Layer(blocks)
        self._overrides.push(layer)
        return layer.values

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for layer in self._leave():
            layer.cleanup.close(exc)

    async def __aenter__(self) -> Any:
        return self.__enter__()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for layer in self._leave():
            await layer.cleanup.aclose(exc)

    def _leave(self) -> list[Layer]:
        """Restore the layer without this block; the layers to tear down."""
        layer, previous = self._layer, self._previous
        if layer is None:
            raise ScopeError(f"the override of {show(self.rk)} is not entered")
        self._layer = self._previous = None
        current = self._overrides.var.get()
        done = [layer]
        if current is layer:  # the innermost block: back to what it was entered over
            restored = previous
        elif current is not None and self in current.blocks:  # left out of order
            rest = tuple(block for block in current.blocks if block is not self)
            restored = Layer(rest, rebuilt=True) if rest else None
            if current.rebuilt:
                done.append(current)
        else:  # left from another context: this one keeps what it has
            restored = current
        self._overrides.pop(restored)
        return done


class Overrides:
    """The overrides part of a container: active layers by context, and the slow path."""

    __slots__ = ("_container", "active", "lock", "table", "var")

    def __init__(self, container: ref[InjectQ], table: PlanTable) -> None:
        self._container = container
        self.table = table
        self.var: ContextVar[Layer | None] = ContextVar(
            f"injectq_overrides_{id(self)}", default=None
        )
        self.active = 0  # override blocks open in any context
        self.lock = ForkSafeLock()

    @property
    def container(self) -> InjectQ:
        """The container these overrides belong to."""
        return live(self._container)

    def block(self, rk: Any, value: Any) -> OverrideBlock:
        """The block resolving ``rk`` to ``value`` in the context that enters it."""
        return OverrideBlock(self, rk, value)

    def push(self, layer: Layer) -> None:
        """Enter a layer: the container leaves its dictionary fast path while any is open."""
        with self.lock:
            self.active += 1
            self.container._use_fast_path(False)
        self.var.set(layer)

    def pop(self, previous: Layer | None) -> None:
        """Leave a layer, making ``previous`` the one of this context."""
        self.var.set(previous)
        with self.lock:
            self.active -= 1
            self.container._use_fast_path(self.active == 0)

    def layer(self) -> Layer | None:
        """The layer of this context while any override is open anywhere, else None."""
        return self.var.get() if self.active else None

    # -- the slow path --------------------------------------------------------------------------
    def get(self, rk: Any, layer: Layer) -> Any:
        """Resolve ``rk`` under ``layer``, rebuilding what depends on an overridden key."""
        values = layer.values
        if rk in values:
            return values[rk]
        plan = self.table.deep_plan(rk)
        if not plan.closure.intersection(values):
            return plan.get()
        cache, owner = self._cache(plan, layer)
        if cache is not None and rk in cache:
            return cache[rk]
        slots = _slots(self.container, plan, layer)
        pos, kw = _assemble(slots, [self.get(v, layer) if todo else v for _, todo, v in slots])
        value = _construct(plan, pos, kw, owner)
        if cache is not None:
            cache[rk] = value
        return value

    async def aget(self, rk: Any, layer: Layer) -> Any:
        """``get`` for the async API: awaits async factories and resources."""
        values = layer.values
        if rk in values:
            return values[rk]
        plan = self.table.deep_plan(rk)
        if not plan.closure.intersection(values):
            return plan.get() if plan.aget is None else await plan.aget()
        cache, owner = self._cache(plan, layer)
        if cache is not None and rk in cache:
            return cache[rk]
        slots = _slots(self.container, plan, layer)
        values_in_order = [await self.aget(v, layer) if todo else v for _, todo, v in slots]
        pos, kw = _assemble(slots, values_in_order)
        binding = plan.binding
        from .resolvers import produce_function  # overridden async plans only

        produce = produce_function(binding.kind.value, is_async=True)
        value = await produce(binding.obj, owner, plan.label, pos, kw)
        if cache is not None:
            cache[rk] = value
        return value

    def _cache(self, plan: Plan, layer: Layer) -> tuple[dict[Any, Any] | None, Cleanup]:
        if plan.lifetime == SINGLETON:
            return layer.singletons, layer.cleanup
        stores = self.table.stores
        if plan.lifetime == TRANSIENT:
            return None, stores.transient_owner()
        state = stores.state_of(plan.lifetime, plan.rk)
        layers = state.layers
        if layers is None:
            with stores.lock:  # two threads must not each install a table
                layers = state.layers
                if layers is None:
                    layers = state.layers = {}
        return layers.setdefault(layer, {}), state


def _slots(container: InjectQ, plan: Plan, layer: Layer) -> list[tuple[Any, bool, Any]]:
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
            from .handles import handle_getter  # (and the markers): lazy parameters only

            slots.append((arg, False, handle_getter(container, arg.rk, arg.param.current)()))
        elif arg.mode == "missing":
            raise DependencyNotFoundError(arg.rk)
        else:
            slots.append((arg, False, _SKIP))
    return slots


_SKIP: Any = object()


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


def _construct(plan: Plan, pos: list[Any], kw: dict[str, Any], owner: Cleanup) -> Any:
    """The value of ``plan`` built from resolved arguments, as its resolver would produce it."""
    binding = plan.binding
    if binding.kind.is_async:
        raise InjectionError(f"{plan.label} is async; resolve it with 'await container.aget()'")
    from .resolvers import produce_function  # overridden plans only

    produce = produce_function(binding.kind.value, is_async=False)
    return produce(binding.obj, owner, plan.label, pos, kw)
