"""pytest plugin (entry point ``pytest11``): ``injectq_container`` and ``injectq_override``.

``injectq_container`` is a fresh container that is the global and current one for the test.
``injectq_override(Key, fake)`` overrides a key in it until the test ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest

from .._runtime.container import InjectQ
from ._helpers import test_container


@pytest.fixture
def injectq_container() -> Iterator[InjectQ]:
    """An isolated container, current for the duration of the test."""
    with test_container() as container:
        yield container


@pytest.fixture
def injectq_override(injectq_container: InjectQ) -> Iterator[Callable[..., Any]]:
    """``injectq_override(Key, fake, name=None)``: override until the end of the test."""
    with ExitStack() as stack:

        def override(key: Any, value: Any, *, name: str | None = None) -> Any:
            stack.enter_context(injectq_container.override(key, value, name=name))
            return value

        yield override
