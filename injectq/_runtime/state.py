"""The attributes and cross-cutting methods every part of the container relies on (for typing)."""

from __future__ import annotations

import threading
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._errors import InjectQError
    from .._graph import Binding
    from .overrides import Layer
    from .plans import Getter, Plan
    from .scopes import Cleanup, ScopeState

__all__ = ["ContainerState"]


class ContainerState:
    """Declared state of the container, shared by its mixins."""

    allow_override: bool
    thread_safe: bool
    use_async_scopes: bool
    _strict_scopes: bool
    _bindings: dict[Any, Binding]
    _factories: dict[Any, Binding]
    _plans: dict[Any, Plan]
    _dependents: dict[Any, set[Any]]
    _singletons: dict[Any, Any]
    _getters: dict[Any, Getter]
    _r: dict[Any, Any]
    _f: dict[Any, Any]
    _lock: threading.RLock
    _compile_lock: threading.RLock
    _apending: dict[Any, Any]
    _owner: Cleanup
    _scope_var: ContextVar[ScopeState | None]
    _scope_names: set[str]
    _ambient_var: ContextVar[dict[str, ScopeState] | None]
    _custom_scopes: dict[str, Any]
    _ov_var: ContextVar[Layer | None]
    _ov_count: int
    _ov_lock: threading.Lock
    _epoch: int  # bumped whenever compiled plans are dropped
    _token: object  # replaced whenever plans are dropped or overrides start or end

    if TYPE_CHECKING:

        def get(self, service_type: Any, name: str | None = None) -> Any: ...
        async def aget(self, service_type: Any, name: str | None = None) -> Any: ...
        def has(self, service_type: Any, name: str | None = None) -> bool: ...
        def _get(self, rk: Any) -> Any: ...
        def _plan(self, rk: Any) -> Plan: ...
        def _analyzed(self, rk: Any, binding: Binding) -> Binding: ...
        def _auto_binding(self, rk: Any) -> Binding | None: ...
        def _transient_owner(self) -> Cleanup: ...
        def _ambient_state(self, name: str, rk: Any) -> ScopeState: ...
        def _check_override(self, rk: Any) -> None: ...
        def _check_none(self, value: Any, allow_none: bool) -> None: ...
        def _invalidate(self, rk: Any) -> None: ...
        def _explain(self, rk: Any, error: InjectQError) -> InjectQError: ...
