"""Full-size reliability runs (``make stress``): prints its figures, exits 1 if anything was lost.

Not collected by pytest (the suite's ``test_*`` files run the same checks at small sizes). Each
check runs in both modes (the runtime container and one generated from the same source), except
the generator's kill loop. Sizes: 100k request blocks, 32 threads, 100 tasks, fork and kill loops.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import importlib
import os
import shutil
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from injectq import InjectQ
from tests.reliability.conftest import generate, write_package
from tests.reliability.stress_gen import kill_loop

SOURCE = """
import asyncio
import threading
from collections.abc import AsyncIterator, Iterator

from injectq import resource, scoped, singleton

BUILT: list[str] = []
STARTED = threading.Event()
RELEASE = threading.Event()


@singleton
class Config:
    def __init__(self) -> None:
        BUILT.append("config")


@singleton
class Slow:
    def __init__(self) -> None:
        BUILT.append("slow")
        STARTED.set()
        RELEASE.wait(20)


class Engine:
    pass


@resource
async def make_engine() -> AsyncIterator[Engine]:
    BUILT.append("engine")
    await asyncio.sleep(0.01)
    yield Engine()


class Session:
    pass


@resource("request")
def open_session() -> Iterator[Session]:
    yield Session()


class Channel:
    pass


@resource("request")
async def open_channel() -> AsyncIterator[Channel]:
    await asyncio.sleep(0.005)
    yield Channel()


@scoped("request")
class Handler:
    def __init__(self, session: Session, config: Config) -> None:
        self.session = session
        self.config = config
"""

Check = Callable[[Any, Any], str]
_FIGURES: list[tuple[str, str, str]] = []
_FAILURES: list[str] = []


def make(mode: str, where: Path, package: str) -> tuple[Any, Any]:
    """A container of ``mode`` over ``SOURCE`` and the imported module."""
    root = where / package
    write_package(root, package, SOURCE)
    sys.path[:0] = [str(root / "src"), str(root / "gen")]
    if mode == "runtime":
        container: Any = InjectQ()
        with container.context():
            return container, importlib.import_module(f"{package}.app")
    generate(root, package)
    importlib.invalidate_caches()
    container = importlib.import_module(f"{package}_container").Container()
    return container, importlib.import_module(f"{package}.app")


def blocks(container: Any, module: Any, count: int, override: bool) -> str:
    """``count`` request blocks (inside one override, or not): memory and blocks left alive."""
    block_type = type(container.scope("request"))  # (the compiled class takes no weak reference)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    live_before = sum(type(o) is block_type for o in gc.get_objects())
    fake = type("FakeConfig", (), {})()
    scope = container.override(module.Config, fake) if override else _nothing()
    with scope:
        for _ in range(count):
            with container.scope("request"):
                handler = container.get(module.Handler)
                assert handler.session is container.get(module.Session)
        del handler
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
        alive = sum(type(o) is block_type for o in gc.get_objects()) - live_before
    tracemalloc.stop()
    _expect(alive <= 0, f"{alive} blocks still alive")
    _expect(grown < 2_000_000, f"memory grew by {grown} bytes")
    return f"{count} blocks, memory +{grown / 1e6:.2f} MB, blocks alive: {max(alive, 0)}"


def overrides(container: Any, module: Any, count: int) -> str:
    """``count`` overrides entered and left: nothing kept."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for _ in range(count):
        with container.override(module.Config, object()):
            container.get(module.Config)
    gc.collect()
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    _expect(grown < 1_000_000, f"memory grew by {grown} bytes")
    real = container.get(module.Config)
    _expect(isinstance(real, module.Config), "the real Config is back")
    return f"{count} overrides, memory +{grown / 1e6:.2f} MB"


def threads(container: Any, module: Any, count: int) -> str:
    """``count`` threads race for a sync singleton, then (each with its own loop) an async one."""
    barrier = threading.Barrier(count, timeout=20)
    got: list[Any] = []

    def sync() -> None:
        barrier.wait()
        got.append(container.get(module.Config))

    def with_loop() -> None:
        barrier.wait()
        got.append(asyncio.run(asyncio.wait_for(container.aget(module.Engine), 20)))

    for target in (sync, with_loop):
        got.clear()
        _run_threads(target, count)
        _expect(len(got) == count and all(g is got[0] for g in got), f"{target.__name__}: split")
    built = module.BUILT.count("config"), module.BUILT.count("engine")
    _expect(built == (1, 1), f"built {built}")
    return f"{count} threads x (sync, own-loop async): {len(got)} got one instance, built {built}"


def tasks(container: Any, module: Any, count: int) -> str:
    """``count`` tasks race for an async singleton; cancelled creators make waiters retry."""

    async def main() -> tuple[int, int]:
        values = await asyncio.gather(*(container.aget(module.Engine) for _ in range(count)))
        retried = 0
        for _ in range(20):  # a fresh block each round: its opener is cancelled mid-way
            async with container.scope("request"):
                creator = asyncio.create_task(container.aget(module.Channel))
                await asyncio.sleep(0)
                waiters = [
                    asyncio.create_task(container.aget(module.Channel)) for _ in range(count)
                ]
                await asyncio.sleep(0)
                creator.cancel()
                got = await asyncio.wait_for(asyncio.gather(*waiters), 20)
                retried += all(g is got[0] for g in got)
        return len({id(v) for v in values}), retried

    distinct, retried = asyncio.run(main())
    _expect(distinct == 1, f"{distinct} distinct engines")
    _expect(retried == 20, f"{20 - retried} cancelled rounds lost their waiters")
    return f"{count} tasks: {distinct} engine; {retried}/20 cancelled creations retried"


def forks(container: Any, module: Any, count: int) -> str:
    """``count`` forks while another thread is inside a singleton's constructor."""
    if not hasattr(os, "fork"):
        return "skipped (no os.fork)"
    from tests.reliability.test_locks import fork_and_wait

    builder = threading.Thread(target=lambda: container.get(module.Slow), daemon=True)
    builder.start()
    _expect(module.STARTED.wait(20), "the builder started")

    def child() -> bool:
        module.RELEASE.set()
        return container.get(module.Slow) is container.get(module.Slow)

    statuses = [fork_and_wait(child, limit=10) for _ in range(count)]
    module.RELEASE.set()
    builder.join(20)
    good = statuses.count(0)
    _expect(good == count, f"{count - good} children failed: {set(statuses)}")
    return f"{count} forks mid-construction: {good} children built and exited 0"


def _nothing() -> Any:
    import contextlib

    return contextlib.nullcontext()


def _run_threads(target: Callable[[], None], count: int) -> None:
    pool = [threading.Thread(target=target, daemon=True) for _ in range(count)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(30)
    _expect(not any(t.is_alive() for t in pool), "a thread hung")


def _expect(ok: bool, what: str) -> None:
    if not ok:
        _FAILURES.append(what)
        print(f"  LOST: {what}", flush=True)


def _measure(name: str, mode: str, run: Callable[[], str]) -> None:
    start = time.perf_counter()
    try:
        figure = run()
    except Exception as error:  # a failed check is a figure too
        figure = f"FAILED: {type(error).__name__}: {error}"
        _FAILURES.append(f"{name} [{mode}]")
    took = time.perf_counter() - start
    _FIGURES.append((name, mode, f"{figure} ({took:.1f} s)"))
    print(f"{name:<10} {mode:<9} {figure} ({took:.1f} s)", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run every check at full size (``--scale`` divides the sizes) and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=1, help="divide every size by this")
    args = parser.parse_args(argv)
    n = args.scale
    where = Path(tempfile.mkdtemp(prefix="injectq-stress-"))
    try:
        for index, mode in enumerate(("runtime", "generated")):
            sizes: list[tuple[str, Callable[[Any, Any], str]]] = [
                ("blocks", lambda c, m: blocks(c, m, 100_000 // n, override=False)),
                ("blocks+ov", lambda c, m: blocks(c, m, 100_000 // n, override=True)),
                ("overrides", lambda c, m: overrides(c, m, 100_000 // n)),
                ("threads", lambda c, m: threads(c, m, max(32 // n, 2))),
                ("tasks", lambda c, m: tasks(c, m, max(100 // n, 2))),
                ("forks", lambda c, m: forks(c, m, max(50 // n, 2))),
            ]
            for number, (name, check) in enumerate(sizes):
                container, module = make(mode, where, f"stress_{index}_{number}")
                _measure(name, mode, lambda: check(container, module))  # noqa: B023
        _measure("kill -9", "injectq-gen", lambda: kill_loop(where, max(40 // n, 2)))
    finally:
        shutil.rmtree(where, ignore_errors=True)
    print(f"\n{len(_FIGURES)} checks, {len(_FAILURES)} lost: {_FAILURES or 'nothing'}")
    return 1 if _FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
