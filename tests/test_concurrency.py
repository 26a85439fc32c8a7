"""Threads, tasks and context isolation."""

from __future__ import annotations

import asyncio
import threading
import time

from injectq import ContainerContext, InjectQ


class Slow:
    created = 0
    lock = threading.Lock()

    def __init__(self) -> None:
        time.sleep(0.005)
        with Slow.lock:
            Slow.created += 1


class NeedsSlow:
    def __init__(self, slow: Slow) -> None:
        self.slow = slow


def test_singleton_created_once_under_32_threads(container: InjectQ) -> None:
    """32 threads racing for a slow singleton get one instance, and no false cycle."""
    Slow.created = 0
    container.bind(Slow, Slow)
    container.bind(NeedsSlow, NeedsSlow, scope="transient")
    barrier = threading.Barrier(32)
    results: list[object] = []
    errors: list[BaseException] = []

    def worker() -> None:
        barrier.wait()
        try:
            results.append(container.get(NeedsSlow).slow)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len({id(r) for r in results}) == 1 and Slow.created == 1


def test_thread_safe_false_has_no_false_cycles() -> None:
    """Even with thread_safe=False concurrent resolution never reports a cycle."""
    container = InjectQ(thread_safe=False)
    container.bind(NeedsSlow, NeedsSlow, scope="transient")
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            container.get(NeedsSlow)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


async def test_async_singleton_created_once_under_100_agets(container: InjectQ) -> None:
    """100 racing agets of an awaiting async factory give one instance, no error."""
    created: list[int] = []

    class Pool:
        pass

    async def make() -> Pool:
        created.append(1)
        await asyncio.sleep(0.01)
        return Pool()

    container.bind_factory(Pool, make, scope="singleton")
    results = await asyncio.gather(*(container.aget(Pool) for _ in range(100)))
    assert len({id(r) for r in results}) == 1 and created == [1]
    assert container.get(Pool) is results[0]


async def test_get_and_aget_share_singletons(container: InjectQ) -> None:
    """A singleton built by get is the one aget returns, and the other way round."""
    container.bind(Slow, Slow)
    assert await container.aget(Slow) is container.get(Slow)


async def test_current_container_does_not_leak_to_sibling_tasks() -> None:
    """A container made current in one task is not current in a sibling task."""
    mine = InjectQ()
    seen: list[object] = []
    ready = asyncio.Event()

    async def first() -> None:
        ContainerContext.set_current(mine)
        ready.set()
        await asyncio.sleep(0)

    async def second() -> None:
        await ready.wait()
        seen.append(ContainerContext.get_current())

    await asyncio.gather(first(), second())
    assert seen == [None]


def test_current_container_does_not_leak_to_other_threads() -> None:
    """A container made current in one thread is not current in another."""
    mine = InjectQ()
    seen: list[object] = []
    with ContainerContext.use(mine):
        thread = threading.Thread(target=lambda: seen.append(ContainerContext.get_current()))
        thread.start()
        thread.join()
        assert ContainerContext.get_current() is mine
    assert seen == [None]
