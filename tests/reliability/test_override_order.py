"""An override applies exactly while it is entered, whatever order blocks are entered or left."""

from __future__ import annotations

import gc
import weakref
from contextlib import ExitStack

from .conftest import App

SOURCE = """
from injectq import scoped, singleton, transient


@singleton
class Mailer:
    name = "real"


@transient
class Signup:
    def __init__(self, mailer: Mailer) -> None:
        self.mailer = mailer


@singleton
class Clock:
    name = "real"


@transient
class Report:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock


@transient
class Greeting:
    pass


@scoped("request")
class Page:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
"""


class Fake:
    def __init__(self, name: str) -> None:
        self.name = name


def test_an_override_created_first_and_entered_later_applies_while_entered(app: App) -> None:
    """Blocks made up front (an ExitStack) and entered one by one all apply."""
    container, module = app(SOURCE)
    mailer_block = container.override(module.Mailer, Fake("mailer"))
    clock_block = container.override(module.Clock, Fake("clock"))
    with ExitStack() as stack:
        stack.enter_context(mailer_block)
        stack.enter_context(clock_block)
        assert container.get(module.Signup).mailer.name == "mailer"
        assert container.get(module.Report).clock.name == "clock"
    assert container.get(module.Signup).mailer.name == "real"
    assert container.get(module.Report).clock.name == "real"


def test_an_override_exited_out_of_order_stays_gone(app: App) -> None:
    """Leaving the outer block first drops its fake; the inner one keeps applying until it ends."""
    container, module = app(SOURCE)
    outer = container.override(module.Mailer, Fake("outer"))
    inner = container.override(module.Clock, Fake("inner"))
    outer.__enter__()
    inner.__enter__()
    outer.__exit__(None, None, None)
    assert container.get(module.Signup).mailer.name == "real"
    assert container.get(module.Report).clock.name == "inner"
    with container.override(module.Greeting, Fake("later")):  # an unrelated later override
        assert container.get(module.Signup).mailer.name == "real"
        assert container.get(module.Report).clock.name == "inner"
    inner.__exit__(None, None, None)
    assert container.get(module.Signup).mailer.name == "real"
    assert container.get(module.Report).clock.name == "real"
    with container.override(module.Greeting, Fake("after")):
        assert container.get(module.Signup).mailer.name == "real"


def test_the_same_key_overridden_twice_and_left_out_of_order_keeps_the_inner_fake(
    app: App,
) -> None:
    """Two fakes of one key: leaving the outer one first leaves the inner one in force."""
    container, module = app(SOURCE)
    outer = container.override(module.Mailer, Fake("outer"))
    inner = container.override(module.Mailer, Fake("inner"))
    outer.__enter__()
    inner.__enter__()
    outer.__exit__(None, None, None)
    assert container.get(module.Signup).mailer.name == "inner"
    inner.__exit__(None, None, None)
    assert container.get(module.Signup).mailer.name == "real"


def test_a_long_lived_override_keeps_no_request_block_alive(app: App) -> None:
    """Blocks resolved inside one override, and what they built under it, are freed when they
    end (memory stays flat)."""
    container, module = app(SOURCE)
    pages = []
    with container.override(module.Clock, Fake("clock")):
        block_type = type(container.scope("request"))
        gc.collect()
        before = sum(type(o) is block_type for o in gc.get_objects())
        for _ in range(500):
            with container.scope("request") as block:
                page = container.get(module.Page)
                assert page.clock.name == "clock"
                assert container.get(module.Page) is page  # kept for the block
            pages.append(weakref.ref(page))
        del block, page
        gc.collect()
        alive = [ref for ref in pages if ref() is not None]
        assert alive == []
        assert sum(type(o) is block_type for o in gc.get_objects()) <= before
