"""Keys that cannot be keys, and scopes that are not scopes, raise injectq errors naming them."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from injectq import InjectQError, ScopeError

from .conftest import App

SOURCE = """
from injectq import singleton


@singleton
class Clock:
    pass
"""


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.get([]),
        lambda c: c.try_get([]),
        lambda c: c.get({}, name="x"),
        lambda c: asyncio.run(c.aget([])),
        lambda c: asyncio.run(c.atry_get({})),
    ],
    ids=["get", "try_get", "get_named", "aget", "atry_get"],
)
def test_an_unhashable_key_raises_an_injectq_error_naming_it(
    app: App, call: Callable[[Any], Any]
) -> None:
    """get([]) and friends say which object cannot be a key instead of a bare TypeError."""
    container, _ = app(SOURCE)
    with pytest.raises(InjectQError, match=r"cannot be a key") as caught:
        call(container)
    assert "[]" in str(caught.value) or "{}" in str(caught.value)


def test_a_name_that_is_not_a_string_is_refused(app: App) -> None:
    """A qualifier must be a string; anything else is reported with the key it qualified."""
    container, module = app(SOURCE)
    with pytest.raises(InjectQError, match=r"name must be a string, got \[\]"):
        container.get(module.Clock, name=[])


@pytest.mark.parametrize("scope", [None, [], 3])
def test_a_scope_that_is_not_a_name_raises_a_scope_error(app: App, scope: Any) -> None:
    """scope(None) says what was passed instead of a bare TypeError."""
    container, _ = app(SOURCE)
    with pytest.raises(ScopeError, match=rf"got {scope!r}".replace("[", r"\[").replace("]", r"\]")):
        container.scope(scope)


def test_good_keys_still_resolve_after_a_bad_one(app: App) -> None:
    """A refused key leaves the container serving the others."""
    container, module = app(SOURCE)
    with pytest.raises(InjectQError):
        container.get([])
    assert container.get(module.Clock) is container.get(module.Clock)
