"""Scopes: blocks, nesting, ambient behaviour, clearing and custom scopes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from injectq import InjectQ, Scope, ScopeError
from tests.services import Cache, Config


class RequestThing:
    def __init__(self) -> None: ...


class ActionThing:
    def __init__(self, request: RequestThing) -> None:
        self.request = request


@pytest.fixture
def scoped_container(container: InjectQ) -> InjectQ:
    container.bind(RequestThing, RequestThing, scope="request")
    container.bind(ActionThing, ActionThing, scope="action")
    return container


def test_leaving_a_block_drops_its_instances(scoped_container: InjectQ) -> None:
    """Two consecutive request blocks get different instances."""
    with scoped_container.scope("request"):
        first = scoped_container.get(RequestThing)
        assert scoped_container.get(RequestThing) is first
    with scoped_container.scope("request"):
        assert scoped_container.get(RequestThing) is not first


async def test_async_with_scope(scoped_container: InjectQ) -> None:
    """async with container.scope(...) works, and async_scope is an alias."""
    async with scoped_container.scope("request"):
        first = await scoped_container.aget(RequestThing)
        assert scoped_container.get(RequestThing) is first
    async with scoped_container.async_scope("request"):
        assert await scoped_container.aget(RequestThing) is not first


def test_inner_block_of_another_name_sees_outer_instances(scoped_container: InjectQ) -> None:
    """An action block inside a request block shares the request's instances."""
    with scoped_container.scope("request"):
        request = scoped_container.get(RequestThing)
        with scoped_container.scope("action"):
            assert scoped_container.get(ActionThing).request is request


def test_inner_block_of_the_same_name_starts_fresh(scoped_container: InjectQ) -> None:
    """A nested request block has its own instances; the outer ones come back after it."""
    with scoped_container.scope("request"):
        outer = scoped_container.get(RequestThing)
        with scoped_container.scope("request"):
            assert scoped_container.get(RequestThing) is not outer
        assert scoped_container.get(RequestThing) is outer


def test_with_yields_the_scope_state(scoped_container: InjectQ) -> None:
    """with ... as state: the state tells which keys were created in this block."""
    with scoped_container.scope("request") as state:
        assert RequestThing not in state
        scoped_container.get(RequestThing)
        assert RequestThing in state
    assert state.closed


def test_outside_a_block_uses_the_ambient_store(scoped_container: InjectQ) -> None:
    """Without a block, scoped instances live in an ambient store until clear_scope."""
    first = scoped_container.get(RequestThing)
    assert scoped_container.get(RequestThing) is first
    scoped_container.clear_scope("request")
    assert scoped_container.get(RequestThing) is not first


def test_strict_scopes_refuse_resolution_outside_a_block() -> None:
    """strict_scopes=True turns the ambient store into a ScopeError naming scope and path."""
    strict = InjectQ(strict_scopes=True)
    strict.bind(RequestThing, RequestThing, scope="request")

    class Handler:
        def __init__(self, thing: RequestThing) -> None: ...

    with pytest.raises(ScopeError, match="no 'request' scope is active") as info:
        strict.get(Handler)
    assert "Handler.__init__(thing: RequestThing)" in str(info.value)


def test_clear_all_scopes_and_unknown_scope(scoped_container: InjectQ) -> None:
    """clear_all_scopes evicts every scope; an unknown name is a ScopeError."""
    first = scoped_container.get(RequestThing)
    scoped_container.clear_all_scopes()
    assert scoped_container.get(RequestThing) is not first
    with pytest.raises(ScopeError, match="Unknown scope"):
        scoped_container.clear_scope("nope")
    with pytest.raises(ScopeError, match="Unknown scope"):
        scoped_container.scope("nope")


def test_scoped_alias_means_request(container: InjectQ) -> None:
    """scope="scoped" and the async_request alias both mean the request scope."""
    container.bind(Cache, Cache, scope="scoped")
    container.bind(Config, Config, scope="async_request")
    with container.scope("request"):
        assert container.get(Cache) is container.get(Cache)
        assert container.get(Config) is container.get(Config)


def test_unknown_scope_on_a_binding_fails_at_resolution(container: InjectQ) -> None:
    """A binding may name an unknown scope; resolving it is the ScopeError (0.5)."""
    container.bind(Cache, Cache, scope="tenant")
    with pytest.raises(ScopeError, match="Unknown scope: tenant"):
        container.get(Cache)


def test_custom_named_scope(container: InjectQ) -> None:
    """register_scope("tenant") makes a block-based custom scope."""
    container.register_scope("tenant")
    container.bind(Cache, Cache, scope="tenant")
    with container.scope("tenant"):
        first = container.get(Cache)
        assert container.get(Cache) is first
    with container.scope("tenant"):
        assert container.get(Cache) is not first


def test_custom_scope_object(container: InjectQ) -> None:
    """A 0.5-style Scope subclass decides the caching itself."""

    class Forever(Scope):
        def __init__(self) -> None:
            super().__init__("forever")
            self.store: dict[object, object] = {}

        def get(self, key: object, factory):  # type: ignore[no-untyped-def]
            if key not in self.store:
                self.store[key] = factory()
            return self.store[key]

        def clear(self) -> None:
            self.store.clear()

    scope = Forever()
    container.register_scope(scope)
    container.bind(Cache, Cache, scope="forever")
    assert container.get(Cache) is container.get(Cache)
    container.clear_scope("forever")
    assert scope.store == {}


async def test_scopes_do_not_leak_between_tasks(scoped_container: InjectQ) -> None:
    """Two tasks with their own request blocks never see each other's instances."""

    async def handle() -> RequestThing:
        async with scoped_container.scope("request"):
            thing = await scoped_container.aget(RequestThing)
            await asyncio.sleep(0)
            assert await scoped_container.aget(RequestThing) is thing
            return thing

    first, second = await asyncio.gather(handle(), handle())
    assert first is not second


async def test_scope_is_carried_into_to_thread(scoped_container: InjectQ) -> None:
    """asyncio.to_thread copies the context, so the thread sees the active block."""
    async with scoped_container.scope("request"):
        here = scoped_container.get(RequestThing)
        there = await asyncio.to_thread(scoped_container.get, RequestThing)
        assert there is here


async def test_scoped_instance_created_once_when_tasks_race(container: InjectQ) -> None:
    """Inside one block, racing tasks share one creation of an async scoped factory."""
    created: list[int] = []

    async def make() -> Cache:
        created.append(1)
        await asyncio.sleep(0.01)
        return Cache()

    container.bind_factory(Cache, make, scope="request")
    async with container.scope("request"):
        results = await asyncio.gather(*(container.aget(Cache) for _ in range(20)))
    assert len({id(r) for r in results}) == 1 and created == [1]


async def test_tasks_waiting_on_a_failed_creation_get_its_error(container: InjectQ) -> None:
    """When the shared creation fails, every waiting task gets the error; a later call retries."""
    attempts: list[int] = []

    async def make() -> Cache:
        attempts.append(1)
        await asyncio.sleep(0.01)
        if len(attempts) == 1:
            raise RuntimeError("backend down")
        return Cache()

    container.bind_factory(Cache, make, scope="request")
    async with container.scope("request"):
        results = await asyncio.gather(
            *(container.aget(Cache) for _ in range(5)), return_exceptions=True
        )
        assert attempts == [1] and len(results) == 5
        assert all("backend down" in str(r) for r in results)
        assert isinstance(await container.aget(Cache), Cache) and attempts == [1, 1]


def test_block_left_from_another_task_still_cleans_up(container: InjectQ) -> None:
    """Leaving a block in a different task than the one that entered it runs its cleanup."""
    events: list[str] = []

    def make() -> object:
        yield Cache()
        events.append("closed")

    container.bind_factory(Cache, make, scope="request")
    block = container.scope("request")

    async def enter() -> None:
        await block.__aenter__()
        await container.aget(Cache)

    async def leave() -> None:
        await block.__aexit__(None, None, None)

    async def main() -> None:
        await asyncio.create_task(enter())
        await asyncio.create_task(leave())

    asyncio.run(main())
    assert events == ["closed"]


async def test_class_with_async_dependency_is_built_once_under_a_race(container: InjectQ) -> None:
    """Tasks racing for a scoped class whose dependency awaits still share one instance."""
    built: list[int] = []

    async def make_config() -> Config:
        await asyncio.sleep(0.01)
        return Config()

    class Service:
        def __init__(self, config: Config) -> None:
            built.append(1)
            self.config = config

    container.bind_factory(Config, make_config, scope="request")
    container.bind(Service, Service, scope="request")
    async with container.scope("request"):
        results = await asyncio.gather(*(container.aget(Service) for _ in range(20)))
    assert len({id(r) for r in results}) == 1 and built == [1]


class _Session:
    pass


class _Users:
    def __init__(self, session: _Session) -> None:
        self.session = session


class _Orders:
    def __init__(self, session: _Session, users: _Users) -> None:
        self.session, self.users = session, users


class _Handler:
    def __init__(self, users: _Users, orders: _Orders) -> None:
        self.users, self.orders = users, orders


async def test_services_share_an_async_session_within_a_request(container: InjectQ) -> None:
    """Several request-scoped services built around one async-generator session share it."""
    events: list[str] = []

    async def open_session() -> AsyncIterator[_Session]:
        events.append("open")
        yield _Session()
        events.append("close")

    container.bind_factory(_Session, open_session, scope="request")
    for cls in (_Users, _Orders, _Handler):
        container.bind(cls, cls, scope="request")
    handlers = []
    for _ in range(2):
        async with container.scope("request"):
            handler = await container.aget(_Handler)
            assert handler.users is handler.orders.users
            assert handler.users.session is handler.orders.session
            handlers.append(handler)
    assert handlers[0].users.session is not handlers[1].users.session
    assert events == ["open", "close", "open", "close"]


async def test_custom_scope_object_serves_async_resolution(container: InjectQ) -> None:
    """A 0.5 Scope object caches async-built instances too (its default aget)."""
    built: list[int] = []

    class Forever(Scope):
        def __init__(self) -> None:
            super().__init__("forever")
            self.store: dict[object, object] = {}

        def get(self, key: object, factory):  # type: ignore[no-untyped-def]
            if key not in self.store:
                self.store[key] = factory()
            return self.store[key]

        def clear(self) -> None:
            self.store.clear()

    async def make() -> Cache:
        built.append(1)
        await asyncio.sleep(0)
        return Cache()

    container.register_scope(Forever())
    container.bind_factory(Cache, make, scope="forever")
    first, second = await asyncio.gather(container.aget(Cache), container.aget(Cache))
    assert first is second is await container.aget(Cache) and built == [1]
