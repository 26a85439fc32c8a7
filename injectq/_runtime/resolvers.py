"""Compiled resolvers: the text of :mod:`injectq._runtime.shapes` composed, once per shape.

A plan's getter is one Python function: its lifetime protocol and the construction call with every
argument written out (``fn(g0(), g1(), name=g2())``), an argument already built read from its
store instead of being called. The source of each shape (mode, kind, arity, keyword names, how
each argument is read) is compiled once and registered in ``linecache`` so tracebacks show it;
plans of the same shape share the compiled factory.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

from .locks import ForkSafeLock
from .scopes import AGEN, MISSING, no_value
from .shapes import (
    ARG,
    ASYNC,
    ASYNC_PRODUCE,
    CREATE_IN_BLOCK,
    ENTER_AGEN_INLINE,
    FIND_BLOCK,
    HOLD,
    KEEP,
    PRODUCE,
    SYNC,
    TRY_IN,
    fill,
)
from .waiting import once, wait_for

__all__ = ["ArgLine", "fill", "produce_function", "resolver", "same_scope"]

ArgLine = tuple[str | None, Callable[[], Any], Any, Any]
"""One passed argument: (keyword or None, sync getter, async getter or None, cached).

``cached`` is MISSING (call the getter), a key (a singleton read from the store first) or
``same_scope(key)`` (built in the same block: read the block's cache first).
"""
Shape = tuple[tuple[str | None, str], ...]
_PARAMS = (
    "fn",
    "store",
    "lock",
    "drop",
    "rk",
    "current",
    "ambient",
    "name",
    "label",
    "pending",
    "container_owner",
    "transient_owner",
    "custom",
)
_NAMESPACE: dict[str, Any] = {
    "MISSING": MISSING,
    "AGEN": AGEN,
    "no_value": no_value,
    "once": once,
    "wait_for": wait_for,
}
_RESOURCES = ("generator", "context_manager", "async_generator", "async_context_manager")
_AWAITED = ("async_factory", "async_generator", "async_context_manager", "awaitable")
_FACTORIES: dict[tuple[bool, str, str, Shape], Callable[..., Any]] = {}
_LOCK = ForkSafeLock()  # a forked child must be able to compile shapes


class _Same:
    """Marks an argument in the same scope as the plan: check the block's cache first."""

    __slots__ = ("rk",)

    def __init__(self, rk: Any) -> None:
        self.rk = rk


def same_scope(rk: Any) -> Any:
    """``cached`` for an argument that lives in the same block as the plan."""
    return _Same(rk)


def resolver(
    is_async: bool,
    mode: str,
    kind: str,
    fn: Any,
    args: list[ArgLine],
    env: dict[str, Any],
) -> Callable[[], Any]:
    """The getter of one plan. ``mode``: transient, singleton, scoped, scoped_resource, custom.

    ``env`` holds the names of :data:`_PARAMS` the shape uses (the rest are None).
    """
    how = _async_how if is_async else _sync_how
    shape = tuple(
        (keyword, how(getter, agetter, cached)) for keyword, getter, agetter, cached in args
    )
    key = (is_async, mode, kind, shape)
    factory = _FACTORIES.get(key)
    if factory is None:
        with _LOCK:
            factory = _FACTORIES.get(key)
            if factory is None:
                factory = _FACTORIES[key] = _compile(is_async, mode, kind, shape)
    keys = [cached.rk if isinstance(cached, _Same) else cached for _, _, _, cached in args]
    used = [a[2] if is_async else a[1] for a in args]  # whose within/try_in the shape calls
    return factory(  # type: ignore[no-any-return]  # builds the getter
        fn,
        *[env.get(name) for name in _PARAMS[1:]],
        *[a[1] for a in args],
        *[a[2] for a in args],
        *keys,
        *[getattr(getter, "within", None) for getter in used],
        *[getattr(getter, "try_in", None) for getter in used],
    )


def _sync_how(getter: Any, agetter: Any, cached: Any) -> str:
    if cached is MISSING:
        return "sync"
    if isinstance(cached, _Same):
        return "same" if hasattr(getter, "within") else "sync"
    return "single"


def _async_how(getter: Any, agetter: Any, cached: Any) -> str:
    if agetter is None:
        return "sync" if cached is MISSING else "single"
    if isinstance(cached, _Same):
        if hasattr(agetter, "try_in"):
            return "async_try"
        return "async_within" if hasattr(agetter, "within") else "async_same"
    return "async" if cached is MISSING else "async_single"


def _compile(is_async: bool, mode: str, kind: str, shape: Shape) -> Callable[..., Any]:
    source = (_async_source if is_async else _sync_source)(mode, kind, shape)
    arity = len(shape)
    params = ", ".join([*_PARAMS, *(f"{p}{i}" for p in "garwt" for i in range(arity))])
    source = f"def factory({params}):\n{textwrap.indent(source, '    ')}"
    what = f"{'async ' if is_async else ''}{mode} {kind}"
    filename = f"<injectq {what} resolver {arity} args #{len(_FACTORIES)}>"
    return exec_factory(source, filename, dict(_NAMESPACE))


def exec_factory(source: str, filename: str, namespace: dict[str, Any]) -> Callable[..., Any]:
    """Compile ``source`` (which defines ``factory``), registered in linecache for tracebacks."""
    import linecache  # (and tokenize): loaded when the first resolver is compiled

    exec(compile(source, filename, "exec"), namespace)
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    return namespace["factory"]  # type: ignore[no-any-return]  # the function defined above


def _call(shape: Shape, exprs: list[str]) -> str:
    return ", ".join(
        f"{keyword}={expr}" if keyword else expr
        for (keyword, _), expr in zip(shape, exprs, strict=True)
    )


# How the runtime fills the shapes' placeholders that name things (generated code names them).
_NAMES = {"key": "rk", "fn": "fn", "label": "label", "annotation": "", "lock": "lock(rk)"}
_SINGLETON = {
    **{part: fill(text, key="rk") for part, text in HOLD["store"].items()},
    "declare": "",
    "remember": "",
    "create": "create",
    "drop": "drop(rk, None)\n",
}
_FIND_BLOCK = fill(FIND_BLOCK, scope="name", ambient="ambient(name, rk)")


def _produce(table: dict[str, str], kind: str, call: str, tag: str) -> str:
    return fill(table[kind], call=call, tag=tag, fn="fn", label="label")


def _statements(produce: str, call: str, kind: str = "") -> dict[str, str]:
    keep = KEEP.get(kind)  # a scoped resource: opened and published by its block
    kept = "" if keep is None else fill(keep, key="rk", fn="fn", call=call, label="label")
    return {
        "returned": f"return {produce}\n",
        "produced": f"value = {produce}\n",
        "kept": f"return {kept}\n",
    }


def _owner(mode: str, kind: str) -> str:
    """The line choosing who tears a resource down (empty when the kind opens none)."""
    if kind not in _RESOURCES:
        return ""
    if mode in ("singleton", "custom"):
        return "owner = container_owner\n"
    if mode.startswith("scoped"):
        return "owner = state\n"
    return "owner = transient_owner()\n"


def _sync_source(mode: str, kind: str, shape: Shape) -> str:
    scoped = mode.startswith("scoped")
    exprs = [_sync_expr(how, scoped).format(i=i) for i, (_, how) in enumerate(shape)]
    call = _call(shape, exprs)
    produce = _produce(PRODUCE, kind, call, ", rk" if mode == "singleton" else "")
    values = {**_NAMES, **_SINGLETON, "owner": _owner(mode, kind), "produce": produce}
    values.update(_statements(produce, call, kind))
    body = fill(SYNC[mode], **values)
    if scoped:
        return (
            f"def get():\n{textwrap.indent(_FIND_BLOCK + body, '    ')}\n"
            f"def get_in(state):\n{textwrap.indent(body, '    ')}\n"
            "get.within = get_in\nreturn get\n"
        )
    source = f"def get():\n{textwrap.indent(body, '    ')}\n"
    if mode == "custom":
        build = fill(SYNC["transient"], **values)
        source += f"def build():\n{textwrap.indent(build, '    ')}\n"
    return source + "return get\n"


def _sync_expr(how: str, scoped: bool) -> str:
    if how == "same" and not scoped:
        return ARG["sync"]  # outside a block there is no cache to read
    return ARG[how]


def _async_expr(how: str, scoped: bool) -> str:
    if how.startswith("async_") and how != "async_single" and not scoped:
        return ARG["async"]  # outside a block there is no cache to read
    return ARG[how]


def _async_source(mode: str, kind: str, shape: Shape) -> str:
    scoped = mode == "scoped"
    exprs = [_async_expr(how, scoped).format(i=i) for i, (_, how) in enumerate(shape)]
    prepare = ""
    if scoped and kind not in _AWAITED:
        # arguments first (awaiting what they need), then check-and-build with no await between
        mode = "scoped_sync"
        prepare = "".join(f"x{i} = {expr}\n" for i, expr in enumerate(exprs))
        exprs = [f"x{i}" for i in range(len(shape))]
    call = _call(shape, exprs)
    produce = _produce(ASYNC_PRODUCE, kind, call, "")
    values = {**_NAMES, **_SINGLETON, "owner": _owner(mode, kind), "produce": produce}
    values.update(_statements(produce, call), prepare=prepare)
    if mode == "scoped":
        block = f"value = {produce}\n"
        if kind == "async_generator":  # entered inline: no coroutine for it
            block = fill(ENTER_AGEN_INLINE, call=call, fn="fn", label="label", value="value")
        values["created"] = fill(
            CREATE_IN_BLOCK, **values, produce_block=block, retry="aget_in", value="value"
        )
    body = fill(ASYNC[mode], **values)
    if mode.startswith("scoped"):
        source = (
            f"async def aget():\n{textwrap.indent(_FIND_BLOCK + body, '    ')}\n"
            f"async def aget_in(state):\n{textwrap.indent(body, '    ')}\n"
            "aget.within = aget_in\n"
        )
        return source + _try_in(mode, kind, shape, produce) + "return aget\n"
    source = f"async def aget():\n{textwrap.indent(body, '    ')}\n"
    if mode == "singleton":
        create = fill(ASYNC["transient"], **{**values, "owner": _owner("singleton", kind)})
        source += f"async def create():\n{textwrap.indent(create, '    ')}\n"
    return source + "return aget\n"


def _try_in(mode: str, kind: str, shape: Shape, produce: str) -> str:
    """``aget.try_in(state)`` for a scoped, synchronously produced plan whose awaited arguments
    are singletons or live in the same block (see :data:`shapes.TRY_IN`)."""
    if mode != "scoped_sync" or any(how == "async" for _, how in shape):
        return ""
    ready, rest = [], []
    for i, (_, how) in enumerate(shape):  # awaited arguments first: nothing is built in vain
        if how == "async_single":
            ready.append(f"x{i} = store.get(r{i}, MISSING)\n")
        elif how in ("async_same", "async_within", "async_try"):
            ready.append(f"x{i} = cache.get(r{i}, MISSING)\n")
        else:
            rest.append(f"x{i} = {ARG[how].format(i=i)}\n")
            continue
        ready.append(f"if x{i} is MISSING:\n    return MISSING\n")
    values = {**_NAMES, "ready": "".join(ready), "rest": "".join(rest), "produce": produce}
    values.update(_statements(produce, ""), owner=_owner(mode, kind))
    body = fill(TRY_IN, **values)
    return f"def try_in(state):\n{textwrap.indent(body, '    ')}\naget.try_in = try_in\n"


_PRODUCERS: dict[tuple[bool, str], Callable[..., Any]] = {}


def produce_function(kind: str, is_async: bool) -> Callable[..., Any]:
    """``produce(fn, owner, label, args, kwargs)``: the value of one call, by :data:`PRODUCE`.

    The override path builds values with it from arguments it resolved itself.
    """
    key = (is_async, kind)
    found = _PRODUCERS.get(key)
    if found is None:
        table = ASYNC_PRODUCE if is_async else PRODUCE
        produce = _produce(table, kind, "*args, **kwargs", "")
        head = "async def" if is_async else "def"
        source = (
            "def factory():\n"
            f"    {head} produce(fn, owner, label, args, kwargs):\n"
            f"        return {produce}\n"
            "    return produce\n"
        )
        factory = exec_factory(source, f"<injectq produce {kind}>", dict(_NAMESPACE))
        found = _PRODUCERS[key] = factory()
    return found
