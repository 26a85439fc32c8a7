"""Every example runs in runtime and generated mode with the same output, without reflection."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# (runnable module, generator config, generated container)
EXAMPLES = [
    ("examples.shop", "pyproject.toml", "generated.shop_container:Container"),
    ("examples.notes", "examples/notes/pyproject.toml", "generated.notes_container:Container"),
    (
        "examples.reports",
        "examples/reports/pyproject.toml",
        "generated.reports_container:Container",
    ),
]

_NO_REFLECTION = textwrap.dedent(
    """
    import inspect, runpy, sys, typing

    def guard(real):
        def forbidden(*args, **kwargs):
            caller = sys._getframe(1).f_globals.get("__name__", "")
            if caller.partition(".")[0] in ("injectq", "injectq_codegen"):
                raise AssertionError("reflection in generated mode")
            return real(*args, **kwargs)  # user code (dataclasses, ...) may reflect
        return forbidden

    import injectq._runtime.inject, injectq._runtime.introspect, injectq._declare.resources
    introspect, resources = injectq._runtime.introspect, injectq._declare.resources
    for module, name in [
        (inspect, "signature"), (inspect, "getfullargspec"), (typing, "get_type_hints"),
        (introspect, "signature"), (introspect, "get_type_hints"),
        (introspect, "_from_code"), (introspect, "_simple_hints"),
        (resources, "get_type_hints"),
    ]:
        setattr(module, name, guard(getattr(module, name)))
    sys.argv = [sys.argv[1]]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
    """
)


def _run(module: str, container: str | None, *, guard: bool = False) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "INJECTQ_CONTAINER"}
    if container:
        env["INJECTQ_CONTAINER"] = container
    command = (
        [sys.executable, "-c", _NO_REFLECTION, module] if guard else [sys.executable, "-m", module]
    )
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if not line.startswith("mode:")]


@pytest.mark.parametrize(("module", "config", "container"), EXAMPLES)
def test_example_gives_the_same_output_in_both_modes(
    module: str, config: str, container: str
) -> None:
    """Runtime and generated containers: same singletons, scoping and cleanup order."""
    runtime = _run(module, None)
    generated = _run(module, container)
    assert runtime and generated == runtime


@pytest.mark.parametrize(("module", "config", "container"), EXAMPLES)
def test_generated_mode_never_reflects(module: str, config: str, container: str) -> None:
    """With every reflection entry point forbidden, the generated app still runs."""
    assert _run(module, container, guard=True) == _run(module, None)


def test_the_guard_catches_reflection() -> None:
    """The same guard makes runtime mode fail, so the test above cannot pass vacuously."""
    env = {k: v for k, v in os.environ.items() if k != "INJECTQ_CONTAINER"}
    done = subprocess.run(
        [sys.executable, "-c", _NO_REFLECTION, "examples.shop"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0 and "reflection in generated mode" in done.stderr


@pytest.mark.parametrize(("module", "config", "container"), EXAMPLES)
def test_committed_generated_container_is_fresh(module: str, config: str, container: str) -> None:
    """injectq-gen --check passes: the committed container matches the declarations."""
    done = subprocess.run(
        [sys.executable, "-m", "injectq_codegen", "--check", "--no-cache", "--config", config],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_generated_container_overrides_reach_transitive_dependents() -> None:
    """In generated mode an override rebuilds every dependent, then leaves nothing behind."""
    from examples.shop.db import DatabaseService
    from examples.shop.events import EventLog
    from generated.shop_container import Container

    container = Container()
    before = container.get(DatabaseService)
    fake = EventLog()
    with container.override(EventLog, fake):
        inside = container.get(DatabaseService)
        assert inside.pool.events is fake and inside is not before
    assert container.get(DatabaseService) is before
    assert before.pool.events is not fake
    container.close()


def test_scope_state_membership_is_the_same_in_both_modes() -> None:
    """with scope() as state: `Key in state` answers alike for both containers."""
    from examples.shop.db import Session
    from examples.shop.modules import CacheProviders, ProductionModule
    from examples.shop.services import UserService
    from generated.shop_container import Container
    from injectq import InjectQ

    runtime = InjectQ()
    runtime.install(ProductionModule())
    runtime.install(CacheProviders())
    for container in (runtime, Container()):
        with container.scope("request") as state:
            assert Session not in state
            container.get(UserService)
            assert Session in state and UserService in state
        container.close()


def test_activation_switches_every_entry_point(monkeypatch: pytest.MonkeyPatch) -> None:
    """With INJECTQ_CONTAINER set, get_instance(), test_container() and @inject use it."""
    from generated.notes_container import Container
    from injectq import InjectQ
    from injectq.testing import test_container

    monkeypatch.setenv("INJECTQ_CONTAINER", "generated.notes_container:Container")
    InjectQ.reset_instance()
    assert isinstance(InjectQ.get_instance(), Container)
    with test_container() as isolated:
        assert isinstance(isolated, Container) and InjectQ.get_instance() is isolated


def test_generated_module_refuses_an_incompatible_injectq() -> None:
    """check_version raises a clear error when major.minor differ, and passes otherwise."""
    from injectq import InjectQError
    from injectq._support import check_version

    check_version("0.6.9")
    with pytest.raises(InjectQError, match=r"generated by injectq 1\.0\.0.*regenerate"):
        check_version("1.0.0")


def test_undeclared_binding_is_refused_by_the_generated_container() -> None:
    """Registering a key the generator never saw is a clear BindingError."""
    from generated.notes_container import Container
    from injectq import BindingError

    class Stranger:
        pass

    container = Container()
    container.bind(Stranger, Stranger)  # before first use (decorators at import): checked later
    with pytest.raises(BindingError, match="not declared when this container was generated"):
        container.has(Stranger)
    wired = Container()
    wired.has(Stranger)
    with pytest.raises(BindingError, match="not declared when this container was generated"):
        wired.bind(Stranger, Stranger)


def test_generated_container_wires_once_under_concurrent_first_use() -> None:
    """Threads racing for the first resolution all get the one generated singleton."""
    import threading

    from examples.shop.events import EventLog
    from generated.shop_container import Container

    container = Container()
    barrier = threading.Barrier(16)
    seen: list[object] = []

    def first_use() -> None:
        barrier.wait()
        seen.append(container.get(EventLog))

    threads = [threading.Thread(target=first_use) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 16 and len({id(s) for s in seen}) == 1
    assert container.has(EventLog)


def test_close_ends_singletons_alike_in_both_modes() -> None:
    """After close(), both containers build singletons (and reopen resources) afresh."""
    from examples.reports.modules import ClockProviders, FormatterModule
    from examples.reports.services import Clock
    from generated.reports_container import Container
    from injectq import InjectQ

    runtime = InjectQ()
    runtime.install(FormatterModule())
    runtime.install(ClockProviders())
    for container in (runtime, Container()):
        container["report_title"] = "t"
        first = container.get(Clock)
        container.close()
        assert container.get(Clock) is not first
        assert container.get("report_title") == "t"


def test_generated_async_resource_is_opened_once_under_a_race() -> None:
    """Tasks racing in one block for a generated async resource share a single opening."""
    import asyncio

    from examples.shop.events import EventLog
    from examples.shop.services import ReportStream
    from generated.shop_container import Container

    container = Container()

    async def main() -> list[ReportStream]:
        async with container.scope("request"):
            return await asyncio.gather(*(container.aget(ReportStream) for _ in range(10)))

    streams = asyncio.run(main())
    assert len({id(s) for s in streams}) == 1
    lines = container.get(EventLog).lines
    assert lines.count("report stream opened") == 1 and lines.count("report stream closed") == 1
    container.close()


@pytest.mark.parametrize(("module", "config", "container"), EXAMPLES)
def test_static_and_runtime_graphs_of_each_example_agree(
    module: str, config: str, container: str
) -> None:
    """injectq-gen verify: the graph read from source equals the one the runtime builds."""
    done = subprocess.run(
        [sys.executable, "-m", "injectq_codegen", "verify", "--config", config],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "agree" in done.stdout
