"""@inject and Inject[T]: functions, methods, __init__, async functions and generators."""

from collections.abc import AsyncIterator, Iterator

import pytest

from injectq import Inject, InjectionError, InjectQ, inject, singleton
from tests.services import Cache, Config


def test_inject_fills_missing_parameters_from_the_current_container(current: InjectQ) -> None:
    """Typed parameters the caller does not pass are resolved; passed ones win."""
    current.bind(Cache, Cache)

    @inject
    def handler(cache: Cache, config: Config, label: str = "x") -> tuple[Cache, Config, str]:
        return cache, config, label

    cache, config, label = handler()
    assert cache is current.get(Cache) and isinstance(config, Config) and label == "x"
    mine = Cache()
    assert handler(mine)[0] is mine
    assert handler(config=Config())[0] is cache


def test_inject_with_explicit_container() -> None:
    """@inject(container=c) always uses c, whatever is current."""
    own = InjectQ()
    own["greeting"] = "hello"

    @inject(container=own)
    def greet(greeting: str) -> str:
        return greeting

    assert greet() == "hello"


def test_inject_missing_dependency_without_default(current: InjectQ) -> None:
    """A dependency that cannot be resolved and has no default is an InjectionError."""

    @inject
    def needs(token: str) -> str:
        return token

    with pytest.raises(InjectionError, match="Cannot inject dependency 'token'"):
        needs()


async def test_inject_async_function_shares_singletons(current: InjectQ) -> None:
    """An async @inject function resolves through aget, which honours singletons."""
    current.bind(Cache, Cache)

    @inject
    async def handler(cache: Cache) -> Cache:
        return cache

    assert await handler() is await handler() is current.get(Cache)


def test_inject_generator_resolves_when_called(current: InjectQ) -> None:
    """A generator function gets its dependencies when it is called."""
    current["count"] = 3

    @inject
    def numbers(count: int) -> Iterator[int]:
        yield from range(count)

    assert list(numbers()) == [0, 1, 2]


async def test_inject_async_generator(current: InjectQ) -> None:
    """An async generator function is injected too."""
    current["count"] = 2

    @inject
    async def numbers(count: int) -> AsyncIterator[int]:
        for i in range(count):
            yield i

    assert [n async for n in numbers()] == [0, 1]


def test_inject_on_init_and_methods(current: InjectQ) -> None:
    """@inject on __init__ lets Cls() self-inject; on a method, self is passed through."""
    current.bind(Cache, Cache)

    class Service:
        @inject
        def __init__(self, cache: Cache) -> None:
            self.cache = cache

        @inject
        def describe(self, config: Config) -> str:
            return config.url

    service = Service()
    assert service.cache is current.get(Cache)
    assert service.describe() == "sqlite://"


def test_inject_refuses_classes() -> None:
    """@inject on a class points at __init__."""
    with pytest.raises(InjectionError, match="only to functions"):
        inject(Cache)


def test_inject_preserves_metadata() -> None:
    """functools.wraps keeps the name and docstring."""

    @inject
    def documented(cache: Cache) -> None:
        """Docs."""

    assert documented.__name__ == "documented" and documented.__doc__ == "Docs."


def test_inject_default_marker_under_inject(current: InjectQ) -> None:
    """param=Inject[T] is resolved eagerly under @inject."""
    current.bind(Cache, Cache)

    @inject
    def handler(cache=Inject[Cache]):  # type: ignore[no-untyped-def]
        return cache

    assert handler() is current.get(Cache)


def test_inject_proxy_without_decorator_resolves_on_first_use(current: InjectQ) -> None:
    """Without @inject, Inject[T] is a proxy resolving from the current container on use."""
    current.bind(Config, Config)

    def handler(config=Inject[Config]):  # type: ignore[no-untyped-def]
        return config

    proxy = handler()
    assert proxy.url == "sqlite://"
    assert isinstance(proxy, Config)
    assert type(proxy) is Inject


def test_inject_proxy_is_falsy_when_unresolvable(current: InjectQ) -> None:
    """bool() of an unresolvable proxy is False, as in 0.5."""
    assert not Inject["nothing-bound"]


def test_inject_receives_the_current_container(current: InjectQ) -> None:
    """A parameter typed InjectQ gets the container that is injecting."""

    @inject
    def locate(container: InjectQ) -> InjectQ:
        return container

    assert locate() is current


def test_class_decorator_then_inject(current: InjectQ) -> None:
    """@singleton classes are shared with @inject functions."""

    @singleton
    class Clock:
        def __init__(self) -> None:
            self.ticks = 0

    @inject
    def tick(clock: Clock) -> int:
        clock.ticks += 1
        return clock.ticks

    assert tick() == 1 and tick() == 2


def test_inject_fast_path_sees_rebinding_and_overrides(current: InjectQ) -> None:
    """Calls that pass nothing use precompiled getters, yet follow re-binds and overrides."""
    current["greeting"] = "hello"

    @inject
    def greet(greeting: str) -> str:
        return greeting

    assert greet() == "hello" and greet() == "hello"
    current["greeting"] = "hi"
    assert greet() == "hi"
    with current.override("greeting", "hey"):
        assert greet() == "hey"
    assert greet() == "hi"


def test_inject_keeps_the_signature_and_every_way_of_calling(current: InjectQ) -> None:
    """Positional, keyword and partial calls all work; the signature is the function's own."""
    import inspect

    current.bind(Cache, Cache)
    current.bind(Config, Config)

    @inject
    def handler(cache: Cache, config: Config, label="plain"):  # type: ignore[no-untyped-def]
        return cache, config, label

    cache, config = current.get(Cache), Config()
    assert handler() == (cache, current.get(Config), "plain")
    assert handler(cache, config) == (cache, config, "plain")
    assert handler(config=config, label="x") == (cache, config, "x")
    assert handler(label="y")[2] == "y"
    assert list(inspect.signature(handler).parameters) == ["cache", "config", "label"]


def test_inject_fast_path_follows_close(current: InjectQ) -> None:
    """After close() the injected singleton is a fresh one, not the closed instance."""
    current.bind(Cache, Cache)

    @inject
    def use(cache: Cache) -> Cache:
        return cache

    first = use()
    assert use() is first
    current.close()
    assert use() is not first
