"""Taskiq: one request scope block per task execution, closed when it finishes or fails."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Annotated, Any

import pytest
from taskiq import InMemoryBroker

from examples.shop.services import OrderService, ReportStream, UserService
from injectq import ContainerContext, InjectQ
from injectq.integrations.taskiq import InjectTask, InjectTaskiq, setup_taskiq
from tests.integrations.conftest import HANG, Flaky, session_lines


async def run(broker: InMemoryBroker, task: Any, *args: Any) -> Any:
    """Send one task through the in-memory broker and wait (bounded) for its result."""
    sent = await task.kiq(*args)
    return await sent.wait_result(timeout=HANG)


@pytest.fixture
async def broker() -> AsyncIterator[InMemoryBroker]:
    """An in-memory broker, started and shut down around the test."""
    broker = InMemoryBroker()
    await broker.startup()
    yield broker
    await broker.shutdown()


async def test_each_execution_has_its_own_block(broker: InMemoryBroker, shop: InjectQ) -> None:
    """A task's services share one session; the next execution gets a new one."""
    setup_taskiq(shop, broker)

    @broker.task
    async def place(
        item: str,
        users: Annotated[UserService, InjectTaskiq(UserService)],
        orders: Annotated[OrderService, InjectTask(OrderService)],
        stream: Annotated[ReportStream, InjectTaskiq(ReportStream)],
    ) -> list[Any]:
        shared = orders.users is users and stream.session is users.session
        return [item, shared, users.session.id, ContainerContext.get_current() is shop]

    first = await run(broker, place, "a")
    second = await run(broker, place, "b")
    assert first.return_value[:2] == ["a", True] and second.return_value[:2] == ["b", True]
    assert first.return_value[3] and second.return_value[3]
    assert first.return_value[2] != second.return_value[2]
    assert [line.split()[2] for line in session_lines(shop)] == ["opened", "closed"] * 2


async def test_a_sync_task_body_sees_its_block(broker: InMemoryBroker, shop: InjectQ) -> None:
    """A sync task runs in a worker thread, inside the same block as its parameters."""
    setup_taskiq(shop, broker)

    @broker.task
    def lookup(users: Annotated[UserService, InjectTaskiq(UserService)]) -> bool:
        return shop.get(UserService) is users

    assert (await run(broker, lookup)).return_value is True


async def test_the_block_closes_when_the_task_fails(broker: InMemoryBroker, shop: InjectQ) -> None:
    """A failing task reports its error and its session is closed."""
    setup_taskiq(shop, broker)

    @broker.task
    async def broken(users: Annotated[UserService, InjectTaskiq(UserService)]) -> None:
        raise ValueError(f"task failed in session {users.session.id}")

    result = await run(broker, broken)
    assert result.is_err and isinstance(result.error, ValueError)
    assert [line.split()[2] for line in session_lines(shop)] == ["opened", "closed"]


async def test_a_teardown_error_is_logged_and_the_next_task_runs(
    broker: InMemoryBroker, flaky: InjectQ, caplog: pytest.LogCaptureFixture
) -> None:
    """The task's result stands, the error is logged on injectq.taskiq, the next task works."""
    setup_taskiq(flaky, broker)

    @broker.task
    async def use(resource: Annotated[Flaky, InjectTaskiq(Flaky)]) -> str:
        return "ok"

    with caplog.at_level(logging.ERROR, logger="injectq.taskiq"):
        first, second = await run(broker, use), await run(broker, use)
    assert first.return_value == second.return_value == "ok"
    [record] = [r for r in caplog.records if r.name == "injectq.taskiq"]
    assert record.exc_info is not None and isinstance(record.exc_info[1], OSError)
    assert Flaky.closes == 2


async def test_a_task_without_setup_taskiq_fails_naming_it(broker: InMemoryBroker) -> None:
    """Without setup_taskiq the task fails with an error that names it, without hanging."""

    @broker.task
    async def orphan(users: Annotated[UserService, InjectTaskiq(UserService)]) -> None:
        raise AssertionError("never reached")

    result = await asyncio.wait_for(run(broker, orphan), HANG)
    assert result.is_err and "setup_taskiq" in str(result.error)
