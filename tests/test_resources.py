"""Resources: generator factories, teardown order, failures, cancellation and close()."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import sys
import threading
from collections.abc import AsyncIterator, Iterator

import pytest

from injectq import (
    CleanupError,
    InjectionError,
    InjectQ,
    ScopeError,
    get_resource_manager,
    managed_resource,
)
from injectq import resource as resource_decorator


class Session:
    def __init__(self, name: str = "session") -> None:
        self.name = name
        self.closed = False


class Repo:
    def __init__(self, session: Session) -> None:
        self.session = session


def _tracking(events: list[str], name: str) -> object:
    def factory() -> Iterator[Session]:
        events.append(f"open {name}")
        session = Session(name)
        try:
            yield session
        finally:
            session.closed = True
            events.append(f"close {name}")

    return factory


def test_generator_factory_is_a_request_scoped_resource(container: InjectQ) -> None:
    """bind_factory(Session, make_session, scope="request") closes the session at block exit."""
    events: list[str] = []
    container.bind_factory(Session, _tracking(events, "s"), scope="request")  # type: ignore[arg-type]
    with container.scope("request"):
        session = container.get(Session)
        assert container.get(Repo).session is session and not session.closed
    assert session.closed and events == ["open s", "close s"]


def test_threads_racing_in_one_block_keep_one_session_and_close_the_other(
    container: InjectQ,
) -> None:
    """Two threads opening a block's session at once both get the one the block keeps; the
    other is closed at once, and the kept one when the block ends."""
    events: list[str] = []
    gate = threading.Barrier(2)
    opened = _tracking(events, "s")

    def factory() -> Iterator[Session]:
        gate.wait(timeout=5)  # both threads are inside the factory before either yields
        yield from opened()  # type: ignore[operator]  # the tracking generator function

    container.bind_factory(Session, factory, scope="request")
    got: list[Session] = []
    with container.scope("request"):
        context = contextvars.copy_context()
        threads = [
            threading.Thread(target=lambda: got.append(context.copy().run(container.get, Session)))
            for _ in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(got) == 2 and got[0] is got[1] and not got[0].closed
        assert events == ["open s", "open s", "close s"]
    assert got[0].closed and events.count("close s") == 2


def test_teardown_runs_in_reverse_creation_order(container: InjectQ) -> None:
    """Resources close in the reverse of the order they were created."""
    events: list[str] = []
    container.bind_factory("a", _tracking(events, "a"), scope="request")  # type: ignore[arg-type]
    container.bind_factory("b", _tracking(events, "b"), scope="request")  # type: ignore[arg-type]
    with container.scope("request"):
        container.get("a")
        container.get("b")
    assert events == ["open a", "open b", "close b", "close a"]


def test_teardown_runs_when_the_block_raises(container: InjectQ) -> None:
    """The block's exception reaches the generator, and cleanup still runs."""
    events: list[str] = []
    container.bind_factory(Session, _tracking(events, "s"), scope="request")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="body"), container.scope("request"):
        container.get(Session)
        raise ValueError("body")
    assert events == ["open s", "close s"]


def test_teardown_runs_when_a_later_factory_fails(container: InjectQ) -> None:
    """A resource opened before a failing factory is still closed at block exit."""
    events: list[str] = []
    container.bind_factory(Session, _tracking(events, "s"), scope="request")  # type: ignore[arg-type]

    class Broken:
        def __init__(self, session: Session) -> None:
            raise RuntimeError("broken")

    from injectq import InjectionError

    with pytest.raises(InjectionError), container.scope("request"):
        container.get(Broken)
    assert events == ["open s", "close s"]


def test_one_failing_teardown_does_not_skip_the_others(container: InjectQ) -> None:
    """Every teardown runs; several failures are raised together."""
    events: list[str] = []

    def failing(name: str) -> object:
        def factory() -> Iterator[str]:
            yield name
            events.append(f"close {name}")
            raise RuntimeError(f"fail {name}")

        return factory

    container.bind_factory("a", failing("a"), scope="request")  # type: ignore[arg-type]
    container.bind_factory("ok", _tracking(events, "ok"), scope="request")  # type: ignore[arg-type]
    container.bind_factory("b", failing("b"), scope="request")  # type: ignore[arg-type]
    with pytest.raises(CleanupError) as info, container.scope("request"):
        container.get("a"), container.get("ok"), container.get("b")
    assert events == ["open ok", "close b", "close ok", "close a"]
    assert sorted(str(e) for e in info.value.exceptions) == ["fail a", "fail b"]
    if sys.version_info >= (3, 11):
        assert isinstance(info.value, ExceptionGroup)  # noqa: F821 - Python 3.11+


async def test_async_generator_resource_and_cancellation(container: InjectQ) -> None:
    """An async-generator resource is closed even when the task is cancelled inside the block."""
    events: list[str] = []
    started = asyncio.Event()

    async def make() -> AsyncIterator[Session]:
        events.append("open")
        try:
            yield Session()
        finally:
            events.append("close")

    container.bind_factory(Session, make, scope="request")

    async def handler() -> None:
        async with container.scope("request"):
            await container.aget(Session)
            started.set()
            await asyncio.sleep(10)

    task = asyncio.create_task(handler())
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert events == ["open", "close"]


def test_transient_resources_close_with_the_innermost_block(container: InjectQ) -> None:
    """A transient resource belongs to the innermost open block."""
    events: list[str] = []
    container.bind_factory(Session, _tracking(events, "t"))  # type: ignore[arg-type]
    with container.scope("request"):
        with container.scope("action"):
            container.get(Session)
        assert events == ["open t", "close t"]


def test_transient_resource_outside_blocks_closes_with_the_container(container: InjectQ) -> None:
    """With no block open, a transient resource is closed by container.close()."""
    events: list[str] = []
    container.bind_factory(Session, _tracking(events, "t"))  # type: ignore[arg-type]
    container.get(Session)
    assert events == ["open t"]
    container.close()
    assert events == ["open t", "close t"]


def test_singleton_resources_close_with_the_container(container: InjectQ) -> None:
    """Singleton resources close at close(), and the container is a context manager."""
    events: list[str] = []
    with container:
        container.bind_factory(Session, _tracking(events, "s"), scope="singleton")  # type: ignore[arg-type]
        assert container.get(Session) is container.get(Session)
    assert events == ["open s", "close s"]


async def test_async_close_and_async_context_manager(container: InjectQ) -> None:
    """aclose() closes sync and async resources; async with container works."""
    events: list[str] = []

    async def make() -> AsyncIterator[str]:
        yield "async"
        events.append("async closed")

    async with container:
        container.bind_factory("async", make, scope="singleton")
        container.bind_factory("sync", _tracking(events, "sync"), scope="singleton")  # type: ignore[arg-type]
        await container.aget("async")
        container.get("sync")
    assert events == ["open sync", "close sync", "async closed"]


async def test_sync_close_refuses_async_resources_and_keeps_them(container: InjectQ) -> None:
    """A sync close meeting an async resource raises and leaves it for aclose()."""
    events: list[str] = []

    async def make() -> AsyncIterator[str]:
        yield "x"
        events.append("closed")

    container.bind_factory("async", make, scope="singleton")
    await container.aget("async")
    with pytest.raises(ScopeError, match="aclose"):
        container.close()
    assert events == []
    await container.aclose()
    assert events == ["closed"]


def test_rebinding_a_singleton_resource_tears_down_the_old_one(container: InjectQ) -> None:
    """Re-binding closes the old instance."""
    events: list[str] = []
    container.bind_factory(Session, _tracking(events, "old"), scope="singleton")  # type: ignore[arg-type]
    container.get(Session)
    container.bind_factory(Session, _tracking(events, "new"), scope="singleton")  # type: ignore[arg-type]
    assert events == ["open old", "close old"]
    assert container.get(Session).name == "new"


def test_class_with_enter_bound_with_bind_is_not_a_resource(container: InjectQ) -> None:
    """A context-manager class bound with bind() is returned as is, never entered."""

    class Managed:
        entered = False

        def __init__(self) -> None: ...

        def __enter__(self) -> Managed:
            Managed.entered = True
            return self

        def __exit__(self, *exc: object) -> None: ...

    container.bind(Managed, Managed)
    with container.scope("request"):
        assert isinstance(container.get(Managed), Managed)
    assert not Managed.entered


def test_resource_decorated_context_manager_factory(container: InjectQ) -> None:
    """@resource on a context-manager factory enters and exits it."""
    events: list[str] = []

    @resource_decorator(scope="request", container=container)
    @contextlib.contextmanager
    def connect() -> Iterator[Session]:
        events.append("enter")
        yield Session()
        events.append("exit")

    with container.scope("request"):
        container.get(Session)
    assert events == ["enter", "exit"]


def test_global_resource_manager_keeps_working() -> None:
    """0.5's get_resource_manager / managed_resource API drives lifecycles by hand."""
    events: list[str] = []

    def gen() -> Iterator[str]:
        yield "value"
        events.append("shutdown")

    manager = get_resource_manager()
    manager.register_resource("tests.gen", gen)
    assert manager.initialize_resource("tests.gen") == "value"
    assert manager.get_resource("tests.gen") == "value"
    manager.shutdown_resource("tests.gen")
    assert events == ["shutdown"]
    with managed_resource(lambda: [1], cleanup=lambda v: events.append("cleaned")) as value:
        assert value == [1]
    assert events == ["shutdown", "cleaned"]


@pytest.mark.parametrize("lifetime", ["transient", "singleton", "request"])
def test_resource_failing_before_its_yield_is_reported_alike_in_every_lifetime(
    container: InjectQ, lifetime: str
) -> None:
    """A generator resource raising before its yield is an InjectionError naming the binding."""

    def broken() -> Iterator[Session]:
        raise RuntimeError("no connection")
        yield Session()  # pragma: no cover - never reached

    container.bind_factory(Session, broken, scope=lifetime)
    with (
        container.scope("request"),
        pytest.raises(
            InjectionError, match=r"^Failed to invoke factory <function .*broken at 0x\w+>: no conn"
        ),
    ):
        container.get(Session)


@pytest.mark.parametrize("lifetime", ["transient", "singleton", "request"])
async def test_async_resource_failing_before_its_yield_is_reported_alike(
    container: InjectQ, lifetime: str
) -> None:
    """The async path reports a resource failing before its yield the same way."""

    async def broken() -> AsyncIterator[Session]:
        raise RuntimeError("no connection")
        yield Session()  # pragma: no cover - never reached

    container.bind_factory(Session, broken, scope=lifetime)
    async with container.scope("request"):
        with pytest.raises(
            InjectionError, match=r"^Failed to invoke async factory <function .*broken at 0x\w+>"
        ):
            await container.aget(Session)
