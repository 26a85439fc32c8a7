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
    __slots__ = ("fast", "func", "lock", "spec")

    def __init__(self, func: Callable[..., Any]) -> None:
        self.func = func
        self.spec: _Spec | None = None
        self.lock = threading.Lock()
        # (container, its epoch, resolve-all-arguments function) for calls with no arguments
        self.fast: tuple[Any, int, Callable[[], tuple[Any, ...]]] | None = None

    def build_fast(self, container: Any) -> None:
        """Precompute argument getters for calls that pass nothing (the common case)."""
        spec = self.get(container)
        getters: list[Callable[[], Any]] = []
        for position, (name, index, target, _required) in enumerate(spec):
            if index != position:
                return
            getter = _getter(container, name, target)
            if getter is None:
                return
            getters.append(getter)
        self.fast = (container, container._epoch, _resolver(getters))

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
    return None if plan.is_async else plan.get


def _resolver(getters: list[Callable[[], Any]]) -> Callable[[], tuple[Any, ...]]:
    """One call resolving every argument; small arities unrolled."""
    if len(getters) == 1:
        (a,) = getters
        return lambda: (a(),)
    if len(getters) == 2:
        a, b = getters
        return lambda: (a(), b())
    if len(getters) == 3:
        a, b, c = getters
        return lambda: (a(), b(), c())
    return lambda: tuple(g() for g in getters)


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

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        target = fixed or current_container()
        if not args and not kwargs and not target._ov_count:
            fast = plan.fast
            if fast is not None and fast[0] is target and fast[1] == target._epoch:
                try:
                    values = fast[2]()
                except DependencyNotFoundError:
                    pass  # the slow path below raises the 0.5 error for it
                else:
                    return func(*values)
            else:
                plan.build_fast(target)
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
