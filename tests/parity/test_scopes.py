"""Request blocks, resources and overrides behave alike in both modes."""

from __future__ import annotations

import asyncio

import pytest

from injectq.decorators.resource import ResourceError

from .conftest import Builder

SESSIONS = {
    "app/services.py": """
        from collections.abc import AsyncIterator, Iterator

        from injectq import resource, scoped, transient

        EVENTS: list[str] = []

        class Session:
            pass

        class AsyncSession:
            pass

        @resource("request")
        def open_session() -> Iterator[Session]:
            EVENTS.append("open")
            try:
                yield Session()
            except Exception as error:
                EVENTS.append(f"rollback {error}")
                raise
            else:
                EVENTS.append("commit")

        @resource("request")
        async def open_async_session() -> AsyncIterator[AsyncSession]:
            EVENTS.append("aopen")
            try:
                yield AsyncSession()
            except Exception as error:
                EVENTS.append(f"arollback {error}")
                raise
            else:
                EVENTS.append("acommit")

        @transient
        class Greeter:
            def hi(self) -> str:
                return "real"

        @scoped("request")
        class Orders:
            def __init__(self, session: Session, greeter: Greeter) -> None:
                self.session, self.greeter = session, greeter
    """
}


def test_failing_block_rolls_its_resources_back(build: Builder) -> None:
    """The block's exception is thrown into its generator resources (rollback, not commit)."""
    container = build(SESSIONS)
    services = build.app("services")
    with pytest.raises(RuntimeError), container.scope("request"):
        container.get(services.Orders)
        raise RuntimeError("payment declined")
    with container.scope("request"):
        container.get(services.Orders)
    assert services.EVENTS == ["open", "rollback payment declined", "open", "commit"]


def test_failing_async_block_rolls_its_resources_back(build: Builder) -> None:
    """Async blocks throw the body's exception into async-generator resources too."""
    container = build(SESSIONS)
    services = build.app("services")

    async def request(fail: bool) -> None:
        async with container.scope("request"):
            await container.aget(services.AsyncSession)
            if fail:
                raise RuntimeError("timeout")

    with pytest.raises(RuntimeError):
        asyncio.run(request(True))
    asyncio.run(request(False))
    assert services.EVENTS == ["aopen", "arollback timeout", "aopen", "acommit"]


def _fake(greeter: type, text: str) -> object:
    class Fake(greeter):  # type: ignore[misc, valid-type]  # a subclass of the app's class
        def hi(self) -> str:
            return text

    return Fake()


def test_inner_override_exit_restores_the_outer_one(build: Builder) -> None:
    """Leaving a nested override brings back the enclosing override, not the real binding."""
    container = build(SESSIONS)
    services = build.app("services")
    outer, inner = _fake(services.Greeter, "outer"), _fake(services.Greeter, "inner")
    with container.scope("request"), container.override(services.Greeter, outer):
        with container.override(services.Greeter, inner):
            assert container.get(services.Greeter).hi() == "inner"
        assert container.get(services.Greeter).hi() == "outer"
    assert container.get(services.Greeter).hi() == "real"


def test_resources_opened_under_an_override_are_closed(build: Builder) -> None:
    """A block's resources built while an override is active still close with the block."""
    container = build(SESSIONS)
    services = build.app("services")
    fake = _fake(services.Greeter, "fake")
    with container.override(services.Greeter, fake), container.scope("request"):
        orders = container.get(services.Orders)
        assert orders.greeter.hi() == "fake"
    assert services.EVENTS == ["open", "commit"]


NAME_BEFORE_TYPE = {
    "app/services.py": """
        from injectq import Module

        class Notifier:
            def __init__(self, channel: str) -> None:
                self.channel = channel

        class Alerts:
            def __init__(self, sms: Notifier) -> None:
                self.sms = sms

        def make_sms() -> Notifier:
            return Notifier("sms")

        class Mod(Module):
            def configure(self) -> None:
                self.bind(Notifier, Notifier("by type"))
                self.bind_factory("sms", make_sms)
                self.bind(Alerts, Alerts)
    """
}


def test_parameter_name_binding_wins_over_the_type(build: Builder) -> None:
    """0.5's rule in both modes: a binding under the parameter's name beats one by type."""
    container = build(NAME_BEFORE_TYPE, modules=["app.services:Mod"])
    assert container.get(build.app("services").Alerts).sms.channel == "sms"


TRANSIENT_ROOT = {
    "app/services.py": """
        from collections.abc import Iterator

        from injectq import resource, scoped, transient

        CLOSED: list[object] = []

        class Session:
            pass

        @resource("request")
        def open_session() -> Iterator[Session]:
            session = Session()
            yield session
            CLOSED.append(session)

        @scoped("request")
        class Users:
            def __init__(self, session: Session) -> None:
                self.session = session

        @scoped("request")
        class Orders:
            def __init__(self, session: Session) -> None:
                self.session = session

        @transient
        class Page:
            def __init__(self, users: Users, orders: Orders) -> None:
                self.users, self.orders = users, orders
    """
}


def test_a_transient_root_shares_the_values_of_the_block_it_is_built_in(build: Builder) -> None:
    """A transient needing several scoped values gets the block's own, in every block."""
    container = build(TRANSIENT_ROOT)
    services = build.app("services")
    with container.scope("request"):
        users = container.get(services.Users)
        first, second = container.get(services.Page), container.get(services.Page)
        assert first is not second and first.users is second.users is users
        assert first.orders.session is users.session
    with container.scope("request"):
        other = container.get(services.Page)
    assert other.users is not users and other.orders.session is not users.session
    assert [users.session, other.users.session] == services.CLOSED


TWICE = {
    "app/services.py": """
        from collections.abc import AsyncIterator, Iterator

        from injectq import resource

        class Session:
            pass

        class AsyncSession:
            pass

        @resource("request")
        def open_session() -> Iterator[Session]:
            yield Session()
            yield Session()

        @resource("request")
        async def open_async_session() -> AsyncIterator[AsyncSession]:
            yield AsyncSession()
            yield AsyncSession()
    """
}


def test_a_resource_yielding_twice_fails_the_block_it_ends(build: Builder) -> None:
    """Leaving a block whose only resource yields again raises the same error, sync and async."""
    container = build(TWICE)
    services = build.app("services")
    with pytest.raises(ResourceError, match="yielded more than once"), container.scope("request"):
        container.get(services.Session)

    async def request() -> None:
        async with container.scope("request"):
            await container.aget(services.AsyncSession)

    with pytest.raises(ResourceError, match="yielded more than once"):
        asyncio.run(asyncio.wait_for(request(), 10))


RACING = {
    "app/services.py": """
        import asyncio
        from collections.abc import AsyncIterator

        from injectq import resource, scoped

        EVENTS: list[str] = []

        class Connection:
            pass

        @resource("request")
        async def connect() -> AsyncIterator[Connection]:
            EVENTS.append("open")
            await asyncio.sleep(0)  # the racing tasks interleave while it opens
            yield Connection()
            EVENTS.append("close")

        @scoped("request")
        class Repository:
            def __init__(self, connection: Connection) -> None:
                self.connection = connection

        @scoped("request")
        class Report:
            def __init__(self, repository: Repository, connection: Connection) -> None:
                self.repository, self.connection = repository, connection
    """
}


def test_tasks_racing_for_a_dependant_open_its_async_resource_once(build: Builder) -> None:
    """Twenty tasks of one block await what needs the block's async-generator resource (which
    a dependant opens itself in generated mode): one is opened, shared and closed with the block;
    a task cancelled while it opens leaves the others to open it."""
    container = build(RACING)
    services = build.app("services")

    async def request() -> None:
        async with container.scope("request"):
            reports = await asyncio.gather(*(container.aget(services.Report) for _ in range(20)))
            assert {id(report) for report in reports} == {id(reports[0])}
            assert reports[0].connection is reports[0].repository.connection
            assert services.EVENTS == ["open"]
        assert services.EVENTS == ["open", "close"]
        services.EVENTS.clear()
        async with container.scope("request"):
            first = asyncio.create_task(container.aget(services.Report))
            others = [asyncio.create_task(container.aget(services.Report)) for _ in range(3)]
            await asyncio.sleep(0)  # the first is opening the connection, the others wait
            first.cancel()
            reports = await asyncio.gather(*others)
            assert first.cancelled() and {id(report) for report in reports} == {id(reports[0])}
        assert services.EVENTS == ["open", "open", "close"]

    asyncio.run(asyncio.wait_for(request(), 10))
