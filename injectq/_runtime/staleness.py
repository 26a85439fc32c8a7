"""A generated module refuses to wire when a constructor or factory it calls changed shape.

``wire()`` records, per class or factory it calls, the parameter names it wrote the call for
(and how many it passes by position). When it wires, they are compared with the callable's code
object (``co_varnames``: no ``inspect``, no ``typing``). Equal names cost one slice and one
comparison; otherwise the call is still right when the positional arguments land on parameters of
the same names, the keyword ones exist, and every parameter it leaves out has a default (a
dataclass's inherited fields, a base class the generator did not read). Anything else is listed
in one :class:`StaleGeneratedModule`. Annotations, defaults' values and bodies are not compared.
"""

from __future__ import annotations

from .._errors import InjectQError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from types import FunctionType, MethodType
    from typing import Any

    Expected = tuple[Any, tuple[str, ...], int]  # (callable, parameter names, passed by position)
else:  # the same types, without importing ``types`` at start-up

    class _Bound:
        def method(self):
            pass

    FunctionType = type(_Bound.method)
    MethodType = type(_Bound().method)

__all__ = ["StaleGeneratedModule", "check_calls"]

_OBJECT_INIT = object.__init__


class StaleGeneratedModule(InjectQError):
    """A declaration changed since its generated module was written: regenerate it."""


def check_calls(module: str, expected: tuple[Expected, ...], regenerate: str) -> None:
    """Raise one error naming every callable whose parameters no longer fit its call."""
    changed = []
    for target, names, positional in expected:
        fn = target.__init__ if isinstance(target, type) else target  # type: ignore[misc]  # by MRO
        if fn is _OBJECT_INIT:  # a class without a constructor of its own
            if not names:
                continue
        elif isinstance(fn, FunctionType):  # the common case, inline: the names match
            code = fn.__code__
            skip = 0 if fn is target else 1
            if code.co_varnames[skip : code.co_argcount + code.co_kwonlyargcount] == names:
                continue  # (an @inject wrapper of plain parameters has the same names)
        found = _names(target)
        if found is None or found == names or _still_fits(target, found, names, positional):
            continue
        changed.append(
            f"  {_name(target)}: parameters ({', '.join(names)}) when generated, "
            f"now ({', '.join(found)})"
        )
    if changed:
        raise StaleGeneratedModule(
            f"the generated module {module!r} is stale: what it calls changed since it was "
            "generated\n" + "\n".join(changed) + f"\nregenerate it: {regenerate}"
        )


def _function(target: Any) -> tuple[Any, int]:
    """The function a call of ``target`` runs, and how many leading parameters are bound."""
    if isinstance(target, type):
        fn, skip = target.__init__, 1  # type: ignore[misc]  # the constructor, by the MRO
    elif isinstance(target, MethodType):
        fn, skip = target.__func__, 1
    else:
        fn, skip = target, 0
    while not isinstance(fn, FunctionType) and hasattr(fn, "__func__"):
        fn = fn.__func__
    wrapped = getattr(fn, "__wrapped__", None)  # @inject on __init__ or a factory
    while isinstance(wrapped, FunctionType):
        fn, wrapped = wrapped, getattr(wrapped, "__wrapped__", None)
    return fn, skip


def _names(target: Any) -> tuple[str, ...] | None:
    """The parameter names of ``target``'s call, from its code object (None: not Python code)."""
    fn, skip = _function(target)
    code = getattr(fn, "__code__", None)
    if code is None:
        return None if fn is not object.__init__ else ()
    return code.co_varnames[skip : code.co_argcount + code.co_kwonlyargcount]  # type: ignore[no-any-return]


def _still_fits(
    target: Any, found: tuple[str, ...], names: tuple[str, ...], positional: int
) -> bool:
    """Whether the generated call still binds every argument to a parameter of its name."""
    if found[:positional] != names[:positional] or not set(names[positional:]) <= set(found):
        return False
    fn, skip = _function(target)
    code = fn.__code__
    defaults = len(fn.__defaults__ or ())
    required = list(found[: code.co_argcount - skip - defaults])
    kwdefaults = fn.__kwdefaults__ or {}
    required += [n for n in found[code.co_argcount - skip :] if n not in kwdefaults]
    return set(required) <= set(names)


def _name(target: Any) -> str:
    fn = getattr(target, "__func__", target)
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', repr(target))}"
