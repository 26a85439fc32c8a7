"""No lock is held across user constructors for other keys, and a forked child can build."""

from __future__ import annotations

import os
import sys
import threading
from typing import Any

import pytest

from injectq import CircularDependencyError, InjectQError

from .conftest import LIMIT, App

HELPER_THREAD = """
import threading

from injectq import singleton

CONTAINER = None  # set by the test: the container the helper thread resolves from
RESULT = {}


@singleton
class Config:
    pass


@singleton
class Service:
    def __init__(self) -> None:
        def fetch() -> None:
            RESULT["config"] = CONTAINER.get(Config)

        helper = threading.Thread(target=fetch)
        helper.start()
        helper.join(timeout=20)
        self.helper_finished = not helper.is_alive()
"""


def run_bounded(target: Any) -> list[Any]:
    """Run ``target`` in a daemon thread; fail (instead of hanging) if it does not finish."""
    out: list[Any] = []
    thread = threading.Thread(target=lambda: out.append(target()), daemon=True)
    thread.start()
    thread.join(LIMIT)
    assert not thread.is_alive(), "deadlocked"
    return out


def test_a_constructor_waiting_for_a_thread_that_resolves_another_singleton_finishes(
    app: App,
) -> None:
    """A singleton whose constructor joins a thread building another singleton does not deadlock."""
    container, module = app(HELPER_THREAD)
    module.CONTAINER = container
    [service] = run_bounded(lambda: container.get(module.Service))
    assert service.helper_finished
    assert module.RESULT["config"] is container.get(module.Config)


CYCLE = """
from injectq import singleton


@singleton
class Egg:
    def __init__(self, chicken: "Chicken") -> None:
        self.chicken = chicken


@singleton
class Chicken:
    def __init__(self, egg: Egg) -> None:
        self.egg = egg
"""


def test_a_real_cycle_is_still_reported_as_a_cycle() -> None:
    """Per-key locks do not turn a cycle into a hang: it is a CircularDependencyError."""
    from injectq import InjectQ

    container = InjectQ()
    namespace: dict[str, Any] = {}
    with container.context():
        exec(compile(CYCLE, "<cycle>", "exec"), namespace)
    [error] = run_bounded(lambda: _error_of(lambda: container.get(namespace["Egg"])))
    assert isinstance(error, CircularDependencyError)


def _error_of(call: Any) -> BaseException | None:
    try:
        call()
    except InjectQError as error:
        return error
    return None


FORKING = """
import threading

from injectq import singleton

STARTED = threading.Event()
RELEASE = threading.Event()


@singleton
class Slow:
    def __init__(self) -> None:
        STARTED.set()
        RELEASE.wait(20)


@singleton
class Fresh:
    pass
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_child_forked_while_a_singleton_is_being_built_can_build(app: App) -> None:
    """Fork while another thread holds a creation: the child builds both singletons and exits 0."""
    container, module = app(FORKING)
    builder = threading.Thread(target=lambda: container.get(module.Slow), daemon=True)
    builder.start()
    assert module.STARTED.wait(LIMIT)
    try:
        status = fork_and_wait(lambda: _child_builds(container, module))
    finally:
        module.RELEASE.set()
        builder.join(LIMIT)
    assert status == 0


def _child_builds(container: Any, module: Any) -> bool:
    module.RELEASE.set()  # the parent's builder thread does not exist here
    fresh = container.get(module.Fresh)
    slow = container.get(module.Slow)
    return fresh is container.get(module.Fresh) and slow is container.get(module.Slow)


def fork_and_wait(child: Any, limit: float = LIMIT) -> int:
    """Fork; the child runs ``child()`` and exits 0 when it returns True (1 otherwise, 2 on an
    error, killed by an alarm after ``limit``). The parent's exit status of the child."""
    import signal
    import time
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # forking a threaded process
        pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 2
        try:
            signal.alarm(int(limit))
            code = 0 if child() else 1
        finally:
            sys.stdout.flush()
            os._exit(code)
    deadline = time.monotonic() + limit + 5
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.01)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise AssertionError("the forked child hung")
