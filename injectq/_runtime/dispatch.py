"""The hot part of the container: ``get``/``aget`` dispatch and opening a scope block.

:class:`Dispatch` is the base class of ``InjectQ``. Its fast path reads three tables the
container keeps: ``_ready`` (built singletons), ``_resolvers`` (sync getters) and ``_plans``
(plans, for ``aget``). The container empties them while anything must take the slow path (an
observer set, an override open anywhere, teardown), and everything else (observing, overrides,
compiling a plan, refusing while closing) is its own, interpreted, code: ``_get`` and ``_aget``.

mypyc compiles this module into the accelerator (see :mod:`.accel`); it is also the pure-Python
implementation, chosen when the compiled one is not installed.
"""

from __future__ import annotations

from .._errors import InjectQError
from .accel import mypyc_attr, overload
from .blocks import Block
from .keys import NamedKey, runtime_key, split, unusable_key

TYPE_CHECKING = False  # (mypy reads it as True) the hints below cost no import at run time
if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine
    from contextvars import ContextVar
    from typing import Any, Final, TypeVar

    T = TypeVar("T")
    E = TypeVar("E", bound=BaseException)

__all__ = ["Dispatch", "check_key", "chained", "too_deep"]

_ABSENT: Final = object()  # what a table lookup returns for a key it does not hold


@mypyc_attr(allow_interpreted_subclasses=True)
class Dispatch:
    """``get``, ``aget`` and ``scope`` of the container; the rest is the subclass's."""

    _ready: dict[Any, Any]
    """What ``get`` reads first: built singletons (empty while the slow path is required)."""
    _resolvers: dict[Any, Any]
    """``get``'s getters by key (empty likewise)."""
    _plans: dict[Any, Any]
    """``aget``'s plans by key (empty likewise)."""
    _table: Any
    _stores: Any
    _scope_names: set[str]
    _scope_var: ContextVar[Any]

    @overload
    def get(self, service_type: type[T], name: str | None = None) -> T: ...
    @overload  # an abstract class or a protocol (mypy refuses them as type[T])
    def get(self, service_type: Callable[..., T], name: str | None = None) -> T: ...
    @overload
    def get(self, service_type: Any, name: str | None = None) -> Any: ...

    def get(self, service_type: Any, name: Any = None) -> Any:
        """Resolve a key (``name=`` selects a qualified binding)."""
        try:
            if name is None:
                value = self._ready.get(service_type, _ABSENT)
                if value is not _ABSENT:
                    return value
                getter = self._resolvers.get(service_type)
                if getter is not None:
                    try:
                        return getter()
                    except InjectQError as error:
                        raise chained(self._table.explain(service_type, error), error.__cause__)
                    except RecursionError:
                        raise
                    except Exception as error:
                        raise chained(self._failure(service_type, error), error)
                return self._get(service_type)
            return self._get(runtime_key(service_type, name))
        except TypeError as error:
            check_key(service_type, name)  # a key that cannot be one; else the call's own error
            raise chained(self._failure(runtime_key(service_type, name), error), error)
        except RecursionError:
            too_deep(self._table.too_deep(runtime_key(service_type, name)))
            raise

    @overload
    def aget(self, service_type: type[T], name: str | None = None) -> Coroutine[Any, Any, T]: ...
    @overload  # an abstract class or a protocol (mypy refuses them as type[T])
    def aget(
        self, service_type: Callable[..., T], name: str | None = None
    ) -> Coroutine[Any, Any, T]: ...
    @overload
    def aget(self, service_type: Any, name: str | None = None) -> Coroutine[Any, Any, Any]: ...

    def aget(self, service_type: Any, name: Any = None) -> Coroutine[Any, Any, Any]:
        """Resolve a key, awaiting async factories and resources; shares singletons with get.

        The coroutine returned resolves when awaited (never before), like an ``async def``.
        """
        rk = service_type if name is None else NamedKey(service_type, name)
        try:
            plan = self._plans.get(rk)
        except TypeError:  # unhashable: the slow path tells why
            plan = None
        if plan is None:
            return self._aget(rk)
        return self._awaited(rk, plan)  # one coroutine, the container's (interpreted: cheaper)

    def _raised(self, rk: Any, error: BaseException) -> BaseException:
        """What a resolution of ``rk`` that raised ``error`` raises: 0.5's errors, as ``get``
        raises them (a cancellation or an exit passes unchanged)."""
        if isinstance(error, InjectQError):
            explained: InjectQError = self._table.explain(rk, error)
            return chained(explained, error.__cause__)
        if isinstance(error, TypeError):
            check_key(*split(rk))
            return chained(self._failure(rk, error), error)
        if isinstance(error, RecursionError):
            too_deep(self._table.too_deep(rk))
            return error
        if isinstance(error, Exception):
            return chained(self._failure(rk, error), error)
        return error

    def scope(self, scope_name: Any = "request") -> Block:
        """A block owning the instances of ``scope_name``; ``with`` and ``async with`` both work.

        ``with container.scope("request") as state`` yields the block's state: ``key in state``
        tells whether the block created an instance of ``key``, and ``await state.aclose()``
        finishes async resources after a synchronous exit refused to. A block may be left from
        another task than the one that entered it; its instances are cleaned up all the same.
        """
        try:
            known = scope_name in self._scope_names  # the common case is a canonical name
        except TypeError:  # unhashable: not a name at all
            known = False
        if not known:
            scope_name = self._stores.scope_name(scope_name)
        return Block(scope_name, "", self._scope_var)

    # -- the slow paths: the container's ------------------------------------------------------
    def _get(self, rk: Any) -> Any:
        """Resolve a runtime key off the fast path."""
        raise NotImplementedError

    async def _aget(self, rk: Any) -> Any:
        """Resolve a runtime key off the fast path, for async code."""
        raise NotImplementedError

    async def _awaited(self, rk: Any, plan: Any) -> Any:
        """Run ``plan`` (``aget``'s fast path), raising its errors as :meth:`_raised` says."""
        raise NotImplementedError

    def _failure(self, rk: Any, error: Exception) -> InjectQError:
        """A constructor's or factory's own exception as 0.5's InjectionError."""
        raise NotImplementedError


def check_key(key: Any, name: Any) -> None:
    """Raise the injectq error for a key that cannot be one (the caller re-raises otherwise)."""
    error = unusable_key(key, name)
    if error is not None:
        raise chained(error, None)


def too_deep(error: InjectQError | None) -> None:
    """Raise the chain-too-deep error, if the recursion was the container's."""
    if error is not None:
        raise chained(error, None)


def chained(error: E, cause: BaseException | None) -> E:
    """``error`` to be raised as ``raise error from cause`` (which mypyc compiles without the
    ``from``: the cause is set here, which also suppresses the context, as ``from`` does)."""
    error.__cause__ = cause
    return error
