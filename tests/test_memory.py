"""Memory: scopes keep nothing alive once left, and singletons never hold scoped objects."""

from __future__ import annotations

import gc
import tracemalloc
import weakref
from collections.abc import Iterator

from injectq import InjectQ


class Session:
    def __init__(self) -> None:
        self.buffer = bytearray(64)


class Handler:
    def __init__(self, session: Session) -> None:
        self.session = session


def _session() -> Iterator[Session]:
    yield Session()


def test_100k_request_scopes_keep_no_instance_alive(container: InjectQ) -> None:
    """Entering and leaving 100,000 request scopes leaves no scoped instance and bounded growth."""
    container.bind_factory(Session, _session, scope="request")
    container.bind(Handler, Handler, scope="request")
    refs: list[weakref.ref[Handler]] = []
    for _ in range(1_000):  # warm up plans and caches outside the measurement
        with container.scope("request"):
            container.get(Handler)
    gc.collect()
    tracemalloc.start()
    try:
        baseline = tracemalloc.take_snapshot()
        for i in range(100_000):
            with container.scope("request"):
                handler = container.get(Handler)
                if i % 10_000 == 0:
                    refs.append(weakref.ref(handler))
            del handler
        gc.collect()
        growth = sum(
            s.size_diff for s in tracemalloc.take_snapshot().compare_to(baseline, "filename")
        )
    finally:
        tracemalloc.stop()
    assert all(ref() is None for ref in refs)
    assert growth < 256 * 1024


def test_singletons_hold_no_reference_to_scoped_objects(container: InjectQ) -> None:
    """After a block ends, nothing in the container references its scoped instances."""
    container.bind(Session, Session, scope="request")
    with container.scope("request"):
        ref = weakref.ref(container.get(Session))
    gc.collect()
    assert ref() is None


def _freed_without_gc(make: type[InjectQ]) -> bool:
    """Whether a used container is freed as soon as it is dropped, the collector switched off."""
    gc.collect()
    gc.disable()
    try:
        container = make()
        container.bind(Session, Session, scope="request")
        container.bind(Handler, Handler, scope="transient")
        with container.scope("request"):
            container.get(Handler)
        ref = weakref.ref(container)
        del container
        return ref() is None
    finally:
        gc.enable()


def test_a_dropped_runtime_container_is_freed_at_once() -> None:
    """No reference cycle runs through a runtime container's parts: dropping it frees it."""
    assert _freed_without_gc(InjectQ)


def test_a_dropped_generated_container_is_freed_at_once() -> None:
    """Nor through a generated container's: a cold start leaves no cyclic garbage behind."""
    from examples.shop.events import EventLog
    from generated.shop_container import Container

    gc.collect()
    gc.disable()
    try:
        container = Container()
        container.get(EventLog)
        ref = weakref.ref(container)
        del container
        assert ref() is None
    finally:
        gc.enable()
