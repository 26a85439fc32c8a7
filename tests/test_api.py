"""The rest of the 0.5 surface: invoke and factory calls, context, scope types, helpers."""

from __future__ import annotations

import asyncio

import pytest

from injectq import ContainerContext, DependencyNotFoundError, InjectQ, Scope, ScopeType, inject
from injectq.core import AsyncSafeCounter, HybridLock, ThreadSafeDict, thread_safe
from tests.services import Cache, Config, Database


def make_report(title: str, cache: Cache, limit: int = 10) -> tuple[str, Cache, int]:
    return title, cache, limit


async def make_report_async(title: str, cache: Cache) -> tuple[str, Cache]:
    return title, cache


def test_invoke_injects_what_the_caller_does_not_pass(container: InjectQ) -> None:
    """invoke(key, *args) calls the factory, resolving the missing parameters."""
    container.bind(Cache, Cache)
    container.bind_factory("report", make_report)
    title, cache, limit = container.invoke("report", "weekly")
    assert title == "weekly" and cache is container.get(Cache) and limit == 10


def test_invoke_needs_a_factory_and_required_parameters(container: InjectQ) -> None:
    """invoke works on factory keys only; a required builtin parameter must be given."""
    with pytest.raises(DependencyNotFoundError):
        container.invoke("absent")
    container.bind_factory("report", make_report)
    with pytest.raises(DependencyNotFoundError):
        container.invoke("report")


async def test_ainvoke_and_async_factory_calls(container: InjectQ) -> None:
    """ainvoke awaits async factories; acall_factory and aget_factory are the async twins."""
    container.bind(Cache, Cache)
    container.bind_factory("report", make_report_async)
    assert (await container.ainvoke("report", "daily"))[0] == "daily"
    assert await container.aget_factory("report") is make_report_async
    assert (await container.acall_factory("report", "x", Cache()))[0] == "x"


def test_get_factory_and_call_factory(container: InjectQ) -> None:
    """get_factory returns the raw callable; call_factory calls it with exactly these args."""
    container.bind_factory("report", make_report)
    assert container.get_factory("report") is make_report
    assert container.call_factory("report", "t", Cache(), 3)[2] == 3
    with pytest.raises(DependencyNotFoundError):
        container.get_factory("absent")


def test_dependency_graph_lists_binding_dependencies(container: InjectQ) -> None:
    """get_dependency_graph maps each binding to the types it needs."""
    container.bind(Database, Database)
    assert container.get_dependency_graph() == {Database: [Config]}


def test_scope_type_enum_is_accepted(container: InjectQ) -> None:
    """ScopeType members work wherever a scope name does."""
    container.bind(Cache, Cache, scope=ScopeType.REQUEST)
    with container.scope(ScopeType.REQUEST):
        assert container.get(Cache) is container.get(Cache)


def test_private_scope_manager_registration_keeps_working(container: InjectQ) -> None:
    """0.5 code registering a custom scope through container._scope_manager still works."""

    class Everything(Scope):
        def __init__(self) -> None:
            super().__init__("everything")
            self.store: dict[object, object] = {}

        def get(self, key: object, factory):  # type: ignore[no-untyped-def]
            return self.store.setdefault(key, factory())

        def clear(self) -> None:
            self.store.clear()

    container._scope_manager.register_scope(Everything())
    container.bind(Cache, Cache, scope="everything")
    assert container.get(Cache) is container.get(Cache)


def test_activate_and_context_select_the_current_container() -> None:
    """activate() makes a container current; context() does so for a block only."""
    first, second = InjectQ(), InjectQ()
    first["who"], second["who"] = "first", "second"

    @inject
    def who(who: str) -> str:
        return who

    first.activate()
    assert who() == "first" and InjectQ.get_instance() is first
    with second.context():
        assert who() == "second"
    assert who() == "first"
    ContainerContext.clear_current()


async def test_use_async_selects_the_container_in_a_task() -> None:
    """ContainerContext.use_async makes a container current inside an async block."""
    mine = InjectQ()
    async with ContainerContext.use_async(mine):
        assert ContainerContext.get_current() is mine
    assert ContainerContext.get_current() is None


def test_global_instance_and_test_mode() -> None:
    """get_instance() is lazily created once; test_mode() swaps it for a block."""
    first = InjectQ.get_instance()
    assert InjectQ.get_instance() is first
    with InjectQ.test_mode() as fresh:
        assert InjectQ.get_instance() is fresh is not first
    assert InjectQ.get_instance() is first


async def test_core_concurrency_helpers() -> None:
    """injectq.core keeps 0.5's helpers: HybridLock, ThreadSafeDict, AsyncSafeCounter."""
    lock = HybridLock()
    with lock:
        pass
    async with lock:
        await asyncio.sleep(0)
    table: ThreadSafeDict[str, int] = ThreadSafeDict()
    table["a"] = 1
    assert dict(table) == {"a": 1}
    counter = AsyncSafeCounter()
    assert counter.increment() == 1 and counter.decrement() == 0

    @thread_safe
    def double(x: int) -> int:
        return 2 * x

    assert double(2) == 4
