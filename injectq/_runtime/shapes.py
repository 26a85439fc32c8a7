"""Straight-line resolvers for the runtime container, compiled once per shape.

A plan's getter is one Python function: its lifetime check and the construction call with every
argument written out (``fn(g0(), g1(), name=g2())``), and an already-built singleton argument
read from the singleton store instead of being called. The source of each *shape* (lifetime,
arity, keyword names, which arguments are singletons) is compiled once and registered in
``linecache`` so tracebacks show it; plans of the same shape share the compiled factory.
"""

from __future__ import annotations

import linecache
import threading
from collections.abc import Callable
from typing import Any

from .._errors import InjectQError
from .scopes import MISSING, discard

__all__ = ["COMPILE_LOCK", "FIND_BLOCK", "Arg", "exec_factory", "straight"]

# (keyword name or None for positional, getter, singleton key to read first or MISSING)
Arg = tuple[str | None, Callable[[], Any], Any]
_FACTORIES: dict[tuple[str, tuple[tuple[str | None, str], ...]], Callable[..., Any]] = {}
COMPILE_LOCK = threading.Lock()

_BODY = {
    "transient": """
    def get():
        try:
            return fn({call})
        except InjectQError:
            raise
        except Exception as error:
            raise translate(error) from error
""",
    "singleton": """
    def get():
        if rk in store:
            return store[rk]
        with lock:
            if rk in store:
                return store[rk]
            try:
                value = fn({call})
            except InjectQError:
                raise
            except Exception as error:
                raise translate(error) from error
            store[rk] = value
            return value
""",
    "scoped": """
        cache = state.cache
        value = cache.get(rk, MISSING)
        if value is not MISSING:
            return value
        try:
            value = fn({call})
        except InjectQError:
            raise
        except Exception as error:
            raise translate(error) from error
        return cache.setdefault(rk, value)
""",
    "scoped_resource": """
        cache = state.cache
        value = cache.get(rk, MISSING)
        if value is not MISSING:
            return value
        if state.closed:
            state.check_open()
        try:
            value, item = enter(fn({call}), label)
        except InjectQError:
            raise
        except Exception as error:
            raise translate(error) from error
        if cache.setdefault(rk, value) is value:
            state._items.append(item)
            return value
        discard(item)  # another thread entered this block's first: keep that one, close ours
        return cache[rk]
""",
}

# A scoped getter comes with ``get.within(state)`` for parents in the same block: they hand the
# block over instead of looking it up again, and read an instance already built from its cache.
FIND_BLOCK = """
        state = current()
        while state is not None and state.name != name:
            state = state.parent
        if state is None:
            state = ambient(name, rk)
"""
_PAIR = "\n    def get():{find}{body}\n    def get_in(state):{body}\n    get.within = get_in\n"


def _factory(mode: str, shape: tuple[tuple[str | None, str], ...]) -> Callable[..., Any]:
    key = (mode, shape)
    factory = _FACTORIES.get(key)
    if factory is not None:
        return factory
    with COMPILE_LOCK:
        factory = _FACTORIES.get(key)
        if factory is None:
            factory = _FACTORIES[key] = _compile(mode, shape)
    return factory


def _compile(mode: str, shape: tuple[tuple[str | None, str], ...]) -> Callable[..., Any]:
    parts = []
    scoped = mode.startswith("scoped")
    for i, (keyword, how) in enumerate(shape):
        if how == "single":  # a built singleton is read, not called
            expr = f"(store[r{i}] if r{i} in store else g{i}())"
        elif how == "same" and scoped:  # in this very block: read it, or build it with the block
            expr = f"(cache[r{i}] if r{i} in cache else g{i}.within(state))"
        else:
            expr = f"g{i}()"
        parts.append(f"{keyword}={expr}" if keyword else expr)
    params = ", ".join(
        ["fn", "translate", "store", "lock", "rk", "current", "ambient", "name", "enter", "label"]
        + [f"g{i}" for i in range(len(shape))]
        + [f"r{i}" for i in range(len(shape))]
    )
    body = _BODY[mode]
    if scoped:
        body = _PAIR.format(find=FIND_BLOCK, body=body)
    body = body.format(call=", ".join(parts))
    source = f"def factory({params}):{body}    return get\n"
    filename = f"<injectq {mode} resolver {len(shape)} args #{len(_FACTORIES)}>"
    namespace: dict[str, Any] = {
        "InjectQError": InjectQError,
        "MISSING": MISSING,
        "discard": discard,
    }
    return exec_factory(source, filename, namespace)


def exec_factory(source: str, filename: str, namespace: dict[str, Any]) -> Callable[..., Any]:
    exec(compile(source, filename, "exec"), namespace)
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    return namespace["factory"]  # type: ignore[no-any-return]  # the function defined above


def straight(
    mode: str,
    fn: Any,
    args: list[Arg],
    translate: Callable[[Exception], Exception],
    *,
    store: dict[Any, Any] | None = None,
    lock: Any = None,
    rk: Any = None,
    current: Callable[[], Any] | None = None,
    ambient: Callable[[str, Any], Any] | None = None,
    name: str = "",
    enter: Callable[..., Any] | None = None,
    label: str = "",
) -> Callable[[], Any]:
    """The getter of one plan: ``mode`` is "transient", "singleton" or "scoped"."""
    shape = tuple((keyword, _how(getter, cached)) for keyword, getter, cached in args)
    factory = _factory(mode, shape)
    getters = [getter for _, getter, _ in args]
    keys = [getattr(cached, "rk", cached) for _, _, cached in args]
    return factory(  # type: ignore[no-any-return]  # builds the getter
        fn, translate, store, lock, rk, current, ambient, name, enter, label, *getters, *keys
    )


def _how(getter: Any, cached: Any) -> str:
    if cached is MISSING:
        return "sync"
    if hasattr(cached, "rk"):  # same_scope(rk): an argument living in the same block
        return "same" if hasattr(getter, "within") else "sync"
    return "single"
