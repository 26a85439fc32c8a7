"""Async creations: shared across event loops in threads, and a cancelled creator cancels nobody."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

from .conftest import LIMIT, App

SOURCE = """
import asyncio
import threading
from collections.abc import AsyncIterator

from injectq import resource

BUILT: list[str] = []
STARTED: asyncio.Event | None = None  # set by a test: creation has begun
GATE = threading.Event()  # set by a test to let a creation finish


async def _slow(name: str) -> None:
    BUILT.append(name)
    if STARTED is not None:
        STARTED.set()
    for _ in range(2000):
        if GATE.is_set():
            return
        await asyncio.sleep(0.005)


class Engine:
    pass


@resource
async def make_engine() -> AsyncIterator[Engine]:
    await _slow("engine")
    yield Engine()


class Session:
    pass


@resource("request")
async def open_session() -> AsyncIterator[Session]:
    await _slow("session")
    yield Session()
"""


def test_an_async_singleton_awaited_from_several_event_loops_is_created_once(app: App) -> None:
    """Threads each running their own loop get the one singleton (no hang, no loop error)."""
    container, module = app(SOURCE)
    got: list[Any] = []
    errors: list[BaseException] = []
    creating = threading.Event()
    waiting = threading.Barrier(3, timeout=LIMIT)

    def run(creator: bool) -> None:
        async def main() -> Any:
            if creator:
                creating.set()
            else:
                creating.wait(LIMIT)
                await asyncio.sleep(0.05)  # the creator is inside the creation by now
                waiting.wait()
            return await asyncio.wait_for(container.aget(module.Engine), LIMIT)

        try:
            got.append(asyncio.run(main()))
        except BaseException as error:  # reported by the assertions below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i == 0,), daemon=True) for i in range(3)]
    for thread in threads:
        thread.start()
    waiting.wait()
    time.sleep(0.2)  # let both waiters reach the creation in progress before it finishes
    module.GATE.set()
    for thread in threads:
        thread.join(LIMIT + 5)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    assert errors == []
    assert len(got) == 3 and got[0] is got[1] is got[2]
    assert module.BUILT == ["engine"]


async def _cancel_the_creator(container: Any, module: Any, key: Any) -> list[Any]:
    module.STARTED = asyncio.Event()
    creator = asyncio.create_task(container.aget(key))
    await asyncio.wait_for(module.STARTED.wait(), LIMIT)
    waiters = [asyncio.create_task(container.aget(key)) for _ in range(3)]
    await asyncio.sleep(0.01)  # the waiters are waiting for the creator now
    creator.cancel()
    module.GATE.set()
    results = await asyncio.wait_for(asyncio.gather(*waiters, return_exceptions=True), LIMIT)
    assert creator.cancelled()
    return results


def test_cancelling_the_creator_of_a_singleton_lets_its_waiters_try_again(app: App) -> None:
    """Waiters of a cancelled singleton creation get the value of a fresh attempt."""
    container, module = app(SOURCE)
    results = asyncio.run(_cancel_the_creator(container, module, module.Engine))
    assert all(isinstance(result, module.Engine) for result in results), results
    assert results[0] is results[1] is results[2]
    assert module.BUILT == ["engine", "engine"]


def test_cancelling_the_opener_of_a_block_resource_lets_its_waiters_try_again(app: App) -> None:
    """In one block, waiters of a cancelled resource opening share one fresh opening."""
    container, module = app(SOURCE)

    async def main() -> list[Any]:
        async with container.scope("request"):
            return await _cancel_the_creator(container, module, module.Session)

    results = asyncio.run(main())
    assert all(isinstance(result, module.Session) for result in results), results
    assert results[0] is results[1] is results[2]
    assert module.BUILT == ["session", "session"]
