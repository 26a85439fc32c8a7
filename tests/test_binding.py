"""Registration: bind, bind_instance, bind_factory, the dict interface and their options."""

from __future__ import annotations

import pytest

from injectq import BindingError, InjectQ
from injectq.utils import AlreadyRegisteredError
from tests.services import Cache, Config, Database, MemoryRepository, Repository, SqlRepository


def test_bind_class_is_singleton_by_default(container: InjectQ) -> None:
    """bind(K, Impl) builds Impl once and shares it."""
    container.bind(Repository, MemoryRepository)
    assert container.get(Repository) is container.get(Repository)
    assert isinstance(container.get(Repository), MemoryRepository)


def test_bind_without_implementation_binds_class_to_itself(container: InjectQ) -> None:
    """bind(S) with no implementation is a self-binding."""
    container.bind(Cache)
    assert isinstance(container.get(Cache), Cache)


def test_bind_non_class_without_implementation_is_an_error(container: InjectQ) -> None:
    """Only a class can be bound to itself."""
    with pytest.raises(BindingError):
        container.bind("name")


def test_to_overrides_implementation(container: InjectQ) -> None:
    """to= wins over the positional implementation, as in 0.5."""
    container.bind(Repository, SqlRepository, to=MemoryRepository)
    assert isinstance(container.get(Repository), MemoryRepository)


def test_none_needs_allow_none(container: InjectQ) -> None:
    """Binding None raises unless allow_none=True."""
    with pytest.raises(BindingError):
        container.bind("optional", None)
    container.bind("optional", None, allow_none=True)
    assert container.get("optional") is None


def test_abstract_implementation_is_rejected_at_bind_time(container: InjectQ) -> None:
    """An abstract class cannot be an implementation."""
    with pytest.raises(BindingError):
        container.bind(Repository, Repository)


def test_instance_is_returned_as_is(container: InjectQ) -> None:
    """A non-class implementation (even a callable) is stored and returned unchanged."""

    def handler() -> str:
        return "called"

    container.bind("handler", handler)
    assert container.get("handler") is handler


def test_allow_concrete_also_binds_the_instance_type(container: InjectQ) -> None:
    """0.5's allow_concrete: bind("port", 8080) also makes get(int) == 8080."""
    container.bind("port", 8080)
    assert container.get(int) == 8080
    other = InjectQ()
    other.bind("port", 8080, allow_concrete=False)
    assert not other.has(int)


def test_bind_instance_rejects_classes(container: InjectQ) -> None:
    """bind_instance takes an instance."""
    with pytest.raises(BindingError):
        container.bind_instance(Cache, Cache)


def test_setitem_binds_class_or_instance(container: InjectQ) -> None:
    """c[K] = cls binds a singleton class; c[K] = value binds the value."""
    container[Cache] = Cache
    container["url"] = "sqlite://"
    assert container[Cache] is container[Cache]
    assert container["url"] == "sqlite://"
    assert Cache in container and "url" in container


def test_delitem_removes_a_binding_but_not_a_factory(container: InjectQ) -> None:
    """del c[K] removes a binding; a factory-only key raises KeyError as in 0.5."""
    container["url"] = "x"
    del container["url"]
    assert "url" not in container
    container.bind_factory("made", lambda: 1)
    with pytest.raises(KeyError):
        del container["made"]


def test_bind_factory_is_transient_by_default(container: InjectQ) -> None:
    """A factory runs on every resolution unless given a lifetime."""
    container.bind_factory(Cache, Cache)
    assert container.get(Cache) is not container.get(Cache)


def test_bind_factory_takes_a_lifetime_and_a_builder(container: InjectQ) -> None:
    """bind_factory(K, fn, scope=...) and bind_factory(K, fn).singleton() both work."""
    container.bind_factory(Cache, Cache, scope="singleton")
    container.bind_factory(Config, Config).singleton()
    assert container.get(Cache) is container.get(Cache)
    assert container.get(Config) is container.get(Config)


def test_factory_wins_over_binding(container: InjectQ) -> None:
    """0.5 keeps factories beside bindings; the factory wins on the same key."""
    container.bind("value", "from binding")
    container.bind_factory("value", lambda: "from factory")
    assert container.get("value") == "from factory"
    del container.factories["value"]
    assert container.get("value") == "from binding"


def test_bind_factory_needs_a_callable(container: InjectQ) -> None:
    """A non-callable factory is a BindingError."""
    with pytest.raises(BindingError):
        container.bind_factory("x", 42)  # type: ignore[arg-type]


def test_factories_proxy_is_a_dict_view(container: InjectQ) -> None:
    """c.factories supports set, get, contains, delete and KeyError for missing keys."""

    def make() -> Cache:
        return Cache()

    container.factories[Cache] = make
    assert container.factories[Cache] is make
    assert Cache in container.factories
    del container.factories[Cache]
    with pytest.raises(KeyError):
        container.factories[Cache]


def test_allow_override_false_rejects_rebinding(container: InjectQ) -> None:
    """allow_override=False makes a second binding of a key raise AlreadyRegisteredError."""
    strict = InjectQ(allow_override=False)
    strict.bind(Repository, MemoryRepository)
    with pytest.raises(AlreadyRegisteredError, match="Type already registered"):
        strict.bind(Repository, SqlRepository)
    with pytest.raises(AlreadyRegisteredError):
        strict.bind_factory(Repository, MemoryRepository)


def test_builder_changes_lifetime_without_counting_as_rebind() -> None:
    """bind(...).transient() adjusts the same binding, even under allow_override=False."""
    strict = InjectQ(allow_override=False)
    strict.bind(Cache, Cache).transient()
    assert strict.get(Cache) is not strict.get(Cache)
    strict.bind(Config, Config).singleton()
    assert strict.get(Config) is strict.get(Config)


def test_named_bindings_are_separate_keys(container: InjectQ) -> None:
    """bind(K, Impl, name=...) and get(K, name=...) select a qualified binding."""
    container.bind(Repository, SqlRepository, name="sql")
    container.bind(Repository, MemoryRepository, name="memory")
    container.bind(Database, Database)
    container.bind(Config, Config)
    assert container.get(Repository, name="sql").find() == "sql"
    assert container.get(Repository, name="memory").find() == "memory"
    assert container.has(Repository, name="sql") and not container.has(Repository)
    assert container.try_get(Repository) is None


def test_repr_counts_bindings_and_factories(container: InjectQ) -> None:
    """repr shows the number of registrations."""
    container.bind(Cache, Cache)
    container.bind_factory(Config, Config)
    assert repr(container) == "InjectQ(services=2, thread_safe=True)"


def test_clear_drops_everything(container: InjectQ) -> None:
    """clear() removes bindings, factories and cached instances."""
    container.bind(Cache, Cache)
    first = container.get(Cache)
    container.clear()
    assert Cache not in container
    container.bind(Cache, Cache)
    assert container.get(Cache) is not first
