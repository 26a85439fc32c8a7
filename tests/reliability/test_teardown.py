"""Ending blocks and containers while something is opening, re-binding, or resolving inside them."""

from __future__ import annotations

import asyncio
import contextvars
import threading
from typing import Any

import pytest

from injectq import InjectQError, ScopeError

from .conftest import LIMIT, App

SOURCE = """
import asyncio
import threading
from collections.abc import AsyncIterator, Iterator

from injectq import resource, singleton

EVENTS: list[str] = []
OPENING = threading.Event()  # a resource has started opening
FINISH = threading.Event()  # the test lets it finish
CONTAINER = None  # set by a test: the container a teardown resolves from


class Handle:
    pass


@resource("request")
def open_handle() -> Iterator[Handle]:
    EVENTS.append("open handle")
    OPENING.set()
    FINISH.wait(20)
    yield Handle()
    EVENTS.append("close handle")


class Channel:
    pass


@resource("request")
async def open_channel() -> AsyncIterator[Channel]:
    EVENTS.append("open channel")
    OPENING.set()
    while not FINISH.is_set():
        await asyncio.sleep(0.001)
    yield Channel()
    EVENTS.append("close channel")


class Pool:
    pass


class Link:
    pass


@resource
async def open_link() -> AsyncIterator[Link]:
    yield Link()
    EVENTS.append("close link")
    try:
        await CONTAINER.aget(Link)
    except Exception as error:
        EVENTS.append(f"resolving during aclose: {type(error).__name__}")
    else:
        EVENTS.append("resolving during aclose: handed out")


@resource
def open_pool() -> Iterator[Pool]:
    yield Pool()
    EVENTS.append("close pool")
    if CONTAINER is not None:
        try:
            CONTAINER.get(Pool)
        except Exception as error:
            EVENTS.append(f"resolving during close: {type(error).__name__}")
        else:
            EVENTS.append("resolving during close: handed out")
"""


def test_a_block_ended_while_another_thread_opens_its_resource_closes_it(app: App) -> None:
    """The late resource is closed once opened, and its opener is told the block has ended."""
    container, module = app(SOURCE)
    outcome: list[Any] = []
    with container.scope("request"):
        context = contextvars.copy_context()

        def opener() -> None:
            try:
                outcome.append(context.run(container.get, module.Handle))
            except InjectQError as error:
                outcome.append(error)

        thread = threading.Thread(target=opener, daemon=True)
        thread.start()
        assert module.OPENING.wait(LIMIT)
    module.FINISH.set()  # the block has ended; now the opening finishes
    thread.join(LIMIT)
    assert not thread.is_alive()
    assert module.EVENTS == ["open handle", "close handle"]
    [error] = outcome
    assert isinstance(error, ScopeError) and "ended" in str(error)


def test_a_block_ended_while_another_task_opens_its_resource_closes_it(app: App) -> None:
    """Async: the task opening the resource gets a clear error and the resource is closed."""
    container, module = app(SOURCE)

    async def main() -> BaseException | Any:
        async with container.scope("request"):
            opener = asyncio.create_task(container.aget(module.Channel))
            await asyncio.wait_for(asyncio.to_thread(module.OPENING.wait, LIMIT), LIMIT)
        module.FINISH.set()
        return (await asyncio.wait_for(asyncio.gather(opener, return_exceptions=True), LIMIT))[0]

    result = asyncio.run(main())
    assert isinstance(result, ScopeError), result
    assert module.EVENTS == ["open channel", "close channel"]


REBIND = """
from injectq import singleton


class Db:
    def __init__(self) -> None:
        self.closed = False


@singleton
class Repo:
    def __init__(self, db: Db) -> None:
        self.db = db
"""


def test_rebinding_past_a_failing_teardown_rebuilds_the_dependants_then_reports() -> None:
    """get(Repo).db is the new Db after a re-bind whose old teardown raised; the error is raised."""
    from collections.abc import Iterator

    from injectq import InjectQ

    container = InjectQ()
    namespace: dict[str, Any] = {}
    with container.context():
        exec(compile(REBIND, "<rebind>", "exec"), namespace)
    Db, Repo = namespace["Db"], namespace["Repo"]

    def failing_db() -> Iterator[Any]:
        yield Db()
        raise RuntimeError("teardown failed")

    container.bind_factory(Db, failing_db, scope="singleton")
    old = container.get(Repo)
    with pytest.raises(RuntimeError, match="teardown failed"):
        container.bind_instance(Db, Db())
    assert container.get(Repo) is not old
    assert container.get(Repo).db is container.get(Db)


def test_resolving_while_the_container_closes_raises_instead_of_handing_out(app: App) -> None:
    """A teardown resolving the singleton being torn down gets a ScopeError."""
    container, module = app(SOURCE)
    module.CONTAINER = container
    container.get(module.Pool)
    container.close()
    assert module.EVENTS == ["close pool", "resolving during close: ScopeError"]
    module.CONTAINER = None
    assert isinstance(container.get(module.Pool), module.Pool)  # usable again after close


def test_awaiting_while_the_container_closes_raises_instead_of_handing_out(app: App) -> None:
    """aget from an async teardown during aclose() gets a ScopeError."""
    container, module = app(SOURCE)
    module.CONTAINER = container

    async def main() -> None:
        await container.aget(module.Link)
        await asyncio.wait_for(container.aclose(), LIMIT)

    asyncio.run(main())
    assert module.EVENTS == ["close link", "resolving during aclose: ScopeError"]


def test_leaving_another_tasks_block_keeps_your_own_scope(app: App) -> None:
    """A task that ends a block entered by another task still sees its own block afterwards."""
    container, module = app(SOURCE)
    module.FINISH.set()

    async def main() -> None:
        theirs = container.scope("request")
        entered = asyncio.Event()
        done = asyncio.Event()

        async def other() -> None:
            await theirs.__aenter__()
            entered.set()
            await done.wait()

        task = asyncio.create_task(other())
        await asyncio.wait_for(entered.wait(), LIMIT)
        async with container.scope("request") as mine:
            handle = container.get(module.Handle)
            await theirs.__aexit__(None, None, None)
            assert container.get(module.Handle) is handle
            assert module.Handle in mine
        done.set()
        await asyncio.wait_for(task, LIMIT)

    asyncio.run(main())
