"""injectq.testing.pytest_container_fixture(): a module-level fixture made by the helper."""

from __future__ import annotations

from injectq import InjectQ, inject
from injectq.testing import pytest_container_fixture

container = pytest_container_fixture()  # replaces the shared `container` fixture in this module


def test_helper_fixture_yields_the_global_and_current_container(container: InjectQ) -> None:
    """The fixture's container is fresh, global and current, so @inject resolves from it."""
    assert InjectQ.get_instance() is container and not container.has("greeting")
    container["greeting"] = "hi"

    @inject
    def greet(greeting: str) -> str:
        return greeting

    assert greet() == "hi"
