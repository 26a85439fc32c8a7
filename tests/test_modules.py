"""Modules in both styles: 0.5's binder and the performance guide's self.bind(...) chains."""

from __future__ import annotations

from typing import Annotated

import pytest

from injectq import (
    BindingError,
    ConfigurationModule,
    DependencyNotFoundError,
    InjectQ,
    Module,
    ModuleBinder,
    Named,
    ProviderModule,
    SimpleModule,
    provider,
)
from tests.services import Cache, Config, Database, MemoryRepository, Repository, SqlRepository


class ConnectionPool:
    def __init__(self, size: int) -> None:
        self.size = size


class GuideModule(Module):
    """Written exactly as the performance guide writes modules."""

    def configure(self) -> None:  # type: ignore[override]
        self._configure_data_layer()
        self.bind(Cache, Cache).singleton()
        self.bind(Config, Config).transient()

    def _configure_data_layer(self) -> None:
        self.bind(ConnectionPool, self._create_connection_pool()).singleton()
        self.bind(Repository, SqlRepository, name="base").scoped()
        self.bind(Database, Database).scoped()

    def _create_connection_pool(self) -> ConnectionPool:
        return ConnectionPool(size=5)


def test_guide_style_module(container: InjectQ) -> None:
    """configure(self) with self.bind(...).singleton()/.scoped()/.transient(), helpers and names."""
    container.install(GuideModule())
    assert container.get(ConnectionPool).size == 5
    assert container.get(Cache) is container.get(Cache)
    assert container.get(Config) is not container.get(Config)
    with container.scope("request"):
        db = container.get(Database)
        repo = container.get(Repository, name="base")
        assert isinstance(repo, SqlRepository) and repo.db is db


def test_binder_style_module(container: InjectQ) -> None:
    """configure(self, binder) with binder.bind / bind_instance / bind_factory."""

    class Legacy(Module):
        def configure(self, binder: ModuleBinder | None = None) -> None:
            assert binder is not None
            binder.bind(Repository, MemoryRepository)
            binder.bind(Cache, scope="transient")  # no implementation: binds Cache to itself
            binder.bind_instance("url", "sqlite://")
            binder.bind_factory(ConnectionPool, lambda: ConnectionPool(2))

    other = InjectQ(modules=[Legacy()])
    assert isinstance(other.get(Repository), MemoryRepository)
    assert other.get(Cache) is not other.get(Cache)
    assert other.get("url") == "sqlite://" and other.get(ConnectionPool).size == 2


def test_binder_bind_returns_the_lifetime_builder(container: InjectQ) -> None:
    """binder.bind(...) returns the builder, so .transient() works in binder style too."""

    class Chained(Module):
        def configure(self, binder: ModuleBinder | None = None) -> None:
            assert binder is not None
            binder.bind(Cache, Cache).transient()

    container.install_module(Chained())
    assert container.get(Cache) is not container.get(Cache)


def test_simple_module_chains(container: InjectQ) -> None:
    """SimpleModule methods return the module; bind(S) alone self-binds."""
    module = SimpleModule().bind(Cache).bind_instance("n", 3).bind_factory("f", lambda: "made")
    container.install(module)
    assert isinstance(container.get(Cache), Cache)
    assert container.get("n") == 3 and container.get("f") == "made"


def test_provider_module(container: InjectQ) -> None:
    """@provider methods provide their return annotation, transient, with injected params."""

    class Providers(ProviderModule):
        @provider
        def pool(self, size: int) -> ConnectionPool:
            return ConnectionPool(size)

    container.bind_instance(int, 7)
    container.install(Providers())
    assert container.get(ConnectionPool).size == 7
    assert container.get(ConnectionPool) is not container.get(ConnectionPool)


def test_provider_with_unresolvable_parameter_is_an_error(container: InjectQ) -> None:
    """A provider parameter that cannot be resolved raises, naming it (0.5 silently dropped it)."""

    class Providers(ProviderModule):
        @provider
        def pool(self, pool_size: float) -> ConnectionPool:
            return ConnectionPool(int(pool_size))

    container.install(Providers())
    with pytest.raises(DependencyNotFoundError, match="pool_size"):
        container.get(ConnectionPool)


def test_provider_needs_a_return_annotation(container: InjectQ) -> None:
    """A provider without a return annotation cannot be installed."""

    class Providers(ProviderModule):
        @provider
        def pool(self):  # type: ignore[no-untyped-def]
            return ConnectionPool(1)

    with pytest.raises(BindingError, match="return annotation"):
        container.install(Providers())


def test_providers_of_a_binder_style_module_are_bound_with_its_bindings() -> None:
    """A plain Module binds its @provider methods next to configure(binder)'s bindings, once."""

    class Mixed(Module):
        def configure(self, binder: ModuleBinder | None = None) -> None:
            assert binder is not None
            binder.bind_instance(int, 3)

        @provider
        def pool(self, size: int) -> ConnectionPool:
            return ConnectionPool(size)

        @provider(scope="singleton")
        def big(self) -> Annotated[ConnectionPool, Named("big")]:
            return ConnectionPool(100)

    container = InjectQ(allow_override=False)  # a second binding of a provider would raise
    container.install(Mixed())
    assert container.get(ConnectionPool).size == 3
    assert container.get(ConnectionPool, name="big").size == 100
    assert container.get(ConnectionPool, name="big") is container.get(ConnectionPool, name="big")


def test_provider_module_binds_each_provider_once() -> None:
    """ProviderModule keeps working, and installing it binds each provider exactly once."""

    class Providers(ProviderModule):
        @provider
        def pool(self) -> ConnectionPool:
            return ConnectionPool(1)

    container = InjectQ(allow_override=False)
    container.install(Providers())
    assert container.get(ConnectionPool).size == 1


def test_provider_with_lifetime(container: InjectQ) -> None:
    """@provider(scope="singleton") makes the provided value a singleton."""

    class Providers(ProviderModule):
        @provider(scope="singleton")
        def pool(self) -> ConnectionPool:
            return ConnectionPool(1)

    container.install(Providers())
    assert container.get(ConnectionPool) is container.get(ConnectionPool)


def test_configuration_module(container: InjectQ) -> None:
    """Each configuration item becomes an instance; non-string keys become strings."""
    container.install(ConfigurationModule({"url": "x", 5: "five", Config: Config()}))
    assert container.get("url") == "x" and container.get("5") == "five"
    assert isinstance(container.get(Config), Config)


def test_object_without_configure_is_not_a_module(container: InjectQ) -> None:
    """Installing something without configure() raises BindingError."""
    with pytest.raises(BindingError):
        container.install(object())


def test_module_bind_outside_install_is_explained() -> None:
    """Calling self.bind on a module that is not being installed says how to install it."""
    with pytest.raises(BindingError, match="install"):
        GuideModule().bind(Cache, Cache)


def test_async_factory_method_result_is_an_async_singleton(container: InjectQ) -> None:
    """Binding the coroutine of an async factory method gives a singleton awaited once."""
    created: list[int] = []

    class Pools(Module):
        def configure(self) -> None:  # type: ignore[override]
            self.bind(ConnectionPool, self._create_pool()).singleton()

        async def _create_pool(self) -> ConnectionPool:
            created.append(1)
            return ConnectionPool(20)

    import asyncio

    async def main() -> None:
        container.install(Pools())
        first = await container.aget(ConnectionPool)
        assert await container.aget(ConnectionPool) is first
        assert container.get(ConnectionPool) is first
        assert first.size == 20 and created == [1]

    asyncio.run(main())


def test_async_singleton_via_sync_get_before_creation_is_a_clear_error(container: InjectQ) -> None:
    """get() on a not-yet-awaited async singleton raises naming the key (never a coroutine)."""

    async def make() -> ConnectionPool:
        return ConnectionPool(1)

    container.bind(ConnectionPool, make())
    from injectq import InjectionError

    with pytest.raises(InjectionError, match="aget"):
        container.get(ConnectionPool)
    import asyncio

    asyncio.run(container.aget(ConnectionPool))
