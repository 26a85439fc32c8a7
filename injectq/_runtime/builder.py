"""The lifetime builder returned by ``bind`` and the ``container.factories`` view."""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from typing import TYPE_CHECKING, Any

from .._graph import SINGLETON, TRANSIENT

if TYPE_CHECKING:
    from .registry import Registry

__all__ = ["BindingBuilder", "FactoryProxy"]


class BindingBuilder:
    """``bind(K, Impl).singleton()`` / ``.scoped("request")`` / ``.transient()``.

    The binding is registered when ``bind`` is called; the builder only changes its lifetime, so
    using it is never a re-bind (``allow_override=False`` does not object).
    """

    __slots__ = ("_container", "_rk")

    def __init__(self, container: Registry, rk: Any) -> None:
        self._container = container
        self._rk = rk

    def singleton(self) -> BindingBuilder:
        self._container._set_lifetime(self._rk, SINGLETON)
        return self

    def transient(self) -> BindingBuilder:
        self._container._set_lifetime(self._rk, TRANSIENT)
        return self

    def scoped(self, scope_name: Any = "request") -> BindingBuilder:
        """Bind for a scope; with no argument (or "scoped") that is the request scope."""
        self._container._set_lifetime(self._rk, scope_name)
        return self

    def in_scope(self, scope_name: Any) -> BindingBuilder:
        return self.scoped(scope_name)

    def __repr__(self) -> str:
        return f"<binding {self._rk!r}>"


class FactoryProxy(MutableMapping[Any, Callable[..., Any]]):
    """Dict view over the container's factory registry."""

    __slots__ = ("_container",)

    def __init__(self, container: Registry) -> None:
        self._container = container

    def __getitem__(self, key: Any) -> Callable[..., Any]:
        binding = self._container._factories[key]
        return binding.obj  # type: ignore[no-any-return]  # a registered callable

    def __setitem__(self, key: Any, factory: Callable[..., Any]) -> None:
        self._container.bind_factory(key, factory)

    def __delitem__(self, key: Any) -> None:
        container = self._container
        del container._factories[key]
        container._invalidate(key)

    def __contains__(self, key: object) -> bool:
        return key in self._container._factories

    def __iter__(self) -> Iterator[Any]:
        return iter(list(self._container._factories))

    def __len__(self) -> int:
        return len(self._container._factories)
