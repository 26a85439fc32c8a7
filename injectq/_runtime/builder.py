"""The lifetime builder returned by ``bind`` and the ``container.factories`` view."""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from typing import TYPE_CHECKING, Any

from .._graph import SINGLETON, TRANSIENT

if TYPE_CHECKING:
    from .container import InjectQ
    from .registry import Registry

__all__ = ["BindingBuilder", "FactoryProxy"]


class BindingBuilder:
    """``bind(K, Impl).singleton()`` / ``.scoped("request")`` / ``.transient()``.

    The binding is registered when ``bind`` is called; the builder only changes its lifetime, so
    using it is never a re-bind (``allow_override=False`` does not object).
    """

    __slots__ = ("_registry", "_rk")

    def __init__(self, registry: Registry, rk: Any) -> None:
        self._registry = registry
        self._rk = rk

    def singleton(self) -> BindingBuilder:
        """One instance for the container's lifetime."""
        self._registry.set_lifetime(self._rk, SINGLETON)
        return self

    def transient(self) -> BindingBuilder:
        """A new instance per resolution."""
        self._registry.set_lifetime(self._rk, TRANSIENT)
        return self

    def scoped(self, scope_name: Any = "request") -> BindingBuilder:
        """Bind for a scope; with no argument (or "scoped") that is the request scope."""
        self._registry.set_lifetime(self._rk, scope_name)
        return self

    def in_scope(self, scope_name: Any) -> BindingBuilder:
        """Alias of :meth:`scoped`."""
        return self.scoped(scope_name)

    def __repr__(self) -> str:
        return f"<binding {self._rk!r}>"


class FactoryProxy(MutableMapping[Any, Callable[..., Any]]):
    """Dict view over the container's factory registry."""

    __slots__ = ("_container",)

    def __init__(self, container: InjectQ) -> None:
        self._container = container

    def __getitem__(self, key: Any) -> Callable[..., Any]:
        binding = self._container._registry.factories[key]
        return binding.obj  # type: ignore[no-any-return]  # a registered callable

    def __setitem__(self, key: Any, factory: Callable[..., Any]) -> None:
        self._container.bind_factory(key, factory)

    def __delitem__(self, key: Any) -> None:
        self._container._registry.remove(key, factory=True)

    def __contains__(self, key: object) -> bool:
        return key in self._container._registry.factories

    def __iter__(self) -> Iterator[Any]:
        return iter(list(self._container._registry.factories))

    def __len__(self) -> int:
        return len(self._container._registry.factories)
