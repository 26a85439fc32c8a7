"""Resolution: get, aget, try_get, has, constructor injection and error paths."""

import re
from typing import Annotated

import pytest

from injectq import (
    CircularDependencyError,
    DependencyNotFoundError,
    Inject,
    InjectionError,
    InjectQ,
    Lazy,
    Named,
)
from tests.services import (
    Cache,
    Config,
    Database,
    MemoryRepository,
    NoInit,
    Repository,
    SqlRepository,
    UserService,
)


def test_auto_builds_concrete_classes_transiently(container: InjectQ) -> None:
    """An unregistered class with its own __init__ is built, transient, with its dependencies."""
    service = container.get(UserService)
    assert isinstance(service.db.config, Config)
    assert container.get(UserService) is not service
    assert UserService not in container


def test_class_without_own_init_is_not_auto_built(container: InjectQ) -> None:
    """0.5 does not auto-build classes without their own __init__, but builds them once bound."""
    with pytest.raises(DependencyNotFoundError):
        container.get(NoInit)
    container.bind(NoInit)
    assert isinstance(container.get(NoInit), NoInit)


def test_class_without_own_init_error_says_to_bind_it(container: InjectQ) -> None:
    """The error for such a class gives the generator's hint, once: bind it explicitly."""
    with pytest.raises(DependencyNotFoundError) as caught:
        container.get(NoInit)
    message = str(caught.value)
    assert "NoInit has no __init__ of its own" in message
    assert message.count("bind it explicitly") == 1


def test_builtins_are_never_auto_built(container: InjectQ) -> None:
    """get(str) without a binding is an error, not an empty string."""
    with pytest.raises(DependencyNotFoundError, match="No binding found for type: str"):
        container.get(str)


def test_parameter_name_matches_before_type(container: InjectQ) -> None:
    """A string key equal to the parameter name wins over the annotation."""

    class Client:
        def __init__(self, url: str, timeout: int = 5) -> None:
            self.url = url
            self.timeout = timeout

    container["url"] = "http://x"
    client = container.get(Client)
    assert client.url == "http://x" and client.timeout == 5
    container["timeout"] = 9
    assert container.get(Client).timeout == 9


def test_optional_and_defaults(container: InjectQ) -> None:
    """A missing dependency with a default keeps the default; Optional[X] resolves X."""

    class Service:
        def __init__(self, cache: Cache | None = None, repo: Repository | None = None) -> None:
            self.cache = cache
            self.repo = repo

    service = container.get(Service)
    assert isinstance(service.cache, Cache) and service.repo is None


def test_missing_dependency_names_the_full_path(container: InjectQ) -> None:
    """The error keeps 0.5's first line, then the path with parameter names and locations."""

    class Handler:
        def __init__(self, users: UserService, repo: Repository) -> None:
            self.users = users

    with pytest.raises(DependencyNotFoundError) as info:
        container.get(Handler)
    text = str(info.value)
    assert text.startswith("No binding found for type: tests.services.Repository")
    assert "Handler.__init__(repo: Repository)" in text
    assert "test_resolution.py:" in text
    assert info.value.dependency_type is Repository


def test_failure_inside_a_constructor_names_the_path(container: InjectQ) -> None:
    """A constructor error is wrapped in InjectionError with the path to the failing class."""

    class Broken:
        def __init__(self) -> None:
            raise RuntimeError("boom")

    class Outer:
        def __init__(self, broken: Broken) -> None:
            self.broken = broken

    with pytest.raises(InjectionError, match="Failed to instantiate") as info:
        container.get(Outer)
    assert re.search(r"Outer\.__init__\(broken: Broken\)", str(info.value))
    assert isinstance(info.value.__cause__, RuntimeError)


def test_cycle_is_reported_with_its_chain(container: InjectQ) -> None:
    """A -> B -> A raises CircularDependencyError listing the chain."""

    class A:
        def __init__(self, b: "B") -> None: ...

    class B:
        def __init__(self, a: A) -> None: ...

    globals().update(A=A, B=B)
    try:
        with pytest.raises(CircularDependencyError, match=r"A -> .*B -> .*A"):
            container.get(A)
    finally:
        del globals()["A"], globals()["B"]


def test_try_get_returns_default_only_for_missing_keys(container: InjectQ) -> None:
    """try_get swallows DependencyNotFoundError and nothing else."""
    assert container.try_get("absent", "fallback") == "fallback"

    def broken() -> str:
        raise ValueError("bad")

    container.bind_factory("broken", broken)
    with pytest.raises(InjectionError):
        container.try_get("broken")


async def test_aget_and_atry_get(container: InjectQ) -> None:
    """aget resolves sync graphs too; atry_get returns the default for missing keys."""
    container.bind(Cache, Cache)
    assert await container.aget(Cache) is container.get(Cache)
    assert await container.atry_get("absent", 3) == 3


def test_named_qualifier_in_constructor(container: InjectQ) -> None:
    """Annotated[K, Named("x")] asks for the binding of K named x."""

    class Service:
        def __init__(self, base: Annotated[Repository, Named("base")]) -> None:
            self.base = base

    container.bind(Repository, MemoryRepository, name="base")
    assert isinstance(container.get(Service).base, MemoryRepository)


def test_inject_default_marker_in_constructor(container: InjectQ) -> None:
    """A parameter defaulting to Inject[T] is resolved as T."""

    class Service:
        def __init__(self, cache=Inject[Cache]) -> None:  # type: ignore[no-untyped-def]
            self.cache = cache

    container.bind(Cache, Cache)
    assert container.get(Service).cache is container.get(Cache)


def test_lazy_dependency_resolves_on_first_use(container: InjectQ) -> None:
    """Lazy[K] gives a handle whose get() resolves once and then returns the same object."""
    built: list[str] = []

    class Expensive:
        def __init__(self) -> None:
            built.append("x")

    class Service:
        def __init__(self, expensive: Lazy[Expensive]) -> None:
            self.expensive = expensive

    service = container.get(Service)
    assert built == []
    first = service.expensive.get()
    assert service.expensive.get() is first and built == ["x"]


def test_lazy_breaks_a_construction_cycle(container: InjectQ) -> None:
    """Two singletons can refer to each other when one side is Lazy."""

    class Left:
        def __init__(self, right: "Lazy[Right]") -> None:
            self.right = right

    class Right:
        def __init__(self, left: Left) -> None:
            self.left = left

    globals().update(Left=Left, Right=Right)
    try:
        container.bind(Left, Left)
        container.bind(Right, Right)
        left = container.get(Left)
        assert left.right.get().left is left
    finally:
        del globals()["Left"], globals()["Right"]


def test_container_parameter_receives_the_resolving_container(container: InjectQ) -> None:
    """A parameter typed InjectQ gets this container, not a new empty one."""

    class Locator:
        def __init__(self, container: InjectQ) -> None:
            self.container = container

    assert container.get(Locator).container is container


def test_abstract_key_without_binding_hints_at_binding(container: InjectQ) -> None:
    """Resolving an unbound abstract class says to bind an implementation."""
    with pytest.raises(DependencyNotFoundError, match="abstract: bind an implementation"):
        container.get(Repository)


def test_sql_repository_gets_its_database(container: InjectQ) -> None:
    """Interfaces resolve to their bound implementation with its own dependencies."""
    container.bind(Repository, SqlRepository)
    container.bind(Database, Database)
    repo = container.get(Repository)
    assert isinstance(repo, SqlRepository) and repo.db is container.get(Database)
