"""``@inject``: fill a function's missing parameters from the current container.

The function's parameters are analysed on its first call (so names imported late, or only under
``TYPE_CHECKING`` and available by then, still resolve) and the result is reused. In generated
mode the plan comes from the generated module and nothing is analysed at all.
"""

from __future__ import annotations

import functools
import inspect
import itertools
import keyword
from collections.abc import Callable, Iterator
from typing import Any, Protocol, TypeVar, overload

from .._current import current_container
from .._errors import DependencyNotFoundError, InjectionError, InjectQError
from .._graph import SINGLETON, TRANSIENT, Kind
from .introspect import params_of
from .keys import is_container_type, runtime_key, split
from .locks import ForkSafeLock
from .resolvers import exec_factory

__all__ = ["inject"]

R = TypeVar("R")
# qualname -> ((param name, positional index, key, qualifier, required), ...); filled by generated
# modules so @inject never reflects in production.
INJECT_PLANS: dict[str, tuple[tuple[str, object, str | None, bool], ...]] = {}

_Spec = tuple[tuple[str, int, Any, bool], ...]


class _Plan:
    __slots__ = ("func", "lock", "spec")

    def __init__(self, func: Callable[..., Any]) -> None:
        self.func = func
        self.spec: _Spec | None = None
        self.lock = ForkSafeLock()

    def fast_getters(self, container: Any) -> list[Callable[[], Any]] | None:
        """Getters for calls that pass nothing, when every parameter has a complete plan."""
        spec = self.get(container)
        getters: list[Callable[[], Any]] = []
        for position, (name, index, target, _required) in enumerate(spec):
            if index != position or position > 3:
                return None
            getter = _getter(container, name, target)
            if getter is None:
                return None
            getters.append(getter)
        return getters

    def get(self, container: Any) -> _Spec:
        spec = self.spec
        if spec is None:
            container._prepare()  # a generated container registers @inject plans when wired
            with self.lock:
                spec = self.spec = self.spec or self._analyse()
        return spec

    def _analyse(self) -> _Spec:
        func = self.func
        names = list(getattr(func, "__injectq_signature__", None) or _names(func))
        planned = INJECT_PLANS.get(f"{func.__module__}.{func.__qualname__}")
        if planned is not None:
            return tuple(
                (n, names.index(n), _SELF if is_container_type(key) else runtime_key(key, q), req)
                for n, key, q, req in planned
            )
        spec = []
        for param in params_of(func):
            if param.key is None:
                continue  # untyped parameters are left to the caller, as in 0.5
            key = param.annotation if param.key is not None else None
            rk = (
                runtime_key(key, param.key.name if param.key else None) if key is not None else None
            )
            spec.append((param.name, names.index(param.name), (param, rk), param.required))
        return tuple(spec)


def _names(func: Callable[..., Any]) -> list[str]:
    """Parameter names in positional order, read from the code object (no signature walk)."""
    code = getattr(inspect.unwrap(func), "__code__", None)
    if code is None:
        return list(inspect.signature(func).parameters)
    count = code.co_argcount + code.co_kwonlyargcount
    return list(code.co_varnames[:count])


_SELF: Any = object()  # "the container itself" as a parameter's target


def _key_for(container: Any, name: str, target: Any) -> Any:
    """What one parameter resolves to: a same-named string key first, then its type."""
    if type(target) is not tuple:
        return target  # a generated module's plan: decided at build time
    param, rk = target
    if not param.explicit and container.has(name):
        return name
    return _SELF if is_container_type(rk) else rk


def _resolve(container: Any, name: str, target: Any, required: bool) -> Any:
    rk = _key_for(container, name, target)
    return container if rk is _SELF else container._get(rk)


async def _aresolve(container: Any, name: str, target: Any, required: bool) -> Any:
    rk = _key_for(container, name, target)
    return container if rk is _SELF else await container.aget(*split(rk))


def _getter(container: Any, name: str, target: Any) -> Callable[[], Any] | None:
    """The compiled getter for one parameter, or None when only the slow path can serve it."""
    rk = _key_for(container, name, target)
    if rk is _SELF:
        return itertools.repeat(container).__next__
    try:
        plan = container._table.plan(rk)
    except InjectQError:
        return None
    if plan.is_async or not _complete(plan, set()):
        return None  # the slow path raises 0.5's InjectionError for what is missing
    singletons = container._stores.singletons
    if plan.lifetime == SINGLETON and rk in singletons:  # built: a C-level constant getter
        return itertools.repeat(singletons[rk]).__next__
    return _constructor(container, rk, plan) or plan.get


def _constructor(container: Any, rk: Any, plan: Any) -> Callable[[], Any] | None:
    """A transient class whose arguments are all built singletons: the class itself, with those
    arguments bound by ``functools.partial``, so a call runs no Python frame of ours."""
    if plan.lifetime != TRANSIENT or plan.binding.kind is not Kind.CLASS:
        return None
    try:
        deep = container._table.deep_plan(rk)
    except InjectQError:
        return None
    binding, singletons = deep.binding, container._stores.singletons
    if binding.kind is not Kind.CLASS or not isinstance(binding.obj, type):
        return None
    pos: list[Any] = []
    kw: dict[str, Any] = {}
    for arg in deep.args:
        dep = arg.plan
        if arg.mode != "dep" or dep is None or dep.lifetime != SINGLETON:
            return None
        if arg.rk not in singletons:
            return None
        if arg.positional and not kw:
            pos.append(singletons[arg.rk])
        else:
            kw[arg.name] = singletons[arg.rk]
    if pos or kw:
        return functools.partial(binding.obj, *pos, **kw)
    return binding.obj


def _never() -> Any:  # pragma: no cover - an unused getter slot
    raise AssertionError("unused getter")


def _complete(plan: Any, seen: set[int]) -> bool:
    """Whether nothing in the plan's subtree is missing (so resolving it cannot fail so)."""
    if id(plan) in seen:
        return True
    seen.add(id(plan))
    for arg in plan.args:
        if arg.mode == "missing" or (arg.plan is not None and not _complete(arg.plan, seen)):
            return False
    return True


def _wanted(
    spec: _Spec, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> Iterator[tuple[str, Any, bool]]:
    """The parameters the caller did not pass: (name, what to resolve, required)."""
    given = len(args)
    for name, index, key, required in spec:
        if index >= given and name not in kwargs:
            yield name, key, required


def _handle(func: Callable[..., Any], name: str, required: bool, error: Exception) -> None:
    """0.5's rules: a missing optional dependency keeps its default; the rest is an error."""
    if isinstance(error, DependencyNotFoundError):
        if required:
            raise _failed(func, name, error) from error
        return
    if isinstance(error, InjectQError):
        raise error
    raise _failed(func, name, error) from error


def _failed(func: Callable[..., Any], name: str, error: Exception) -> InjectionError:
    where = getattr(func, "__qualname__", repr(func))
    return InjectionError(f"Cannot inject dependency {name!r} of {where}: {error}")


class _Injecting(Protocol):
    """What ``inject(container=c)`` returns, to type checkers (the ``injectq.mypy`` hook)."""

    def __call__(self, func: Callable[..., R], /) -> Callable[..., R]: ...


# Typing: a decorated function accepts any arguments (the injected ones may be left out, and a
# type checker cannot tell which) and keeps its return type, so ``handler()`` is a ``str`` and
# ``await handler()`` of an async one is its result. The optional mypy plugin ``injectq.mypy``
# keeps the parameters instead, each made optional, so the arguments passed are checked.
@overload
def inject(func: Callable[..., R], *, container: Any = None) -> Callable[..., R]: ...
@overload
def inject(func: None = None, *, container: Any = None) -> _Injecting: ...


def inject(func: Any = None, *, container: Any = None) -> Any:
    """Inject the parameters a caller does not pass (bare ``@inject`` or ``@inject(container=c)``).

    Works on sync and async functions, generators, methods and ``__init__``. Arguments passed by
    the caller always win; a parameter with a default keeps it when nothing is bound.
    """
    if func is None:
        return lambda f: inject(f, container=container)
    if isinstance(func, type):
        raise InjectionError(
            "@inject can be applied only to functions, not classes; decorate __init__ instead"
        )
    if inspect.iscoroutinefunction(func):
        return _async_wrapper(func, _Plan(func), container)
    return _sync_wrapper(func, _Plan(func), container)


def _async_wrapper(func: Callable[..., Any], plan: _Plan, fixed: Any) -> Callable[..., Any]:
    """The wrapper of a coroutine function: missing parameters through ``aget``."""

    @functools.wraps(func)
    async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
        target = fixed or current_container()
        for name, key, required in _wanted(plan.get(target), args, kwargs):
            try:
                kwargs[name] = await _aresolve(target, name, key, required)
            except Exception as error:
                _handle(func, name, required, error)
        return await func(*args, **kwargs)

    async_wrapper.__injectq_plan__ = plan  # type: ignore[attr-defined]  # introspection aid
    return async_wrapper


def _sync_wrapper(func: Callable[..., Any], plan: _Plan, fixed: Any) -> Callable[..., Any]:
    """The wrapper of a plain function; calls that pass nothing use precompiled getters."""

    def first(target: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        fast = not args and not kwargs and not target._overrides.active and not target._observer
        current_token = target._token
        result = call(target, args, kwargs)
        if fast and target._token is current_token:  # after the call: singletons exist now
            getters = plan.fast_getters(target)
            if getters is not None:
                install(getters, current_token)
        return result

    def call(target: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        for name, key, required in _wanted(plan.get(target), args, kwargs):
            try:
                kwargs[name] = _resolve(target, name, key, required)
            except Exception as error:
                _handle(func, name, required, error)
        return func(*args, **kwargs)

    wrapper, install = _wrapper(func, fixed, first)
    functools.update_wrapper(wrapper, func)
    wrapper.__injectq_plan__ = plan  # type: ignore[attr-defined]  # introspection aid
    return wrapper


_NOARG: Any = type("NoArg", (), {"__repr__": lambda self: "<not passed>"})()
_WRAPPERS: dict[tuple[tuple[str, ...] | None, bool], Callable[..., Any]] = {}
_WRAPPER_LOCK = ForkSafeLock()


def _wrapper(
    func: Callable[..., Any], fixed: Any, first: Callable[..., Any]
) -> tuple[Callable[..., Any], Callable[[list[Callable[[], Any]], object], None]]:
    """The sync wrapper: ``(wrapper, install(getters, token))``.

    For plain functions (positional-or-keyword parameters only) the wrapper has the function's
    own parameters, so a call that passes nothing builds no ``*args``/``**kwargs``; others get
    a generic ``*args, **kwargs`` wrapper. Either way a call passing nothing makes one token
    check and calls the installed getters (up to four); anything else takes the full path.
    """
    shape = (_plain_names(func), fixed is not None)
    factory = _WRAPPERS.get(shape)
    if factory is None:
        with _WRAPPER_LOCK:
            factory = _WRAPPERS.get(shape)
            if factory is None:
                factory = _WRAPPERS[shape] = _compile_wrapper(*shape)
    return factory(func, fixed, current_container, _NOARG, first, _never, _fail)  # type: ignore[no-any-return]


def _plain_names(func: Callable[..., Any]) -> tuple[str, ...] | None:
    code = getattr(func, "__code__", None)
    if code is None or code.co_flags & (inspect.CO_VARARGS | inspect.CO_VARKEYWORDS):
        return None
    if code.co_kwonlyargcount or code.co_posonlyargcount or code.co_argcount > 8:
        return None
    names = tuple(code.co_varnames[: code.co_argcount])
    if any(n.startswith("_iq_") or keyword.iskeyword(n) for n in names):
        return None
    return names


def _wrapper_source(names: tuple[str, ...] | None, fixed: bool) -> str:
    """The factory source of a sync ``@inject`` wrapper (see :func:`_wrapper`); ``fixed``: the
    container was given to the decorator, so no call looks the current one up."""
    calls = "\n".join(_fast_call(n) for n in (3, 2, 1, 0, 4))
    if names is None:
        head = "    def wrapper(*args, **kwargs):\n"
        nothing = "not args and not kwargs and "
        slow = "        return _iq_first(_iq_target, args, kwargs)\n"
    else:
        head = f"    def wrapper({', '.join(f'{n}=_iq_noarg' for n in names)}):\n"
        nothing = "".join(f"{n} is _iq_noarg and " for n in names)
        given = "".join(
            f"        if {n} is not _iq_noarg:\n            _iq_kwargs[{n!r}] = {n}\n"
            for n in names
        )
        slow = (
            f"        _iq_kwargs = {{}}\n{given}"
            "        return _iq_first(_iq_target, (), _iq_kwargs)\n"
        )
    return (
        "def factory(_iq_func, _iq_fixed, _iq_current, _iq_noarg, _iq_first, _iq_never,"
        " _iq_fail):\n"
        "    _iq_g0 = _iq_g1 = _iq_g2 = _iq_g3 = _iq_never\n"
        "    _iq_count = -1\n"
        "    _iq_token = None\n"
        + head
        + f"        _iq_target = {'_iq_fixed' if fixed else '_iq_current()'}\n"
        + f"        if {nothing}_iq_target._token is _iq_token:\n"
        + calls
        + "\n"
        + slow
        + "    def install(getters, token):\n"
        "        nonlocal _iq_g0, _iq_g1, _iq_g2, _iq_g3, _iq_count, _iq_token\n"
        "        _iq_g0, _iq_g1, _iq_g2, _iq_g3 = [*getters, *[_iq_never] * 4][:4]\n"
        "        _iq_count = len(getters)\n"
        "        _iq_token = token  # last: a racing call sees complete getters or none\n"
        "    return wrapper, install\n"
    )


def _fast_call(n: int) -> str:
    """Call the function with ``n`` installed getters; what a getter raises (not the function)
    becomes 0.5's InjectionError, as on the slow path."""
    if n == 0:
        return "            if _iq_count == 0:\n                return _iq_func()"
    gets = "".join(f"                    _iq_a{i} = _iq_g{i}()\n" for i in range(n))
    args = ", ".join(f"_iq_a{i}" for i in range(n))
    return (
        f"            if _iq_count == {n}:\n"
        "                try:\n"
        f"{gets}"
        "                except Exception as _iq_error:\n"
        "                    raise _iq_fail(_iq_target, _iq_error) from _iq_error\n"
        f"                return _iq_func({args})"
    )


def _fail(target: Any, error: Exception) -> Exception:
    """What an installed getter raised, as resolution through the container reports it."""
    if isinstance(error, InjectQError):
        return error
    return target._failure(None, error)  # type: ignore[no-any-return]


def _compile_wrapper(names: tuple[str, ...] | None, fixed: bool) -> Callable[..., Any]:
    source = _wrapper_source(names, fixed)
    return exec_factory(source, f"<injectq @inject wrapper {names} {fixed}>", {})
