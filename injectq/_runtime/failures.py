"""A failing constructor or factory, reported as 0.5 did, once, where resolution began.

``get``/``aget`` (and ``@inject`` through them) catch what escapes resolution: an exception that
is not InjectQ's own becomes :class:`InjectionError`, chained to it, with 0.5's first line
(``Failed to instantiate <class ...>: msg`` / ``Failed to invoke factory <function ...>: msg``).
Nothing runs while nothing raises: the failing callable is found afterwards, from the traceback
(the first frame after the last frame of injectq, a compiled resolver or a generated module),
and matched to a binding by its code object, so runtime and generated containers agree.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from types import CodeType, FrameType, FunctionType, MethodType, TracebackType
from typing import Any

from .._errors import InjectionError
from .keys import show

__all__ = ["failure"]

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
_ASYNC = 0x80 | 0x200  # CO_COROUTINE | CO_ASYNC_GENERATOR
_CONSTRUCTORS = ("__init__", "__new__", "__post_init__")
_COMPILED = "injectq."  # the accelerator's frames name their module, not a file of the package


def failure(container: Any, rk: Any, error: Exception) -> InjectionError:
    """``error`` (raised while resolving ``rk``) as 0.5's InjectionError for its callable."""
    frame = _failing_frame(error.__traceback__, _generated_file(container))
    found = None if frame is None else _binding_of(container, frame.f_code)
    if found is None and frame is not None:
        found = _by_qualname(frame)
    failed, target = found if found is not None else (rk, rk)
    exc = InjectionError(f"{_what(target)}: {error}")
    exc.failed_key = failed
    return exc


def _what(target: Any) -> str:
    if isinstance(target, type):
        return f"Failed to instantiate {target}"
    code = getattr(target, "__code__", None)
    if code is None:
        return f"Failed to instantiate {show(target)}"
    if code.co_flags & _ASYNC:
        return f"Failed to invoke async factory {target}"
    return f"Failed to invoke factory {target}"


def _generated_file(container: Any) -> str | None:
    wiring = getattr(type(container), "wiring", None)
    code = getattr(wiring, "__code__", None)
    return None if code is None else code.co_filename


def _failing_frame(tb: TracebackType | None, generated: str | None) -> FrameType | None:
    """The frame right after the last frame of the resolution machinery."""
    after: FrameType | None = None
    machinery = False
    while tb is not None:
        frame = tb.tb_frame
        filename = frame.f_code.co_filename
        if (
            filename.startswith((_PACKAGE, "<injectq"))
            or filename == generated
            or frame.f_globals.get("__name__", "").startswith(_COMPILED)
        ):
            machinery, after = True, None
        elif machinery and after is None:
            after = frame
        tb = tb.tb_next
    return after


def _binding_of(container: Any, code: CodeType) -> tuple[Any, Any] | None:
    """(key, callable) of the binding whose class or factory runs ``code``."""
    for rk, obj in _bound(container):
        fn = obj.__dict__.get("__init__") if isinstance(obj, type) else obj
        for _ in range(8):  # @inject (or another wrapper) on __init__ or a factory
            if not isinstance(fn, (FunctionType, MethodType)):
                break
            if fn.__code__ is code:
                return rk, obj
            fn = getattr(fn, "__wrapped__", None)
    return None


def _bound(container: Any) -> Iterable[tuple[Any, Any]]:
    for rk, plan in list(container._table.plans.items()):
        yield rk, plan.binding.obj
    for rk, spec in list(getattr(container._source, "specs", {}).items()):
        yield rk, spec.impl


def _by_qualname(frame: FrameType) -> tuple[Any, Any] | None:
    """A callable the bindings do not name (a class built for a dependency): by qualname."""
    code = frame.f_code
    parts = getattr(code, "co_qualname", code.co_name).split(".")
    if parts[-1] in _CONSTRUCTORS:
        owner = frame.f_locals.get("self", frame.f_locals.get("cls"))
        cls = owner if isinstance(owner, type) else type(owner) if owner is not None else None
        return (cls, cls) if cls is not None else None
    obj: Any = frame.f_globals.get(parts[0])
    for part in parts[1:]:
        obj = getattr(obj, part, None)
    return (None, obj) if getattr(obj, "__code__", None) is code else None
