"""Fixtures for the framework integrations: the shop's graph in both container modes."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest

from examples.shop.events import EventLog
from examples.shop.modules import CacheProviders, ProductionModule
from injectq import InjectQ

T = TypeVar("T")

#: Seconds any single integration test may wait on a framework before it counts as a hang.
HANG = 15.0


def shop_runtime() -> InjectQ:
    """The shop's graph in a runtime container."""
    container = InjectQ()
    container.install(ProductionModule())
    container.install(CacheProviders())
    return container


def shop_generated() -> InjectQ:
    """The shop's graph in its generated container (``generated/shop_container.py``)."""
    from generated.shop_container import Container

    return Container()


@pytest.fixture(params=["runtime", "generated"])
def shop(request: pytest.FixtureRequest) -> Iterator[InjectQ]:
    """The shop's container, once per mode, closed after the test."""
    container = shop_runtime() if request.param == "runtime" else shop_generated()
    yield container
    container.close()


def session_lines(container: InjectQ) -> list[str]:
    """The shop's event log lines about sessions being opened and closed."""
    return [line for line in container.get(EventLog).lines if line.startswith("session")]


def within(seconds: float, work: Callable[[], T]) -> T:
    """Run ``work`` in a thread and fail the test if it does not finish in ``seconds``."""
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:
            failure.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"still running after {seconds} s: it hangs")
    if failure:
        raise failure[0]
    return outcome[0]


class Flaky:
    """A request-scoped resource (see ``flaky``) whose first teardown fails."""

    closes = 0


def _flaky_resource() -> Iterator[Flaky]:
    yield Flaky()
    Flaky.closes += 1
    if Flaky.closes == 1:
        raise OSError("connection reset while closing")


@pytest.fixture
def flaky() -> InjectQ:
    """A runtime container whose request-scoped ``Flaky`` fails its first teardown only."""
    Flaky.closes = 0
    container = InjectQ()
    container.bind_factory(Flaky, _flaky_resource).scoped()
    return container
