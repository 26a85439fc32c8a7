"""``@inject``: fill a function's missing parameters from the current container.

The function's parameters are analysed on its first call (so names imported late, or only under
``TYPE_CHECKING`` and available by then, still resolve) and the result is reused. In generated
mode the plan comes from the generated module and nothing is analysed at all.
"""

from __future__ import annotations

import functools
import inspect
import threading
from collections.abc import Callable
from typing import Any, TypeVar, overload

from ._context import current_container
from ._errors import DependencyNotFoundError, InjectionError, InjectQError
from ._introspect import params_of
from ._keys import split

__all__ = ["inject"]

F = TypeVar("F", bound=Callable[..., Any])
# qualname -> ((param name, positional index, key, qualifier, required), ...); filled by generated
# modules so @inject never reflects in production.
INJECT_PLANS: dict[str, tuple[tuple[str, object, str | None, bool], ...]] = {}

_Spec = tuple[tuple[str, int, Any, bool], ...]


class _Plan:
    __slots__ = ("func", "lock", "spec")

    def __init__(self, func: Callable[..., Any]) -> None:
        self.func = func
        self.spec: _Spec | None = None
        self.lock = threading.Lock()

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
            wire = getattr(container, "_ensure_wired", None)
            if wire is not None:
                wire()  # a generated container registers @inject plans when it is wired
            with self.lock:
                spec = self.spec = self.spec or self._analyse()
        return spec

    def _analyse(self) -> _Spec:
        func = self.func
        names = list(getattr(func, "__injectq_signature__", None) or _names(func))
        planned = INJECT_PLANS.get(f"{func.__module__}.{func.__qualname__}")
        if planned is not None:
            return tuple((n, names.index(n), _rk(key, q), req) for n, key, q, req in planned)
        spec = []
        for param in params_of(func):
            if param.key is None:
                continue  # untyped parameters are left to the caller, as in 0.5
            key = param.annotation if param.key is not None else None
            rk = _rk(key, param.key.name if param.key else None) if key is not None else None
            spec.append((param.name, names.index(param.name), (param, rk), param.required))
        return tuple(spec)


def _names(func: Callable[..., Any]) -> list[str]:
    """Parameter names in positional order, read from the code object (no signature walk)."""
    code = getattr(inspect.unwrap(func), "__code__", None)
    if code is None:
        return list(inspect.signature(func).parameters)
    count = code.co_argcount + code.co_kwonlyargcount
    return list(code.co_varnames[:count])


def _rk(key: Any, qualifier: str | None) -> Any:
    from ._keys import runtime_key

    return runtime_key(key, qualifier)


def _resolve(container: Any, name: str, target: Any, required: bool) -> Any:
    """The value for one parameter: by name first, then by type."""
    if type(target) is tuple:
        param, rk = target
        if not param.explicit and container.has(name):
            return container.get(name)
        if rk is _container_type():
            return container
        return container._get(rk)
    return container._get(target)


async def _aresolve(container: Any, name: str, target: Any, required: bool) -> Any:
    if type(target) is tuple:
        param, rk = target
        if not param.explicit and container.has(name):
            return await container.aget(name)
        if rk is _container_type():
            return container
        key, qualifier = split(rk)
        return await container.aget(key, qualifier)
    key, qualifier = split(target)
    return await container.aget(key, qualifier)


def _getter(container: Any, name: str, target: Any) -> Callable[[], Any] | None:
    """The compiled getter for one parameter, or None when only the slow path can serve it."""
    if type(target) is tuple:
        param, rk = target
        if not param.explicit and container.has(name):
            rk = name
        elif isinstance(rk, type) and issubclass(rk, _container_type()):
            return lambda: container
    else:
        rk = target
    try:
        plan = container._plan(rk)
    except InjectQError:
        return None
    if plan.is_async or not _complete(plan, set()):
        return None  # the slow path raises 0.5's InjectionError for what is missing
    return plan.get  # type: ignore[no-any-return]


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


def _container_type() -> type:
    from ._container import InjectQ

    return InjectQ


def _failed(func: Callable[..., Any], name: str, error: Exception) -> InjectionError:
    where = getattr(func, "__qualname__", repr(func))
    return InjectionError(f"Cannot inject dependency {name!r} of {where}: {error}")


@overload
def inject(func: F, *, container: Any = None) -> F: ...
@overload
def inject(func: None = None, *, container: Any = None) -> Callable[[F], F]: ...


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
    plan = _Plan(func)
    fixed = container

    if inspect.iscoroutinefunction(func):

        @functools.wraps(func)
        async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
            target = fixed or current_container()
            given = len(args)
            for name, index, key, required in plan.get(target):
                if index < given or name in kwargs:
                    continue
                try:
                    kwargs[name] = await _aresolve(target, name, key, required)
                except DependencyNotFoundError as error:
                    if required:
                        raise _failed(func, name, error) from error
                except InjectQError:
                    raise
                except Exception as error:
                    raise _failed(func, name, error) from error
            return await func(*args, **kwargs)

        async_wrapper.__injectq_plan__ = plan  # type: ignore[attr-defined]  # introspection aid
        return async_wrapper

    # Calls that pass nothing go straight to precompiled getters: one check, then the call.
    g0 = g1 = g2 = g3 = _never
    count = -1
    token: object = None

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        target = fixed if fixed is not None else current_container()
        if args or kwargs or target._token is not token:  # re-bound, overridden, or another one
            return first(target, args, kwargs)
        if count == 3:
            return func(g0(), g1(), g2())
        if count == 2:
            return func(g0(), g1())
        if count == 1:
            return func(g0())
        if count == 0:
            return func()
        return func(g0(), g1(), g2(), g3())

    def first(target: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        nonlocal g0, g1, g2, g3, count, token
        if not args and not kwargs and not target._ov_count:
            current_token = target._token
            getters = plan.fast_getters(target)
            if getters is not None:
                g0, g1, g2, g3 = [*getters, _never, _never, _never, _never][:4]
                count = len(getters)
                token = current_token  # last: a racing call sees complete getters or none
        return call(target, args, kwargs)

    def call(target: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        given = len(args)
        for name, index, key, required in plan.get(target):
            if index < given or name in kwargs:
                continue
            try:
                kwargs[name] = _resolve(target, name, key, required)
            except DependencyNotFoundError as error:
                if required:
                    raise _failed(func, name, error) from error
            except InjectQError:
                raise
            except Exception as error:
                raise _failed(func, name, error) from error
        return func(*args, **kwargs)

    wrapper.__injectq_plan__ = plan  # type: ignore[attr-defined]  # introspection aid
    return wrapper
