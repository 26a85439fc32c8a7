"""Lifetimes hold in both modes under concurrency, async singletons and scope handles."""

from __future__ import annotations

import asyncio
import threading

import pytest

from injectq import InjectionError

from .conftest import Builder

ASYNC_POOL = {
    "app/services.py": """
        import asyncio

        from injectq import Module, inject

        CREATED: list[object] = []

        class Pool:
            def __init__(self) -> None:
                CREATED.append(self)

        async def make_pool() -> Pool:
            await asyncio.sleep(0)  # racing tasks interleave here
            return Pool()

        class Repo:
            @inject
            def __init__(self, pool: Pool) -> None:
                self.pool = pool

        class Mod(Module):
            def configure(self) -> None:
                self.bind(Pool, make_pool()).singleton()
                self.bind(Repo, Repo).singleton()
    """
}


def test_sync_constructor_of_an_async_singleton_is_valid(build: Builder) -> None:
    """aget awaits the async singleton first; a sync get before it names aget."""
    container = build(ASYNC_POOL, modules=["app.services:Mod"])
    services = build.app("services")
    container.validate()
    with pytest.raises(InjectionError, match="aget") as info:
        container.get(services.Repo)
    first_line = str(info.value).splitlines()[0]
    assert first_line.startswith("Repo needs the async factory of app.services.Pool;")

    async def repo() -> object:
        return await container.aget(services.Repo)

    built = asyncio.run(repo())
    assert built.pool is container.get(services.Pool)  # type: ignore[attr-defined]
    assert container.get(services.Repo) is built


POOL_USERS = {
    "app/services.py": """
        import asyncio

        from injectq import Module, transient

        class Pool:
            pass

        async def make_pool() -> Pool:
            await asyncio.sleep(0)
            return Pool()

        @transient
        class Repo:
            def __init__(self, pool: Pool) -> None:
                self.pool = pool

        @transient
        class Service:
            def __init__(self, repo: Repo) -> None:
                self.repo = repo

        class Mod(Module):
            def configure(self) -> None:
                self.bind(Pool, make_pool()).singleton()
    """
}


@pytest.mark.parametrize("owner", ["Repo", "Service"])
def test_sync_get_reads_an_async_singleton_already_built(build: Builder, owner: str) -> None:
    """A sync get names aget until the async singleton is built, then builds from it."""
    container = build(POOL_USERS, modules=["app.services:Mod"])
    services = build.app("services")
    needs_pool = getattr(services, owner)
    with pytest.raises(InjectionError, match="aget") as info:
        container.get(needs_pool)
    first_line = str(info.value).splitlines()[0]
    assert first_line.startswith(f"{owner} needs the async factory of app.services.Pool;")
    pool = asyncio.run(container.aget(services.Pool))
    built = container.get(needs_pool)
    assert isinstance(built, needs_pool)
    assert (built.repo if owner == "Service" else built).pool is pool
    assert container.get(needs_pool) is not built  # still transient


ASYNC_SINGLETON = {
    "app/services.py": """
        import asyncio

        from injectq import Module

        CREATED: list[object] = []

        class Client:
            pass

        async def connect() -> Client:
            await asyncio.sleep(0.001)  # every racing task reaches the await first
            client = Client()
            CREATED.append(client)
            return client

        class Mod(Module):
            def configure(self) -> None:
                self.bind_factory(Client, connect, scope="singleton")
    """
}


def test_racing_agets_create_an_async_singleton_once(build: Builder) -> None:
    """50 tasks racing for an async singleton share one instance."""
    container = build(ASYNC_SINGLETON, modules=["app.services:Mod"])
    services = build.app("services")

    async def race() -> list[object]:
        return await asyncio.wait_for(
            asyncio.gather(*(container.aget(services.Client) for _ in range(50))), 10
        )

    clients = asyncio.run(race())
    assert len(services.CREATED) == 1
    assert all(client is services.CREATED[0] for client in clients)


SLOW_SINGLETON = {
    "app/services.py": """
        import threading
        import time

        from injectq import singleton

        CREATED: list[object] = []
        GATE = threading.Barrier(16)

        @singleton
        class Registry:
            def __init__(self) -> None:
                CREATED.append(self)
                time.sleep(0.001)  # the other threads arrive while this one builds
    """
}


def test_racing_threads_create_a_singleton_once(build: Builder) -> None:
    """16 threads released together for a singleton share one instance."""
    container = build(SLOW_SINGLETON)
    services = build.app("services")
    got: list[object] = []

    def worker() -> None:
        services.GATE.wait(timeout=10)
        got.append(container.get(services.Registry))

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert not any(thread.is_alive() for thread in threads)
    assert len(services.CREATED) == 1 and len(got) == 16
    assert all(item is services.CREATED[0] for item in got)


SINGLETON_CHAIN = {
    "app/services.py": """
        from injectq import singleton

        @singleton
        class Config:
            def __init__(self) -> None:
                pass

        @singleton
        class Pool:
            def __init__(self, config: Config) -> None:
                self.config = config

        @singleton
        class Repo:
            def __init__(self, pool: Pool, config: Config) -> None:
                self.pool = pool
                self.config = config
    """
}


def test_a_singleton_chain_is_built_once_and_keeps_no_creation_lock(build: Builder) -> None:
    """Singletons built through each other are shared, and no per-key lock outlives them."""
    container = build(SINGLETON_CHAIN)
    services = build.app("services")
    repo = container.get(services.Repo)
    assert repo.pool is container.get(services.Pool)  # type: ignore[attr-defined]
    assert repo.config is repo.pool.config is container.get(services.Config)  # type: ignore[attr-defined]
    assert container._stores.key_locks == {}
