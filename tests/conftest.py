"""Shared fixtures: every test gets its own container and leaves no global state behind."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from injectq import ContainerContext, InjectQ
from injectq._runtime.container import ACTIVATION, GLOBAL


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="re-record golden cases")


@pytest.fixture(autouse=True)
def _isolated_globals() -> Iterator[None]:
    """Reset the process-wide container, the current one and the activation around every test."""
    previous = GLOBAL.swap(None)
    token_holder = ContainerContext.get_current()
    chosen = ACTIVATION.chosen
    try:
        yield
    finally:
        ACTIVATION.chosen = chosen
        GLOBAL.swap(previous)
        ContainerContext.set_current(token_holder)


@pytest.fixture
def container() -> InjectQ:
    """A fresh runtime container."""
    return InjectQ()


@pytest.fixture
def current(container: InjectQ) -> Iterator[InjectQ]:
    """A fresh container that is also the current one (for decorators and @inject)."""
    with container.context():
        yield container
