"""Resources: ``@resource`` factories, and 0.5's global ``ResourceManager`` API.

A resource is a generator, async generator or (async) context-manager factory. Bound in a container
it is entered when first resolved and exited when its scope ends (see
``injectq._runtime.scopes.Cleanup``). The global manager of 0.5 keeps working for code that drives
lifecycles by hand.
"""

from __future__ import annotations

import collections.abc as cabc
import contextlib
import inspect
import typing
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

from .._current import current_container
from .._errors import ResourceError
from .._graph import Kind
from .markers import read_annotation

__all__ = [
    "ResourceManager",
    "async_managed_resource",
    "get_resource_manager",
    "managed_resource",
    "resource",
    "yielded_key",
    "yielded_type",
]

T = TypeVar("T")
_WRAPPERS = {
    cabc.Iterator,
    cabc.Iterable,
    cabc.Generator,
    cabc.AsyncIterator,
    cabc.AsyncIterable,
    cabc.AsyncGenerator,
    cabc.Awaitable,
    cabc.Coroutine,
    contextlib.AbstractContextManager,
    contextlib.AbstractAsyncContextManager,
}


def yielded_type(fn: Any) -> Any:
    """The type a provider, factory or resource produces, from its return annotation."""
    return yielded_key(fn)[0]


def yielded_key(fn: Any) -> tuple[Any, str | None]:
    """``(type, name)`` a provider produces: ``Annotated[T, Named("x")]`` gives ``(T, "x")``."""
    target = inspect.unwrap(fn)
    try:
        hints = get_type_hints(target, include_extras=True)
    except Exception:
        hints = dict(getattr(target, "__annotations__", {}))
    annotation = hints.get("return")
    if annotation is None:
        return None, None
    origin = get_origin(annotation)
    if origin in _WRAPPERS or origin in (typing.Generator, typing.AsyncGenerator):
        annotation = get_args(annotation)[0]
    key, _, _, name = read_annotation(annotation)  # Optional[X] provides X (may be None)
    return key, name


class _Lifecycle:
    """One resource of the global manager: created by ``initialize``, closed by ``shutdown``."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn = fn
        self.instance: Any = None
        self.initialized = False
        self._exit: Callable[[], Any] | None = None
        self.is_async = inspect.isasyncgenfunction(fn) or inspect.iscoroutinefunction(fn)

    def initialize(self, *args: Any, **kwargs: Any) -> Any:
        try:
            result = self.fn(*args, **kwargs)
            if inspect.isgenerator(result):
                cm: Any = contextlib.contextmanager(lambda: result)()
                self.instance, self._exit = cm.__enter__(), lambda: cm.__exit__(None, None, None)
            elif hasattr(result, "__enter__") and hasattr(result, "__exit__"):
                self.instance = result.__enter__()
                self._exit = lambda: result.__exit__(None, None, None)
            else:
                self.instance = result
        except Exception as error:
            raise ResourceError(f"Failed to initialize resource {self.fn!r}: {error}") from error
        self.initialized = True
        return self.instance

    async def ainitialize(self, *args: Any, **kwargs: Any) -> Any:
        try:
            result = self.fn(*args, **kwargs)
            if inspect.isawaitable(result):  # an async function, maybe returning a context manager
                result = await result
            if inspect.isasyncgen(result):
                acm: Any = contextlib.asynccontextmanager(lambda: result)()
                self.instance = await acm.__aenter__()
                self._exit = lambda: acm.__aexit__(None, None, None)
            elif hasattr(result, "__aenter__") and hasattr(result, "__aexit__"):
                self.instance = await result.__aenter__()
                self._exit = lambda: result.__aexit__(None, None, None)
            else:
                self.instance = result
        except Exception as error:
            raise ResourceError(f"Failed to initialize resource {self.fn!r}: {error}") from error
        self.initialized = True
        return self.instance

    def shutdown(self) -> None:
        exit_fn, self._exit = self._exit, None
        self.initialized = False
        if exit_fn is not None:
            exit_fn()

    async def ashutdown(self) -> None:
        exit_fn, self._exit = self._exit, None
        self.initialized = False
        if exit_fn is not None:
            result = exit_fn()
            if inspect.isawaitable(result):
                await result


class ResourceManager:
    """0.5's process-wide registry of resource lifecycles, driven by hand."""

    def __init__(self) -> None:
        self._resources: dict[str, _Lifecycle] = {}

    def register_resource(self, name: str, lifecycle: Any) -> None:
        """Register a resource factory (or lifecycle) under ``name``."""
        self._resources[name] = (
            lifecycle if isinstance(lifecycle, _Lifecycle) else _Lifecycle(lifecycle)
        )

    def get_resource(self, name: str) -> Any:
        """The value of an initialised resource; ResourceError otherwise."""
        lifecycle = self._resources.get(name)
        if lifecycle is None or not lifecycle.initialized:
            raise ResourceError(f"Resource {name!r} is not initialized")
        return lifecycle.instance

    def initialize_resource(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """Create the resource ``name`` (entering it if it is a generator or context manager)."""
        lifecycle = self._lifecycle(name)
        if lifecycle.is_async:
            raise ResourceError(f"Cannot initialize async resource '{name}' synchronously")
        return lifecycle.initialize(*args, **kwargs)

    async def initialize_async_resource(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """Create the async resource ``name``."""
        return await self._lifecycle(name).ainitialize(*args, **kwargs)

    def shutdown_resource(self, name: str) -> None:
        """Close the resource ``name`` (an async one must be closed with ``await``)."""
        lifecycle = self._lifecycle(name)
        if lifecycle.is_async and lifecycle.initialized:
            raise ResourceError(f"Cannot shutdown async resource '{name}' synchronously")
        lifecycle.shutdown()

    async def shutdown_async_resource(self, name: str) -> None:
        """Close the async resource ``name``."""
        await self._lifecycle(name).ashutdown()

    def shutdown_all(self) -> None:
        """Close every initialised sync resource, most recent first, ignoring errors."""
        for lifecycle in reversed(list(self._resources.values())):
            if lifecycle.initialized and not lifecycle.is_async:
                with contextlib.suppress(Exception):
                    lifecycle.shutdown()

    async def shutdown_all_async(self) -> None:
        """Close every initialised resource, most recent first, ignoring errors."""
        for lifecycle in reversed(list(self._resources.values())):
            if lifecycle.initialized:
                with contextlib.suppress(Exception):
                    await lifecycle.ashutdown()

    def _lifecycle(self, name: str) -> _Lifecycle:
        try:
            return self._resources[name]
        except KeyError:
            raise ResourceError(f"Unknown resource: {name}") from None


_manager = ResourceManager()


def get_resource_manager() -> ResourceManager:
    """The process-wide ``ResourceManager`` (0.5)."""
    return _manager


def resource(
    fn: Any = None, *, scope: Any = "singleton", container: Any = None, name: str | None = None
) -> Any:
    """Mark a generator / async generator / context-manager factory as a resource.

    It is registered in the global ``ResourceManager`` (0.5) and, when its return annotation names
    what it yields, bound in ``container`` (default: the current one) under that type, so
    ``get(T)`` enters it and the end of its scope closes it. Bare ``@resource`` works too.
    """
    if isinstance(fn, str) and container is None:  # 0.5 spelling: @resource("request")
        scope, fn = fn, None

    def mark(func: Any) -> Any:
        func.__injectq_kind__ = _resource_kind(func)
        func._is_resource = True
        func._resource_name = f"{func.__module__}.{func.__qualname__}"
        func._resource_scope = scope
        func._resource_lifecycle = _Lifecycle(func)
        _manager.register_resource(func._resource_name, func._resource_lifecycle)
        key = yielded_type(func)
        if key is not None:
            target = container or current_container()
            target.bind_factory(key, func, scope, name=name)
        return func

    return mark(fn) if fn is not None else mark


def _resource_kind(func: Any) -> Kind:
    if inspect.isasyncgenfunction(func):
        return Kind.ASYNC_GENERATOR
    if inspect.isgeneratorfunction(func):
        return Kind.GENERATOR
    if inspect.iscoroutinefunction(func):
        return Kind.ASYNC_FACTORY
    wrapped = getattr(func, "__wrapped__", None)
    if wrapped is not None and inspect.isasyncgenfunction(wrapped):
        return Kind.ASYNC_CONTEXT_MANAGER
    return Kind.CONTEXT_MANAGER


@contextlib.contextmanager
def managed_resource(
    factory: Callable[[], T], cleanup: Callable[[T], Any] | None = None
) -> Iterator[T]:
    """A context manager yielding ``factory()`` and calling ``cleanup`` on exit."""
    value = factory()
    try:
        yield value
    finally:
        if cleanup is not None:
            cleanup(value)


@contextlib.asynccontextmanager
async def async_managed_resource(
    factory: Callable[[], Any], cleanup: Callable[[Any], Any] | None = None
) -> AsyncIterator[Any]:
    """``managed_resource`` for async code: awaits the factory and the cleanup when they are
    awaitable.
    """
    value = factory()
    if inspect.isawaitable(value):
        value = await value
    try:
        yield value
    finally:
        if cleanup is not None:
            result = cleanup(value)
            if inspect.isawaitable(result):
                await result
