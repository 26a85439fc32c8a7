"""0.5's testing helpers, on top of context-local overrides."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .._current import ContainerContext
from .._declare.aliases import either
from .._declare.markers import UNSET
from .._declare.modules import ModuleBinder, SimpleModule
from .._runtime.container import InjectQ

__all__ = [
    "MockFactory",
    "TestModule",
    "create_test_module",
    "mock_factory",
    "override_dependency",
    "pytest_container_fixture",
    "test_container",
]


@contextmanager
def test_container() -> Iterator[InjectQ]:
    """A fresh container that is the global and current one for the duration of the block."""
    with InjectQ.test_mode() as container, ContainerContext.use(container):
        yield container


test_container.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


@contextmanager
def override_dependency(
    service_type: Any,
    value: Any = UNSET,
    container: InjectQ | None = None,
    *,
    name: str | None = None,
    override_value: Any = UNSET,
) -> Iterator[Any]:
    """Override ``service_type`` in ``container`` (default: the global one) within the block.

    ``override_value=`` is 0.5's name of ``value``.
    """
    value = either(value, override_value, "override_dependency", "value", "override_value")
    target = container or InjectQ.get_instance()
    with target.override(service_type, value, name=name):
        yield value


class _Mock:
    def __init__(self, service_type: Any, attrs: dict[str, Any]) -> None:
        self._service_type = service_type
        for key, value in attrs.items():
            setattr(self, key, value)

    def __getattr__(self, name: str) -> Callable[..., str]:
        if name.startswith("__"):
            raise AttributeError(name)
        return lambda *args, **kwargs: f"mock_{name}_result"

    def __repr__(self) -> str:
        return f"<mock {getattr(self._service_type, '__name__', self._service_type)}>"


class MockFactory:
    """Creates (and caches per type) simple mocks whose unknown methods return a marker string."""

    def __init__(self) -> None:
        self._mocks: dict[Any, Any] = {}

    def create_mock(self, service_type: Any, **attrs: Any) -> Any:
        """The cached mock of ``service_type`` (a new one when attributes are given)."""
        mock = self._mocks.get(service_type)
        if mock is None or attrs:
            mock = self._mocks[service_type] = _Mock(service_type, attrs)
        return mock

    def reset(self) -> None:
        """Forget every cached mock."""
        self._mocks.clear()


mock_factory = MockFactory()


def create_test_module(bindings: dict[Any, Any]) -> SimpleModule:
    """A module binding each item as an instance."""
    module = SimpleModule()
    for key, value in bindings.items():
        module.bind_instance(key, value)
    return module


class TestModule(SimpleModule):
    """Fluent module for tests: ``TestModule().mock(Service, attr=1).bind_value("k", v)``."""

    __test__ = False

    def mock(self, service_type: Any, **attrs: Any) -> TestModule:
        """Bind ``service_type`` to a mock with the given attributes."""
        self.bind_instance(service_type, mock_factory.create_mock(service_type, **attrs))
        return self

    def bind_value(
        self, key: Any = UNSET, value: Any = UNSET, *, service_type: Any = UNSET
    ) -> TestModule:
        """Bind ``key`` (0.5's keyword: ``service_type``) to ``value``."""
        key = either(key, service_type, "bind_value", "key", "service_type")
        if value is UNSET:
            raise TypeError("bind_value() missing required argument: 'value'")
        self.bind_instance(key, value)
        return self

    def configure(self, binder: ModuleBinder | None = None) -> None:
        """Replay the queued bindings."""
        super().configure(binder)


def pytest_container_fixture() -> Callable[[], Iterator[InjectQ]]:
    """A pytest fixture function yielding an isolated ``test_container()``."""
    import pytest

    @pytest.fixture
    def container() -> Iterator[InjectQ]:
        with test_container() as c:
            yield c

    return container
