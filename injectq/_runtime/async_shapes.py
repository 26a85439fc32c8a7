"""Straight-line async resolvers, compiled once per shape (see ``shapes`` for the idea).

An async getter awaits only the arguments whose subtree is async; an argument already built (an
async singleton in the store, a dependency in the same block) is read instead. A scoped getter
comes with ``within(state)`` for parents in the same block, and, when it produces synchronously,
``try_in(state)``, which builds without a coroutine when everything it awaits is ready.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._errors import InjectQError, ResourceError
from .scopes import AGEN, MISSING, once, wait_for
from .shapes import COMPILE_LOCK, FIND_BLOCK, exec_factory

__all__ = ["AsyncArg", "astraight", "same_scope"]

# (keyword or None, sync getter, async getter or None, singleton key or MISSING)
AsyncArg = tuple[str | None, Callable[[], Any], Any, Any]

# How an async resolver turns the call into the value, by binding kind.
_PRODUCE = {
    "class": "fn({call})",
    "factory": "fn({call})",
    "async_factory": "await fn({call})",
    "generator": "owner.enter_gen(fn({call}), label)",
    "context_manager": "owner.enter(fn({call}), label)",
    "async_generator": "await owner.aenter_agen(fn({call}), label)",
    "async_context_manager": "await owner.aenter(fn({call}), label)",
}
_NEEDS_OWNER = {"generator", "context_manager", "async_generator", "async_context_manager"}

_ABODY = {
    "transient": """
    async def aget():
{owner}        try:
            return {produce}
        except InjectQError:
            raise
        except Exception as error:
            raise translate(error) from error
""",
    "singleton": """
    async def aget():
        if rk in store:
            return store[rk]
        return await once(pending, store, rk, create)

    async def create():
        owner = container_owner
        try:
            return {produce}
        except InjectQError:
            raise
        except Exception as error:
            raise translate(error) from error
""",
    "scoped_sync": """
{cache}        value = cache.get(rk, MISSING)
        if value is not MISSING:
            return value
{prepare}        value = cache.get(rk, MISSING)
        if value is MISSING:  # no await from this check to the store: built exactly once
            if state.closed:
                state.check_open()
            owner = state
            try:
                value = {produce}
            except InjectQError:
                raise
            except Exception as error:
                raise translate(error) from error
            cache[rk] = value
        return value
""",
    "scoped": """
{cache}        value = cache.get(rk, MISSING)
        if value is not MISSING:
            return value
        pending = state._pending
        if pending is None:
            pending = state._pending = {{}}
        if rk in pending:
            return await wait_for(pending, rk)
        if state.closed:
            state.check_open()
        pending[rk] = None  # a Waiting is made only if another task waits
        owner = state
        try:
{produce_block}
        except BaseException as error:
            waiting = pending.pop(rk)
            if waiting is not None:
                waiting.fail(error)
            if isinstance(error, InjectQError) or not isinstance(error, Exception):
                raise
            raise translate(error) from error
        waiting = pending.pop(rk)
        cache[rk] = value
        if waiting is not None:
            waiting.done(value)
        return value
""",
}

# Scoped resolvers come in two copies: ``aget()`` finds the block, ``aget_in(state)`` is given it
# by a parent in the same block (``aget.within``), which saves the lookup on every dependency.
_SCOPED_PAIR = (
    "\n    async def aget():{find}{body}"
    "\n    async def aget_in(state):\n{body}\n    aget.within = aget_in\n"
)

_AFACTORIES: dict[tuple[str, str, tuple[tuple[str | None, str], ...]], Callable[..., Any]] = {}


def _acompile(
    mode: str, kind: str, shape: tuple[tuple[str | None, str], ...]
) -> Callable[..., Any]:
    parts = []
    for i, (keyword, how) in enumerate(shape):
        if how == "single":
            expr = f"(store[r{i}] if r{i} in store else g{i}())"
        elif how == "async_single":  # an async singleton already built is read, not awaited
            expr = f"(store[r{i}] if r{i} in store else await a{i}())"
        elif how == "async_try" and mode == "scoped":  # same block: built without a coroutine
            expr = (
                f"(cache[r{i}] if r{i} in cache else y{i} if (y{i} := a{i}.try_in(state))"
                f" is not MISSING else await a{i}.within(state))"
            )
        elif how == "async_within" and mode == "scoped":  # same block: hand it over
            expr = f"(cache[r{i}] if r{i} in cache else await a{i}.within(state))"
        elif how == "async_same" and mode == "scoped":  # built earlier in this very block
            expr = f"(cache[r{i}] if r{i} in cache else await a{i}())"
        elif how in ("async", "async_same", "async_within", "async_try"):
            expr = f"(await a{i}())"
        else:
            expr = f"g{i}()"
        parts.append(f"{keyword}={expr}" if keyword else expr)
    prepare = ""
    if mode == "scoped" and not kind.startswith("async"):
        # arguments first (awaiting what they need), then check-and-build with no await between
        mode = "scoped_sync"
        prepare = "".join(
            f"        x{i} = {expr.split('=', 1)[-1] if keyword else expr}\n"
            for i, ((keyword, _), expr) in enumerate(zip(shape, parts, strict=True))
        )
        parts = [f"{keyword}=x{i}" if keyword else f"x{i}" for i, (keyword, _) in enumerate(shape)]
    produce = _PRODUCE[kind].format(call=", ".join(parts))
    attempt = _attempt(mode, shape, produce)
    owner = "        owner = transient_owner()\n" if kind in _NEEDS_OWNER else ""
    template = _ABODY[mode]
    if mode.startswith("scoped"):
        template = _SCOPED_PAIR.format(find=FIND_BLOCK, body=template)
    produce_block = f"            value = {produce}"
    if mode == "scoped" and kind == "async_generator":  # entered inline: no coroutine for it
        produce_block = (
            f"            agen = fn({', '.join(parts)})\n"
            "            value = await anext(agen, MISSING)\n"
            "            if value is MISSING:\n"
            "                raise ResourceError(f'resource {label} did not yield a value')\n"
            "            owner._items.append((AGEN, agen, label, None))"
        )
    body = template.format(
        produce=produce,
        produce_block=produce_block,
        owner=owner,
        prepare=prepare,
        cache="        cache = state.cache\n",
    )
    params = ", ".join(
        ["fn", "translate", "store", "rk", "current", "ambient", "name", "label", "pending"]
        + ["container_owner", "transient_owner"]
        + [f"{p}{i}" for p in "gar" for i in range(len(shape))]
    )
    source = f"def factory({params}):{body}{attempt}    return aget\n"
    filename = f"<injectq async {mode} {kind} resolver {len(shape)} args #{len(_AFACTORIES)}>"
    namespace: dict[str, Any] = {
        "InjectQError": InjectQError,
        "MISSING": MISSING,
        "wait_for": wait_for,
        "once": once,
        "AGEN": AGEN,
        "ResourceError": ResourceError,
    }
    return exec_factory(source, filename, namespace)


def _how(agetter: Any, cached: Any) -> str:
    """How an async resolver gets one argument (see ``_acompile``)."""
    if agetter is None:
        return "sync" if cached is MISSING else "single"
    if isinstance(cached, _Same):
        if hasattr(agetter, "try_in"):
            return "async_try"
        return "async_within" if hasattr(agetter, "within") else "async_same"
    return "async" if cached is MISSING else "async_single"


class _Same:
    """Marks an async argument in the same scope as the plan: check the block's cache first."""

    __slots__ = ("rk",)

    def __init__(self, rk: Any) -> None:
        self.rk = rk


def same_scope(rk: Any) -> Any:
    return _Same(rk)


def _attempt(mode: str, shape: tuple[tuple[str | None, str], ...], produce: str) -> str:
    """``aget.try_in(state)``: build without awaiting when every awaited argument is ready.

    Only for a scoped, synchronously produced plan whose awaited arguments are singletons or
    live in the same block; returns MISSING when one of them is not built yet.
    """
    if mode != "scoped_sync" or any(how == "async" for _, how in shape):
        return ""
    lines = [
        "\n    def try_in(state):",
        "        cache = state.cache",
        "        value = cache.get(rk, MISSING)",
        "        if value is not MISSING:",
        "            return value",
    ]
    for i, (_, how) in enumerate(shape):  # awaited arguments first: nothing is built in vain
        if how == "async_single":
            lines += [f"        x{i} = store.get(r{i}, MISSING)"]
        elif how in ("async_same", "async_within", "async_try"):
            lines += [f"        x{i} = cache.get(r{i}, MISSING)"]
        else:
            continue
        lines += [f"        if x{i} is MISSING:", "            return MISSING"]
    for i, (_, how) in enumerate(shape):
        if how == "single":
            lines.append(f"        x{i} = store[r{i}] if r{i} in store else g{i}()")
        elif how == "sync":
            lines.append(f"        x{i} = g{i}()")
    lines += [
        "        if state.closed:",
        "            state.check_open()",
        "        owner = state",
        "        try:",
        f"            value = {produce}",
        "        except InjectQError:",
        "            raise",
        "        except Exception as error:",
        "            raise translate(error) from error",
        "        cache[rk] = value",
        "        return value",
        "",
        "    aget.try_in = try_in",
        "",
    ]
    return "\n".join(lines) + "\n"


def astraight(
    mode: str,
    kind: str,
    fn: Any,
    args: list[AsyncArg],
    translate: Callable[[Exception], Exception],
    *,
    store: dict[Any, Any],
    rk: Any,
    current: Callable[[], Any],
    ambient: Callable[[str, Any], Any],
    name: str,
    label: str,
    pending: dict[Any, Any],
    container_owner: Any,
    transient_owner: Callable[[], Any],
) -> Callable[[], Any]:
    """The async getter of one plan, awaiting only the arguments whose subtree is async."""
    shape = tuple((keyword, _how(agetter, cached)) for keyword, _, agetter, cached in args)
    key = (mode, kind, shape)
    factory = _AFACTORIES.get(key)
    if factory is None:
        with COMPILE_LOCK:
            factory = _AFACTORIES.get(key)
            if factory is None:
                factory = _AFACTORIES[key] = _acompile(mode, kind, shape)
    return factory(  # type: ignore[no-any-return]  # builds the getter
        fn,
        translate,
        store,
        rk,
        current,
        ambient,
        name,
        label,
        pending,
        container_owner,
        transient_owner,
        *[a[1] for a in args],
        *[a[2] for a in args],
        *[a[3].rk if isinstance(a[3], _Same) else a[3] for a in args],
    )
