"""Generated containers run: singletons shared, scopes isolated, resources cleaned up in order."""

from __future__ import annotations

import asyncio
import contextvars
import importlib
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from .conftest import Run

APP = {
    "shop/__init__.py": "",
    "shop/services.py": """
        from __future__ import annotations

        import asyncio
        import contextlib
        import threading
        from collections.abc import AsyncIterator, Iterator

        from injectq import resource, scoped, singleton, transient

        EVENTS: list[str] = []
        GATE: threading.Barrier | None = None  # set by a test to hold openers side by side


        @singleton
        class Database:
            def __init__(self, db_url: str) -> None:
                self.url = db_url


        class Session:
            def __init__(self, db: Database) -> None:
                self.db = db


        @resource("request")
        def open_session(db: Database) -> Iterator[Session]:
            EVENTS.append("open session")
            if GATE is not None:
                GATE.wait(timeout=5)
            yield Session(db)
            EVENTS.append("close session")


        class Ledger:
            def __init__(self) -> None:
                self.entries: list[str] = []


        @resource("request")
        @contextlib.contextmanager
        def open_ledger(session: Session) -> Iterator[Ledger]:
            EVENTS.append("open ledger")
            yield Ledger()
            EVENTS.append("close ledger")


        class Connection:
            pass


        @resource("request")
        async def connect() -> AsyncIterator[Connection]:
            EVENTS.append("connect")
            await asyncio.sleep(0)  # other tasks run while the connection opens
            yield Connection()
            EVENTS.append("disconnect")


        @scoped("request")
        class UserService:
            def __init__(self, session: Session, db: Database) -> None:
                self.session = session
                self.db = db


        @scoped("request")
        class Repo:
            def __init__(self, conn: Connection) -> None:
                self.conn = conn


        @scoped("request")
        class Unit:
            def __init__(self, repo: Repo, conn: Connection, users: UserService) -> None:
                self.repo = repo
                self.conn = conn
                self.users = users


        @transient
        class Handler:
            def __init__(self, users: UserService) -> None:
                self.users = users


        @transient
        class AsyncHandler:
            def __init__(self, conn: Connection, users: UserService) -> None:
                self.conn = conn
                self.users = users
    """,
}
PYPROJECT = """\
[tool.injectq]
source_roots = ["src"]
scan = ["shop"]
inputs = ["'db_url'"]
output = "gen/shop_container.py"
"""


@pytest.fixture
def generated(
    gen: Callable[..., tuple[Path, Run]], monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[ModuleType, ModuleType]]:
    """Generate the shop app's container and import it with the app."""
    root, run = gen(APP, pyproject=PYPROJECT)
    assert run.code == 0, run.out
    monkeypatch.syspath_prepend(str(root / "src"))
    monkeypatch.syspath_prepend(str(root / "gen"))
    try:
        yield importlib.import_module("shop_container"), importlib.import_module("shop.services")
    finally:
        for name in [n for n in sys.modules if n == "shop" or n.startswith(("shop.", "shop_"))]:
            del sys.modules[name]


def _container(module: ModuleType) -> Any:
    container = module.Container()
    container.bind_instance("db_url", "sqlite://", allow_concrete=False)
    return container


def test_singletons_are_shared_and_scoped_instances_are_per_block(
    generated: tuple[ModuleType, ModuleType],
) -> None:
    """One Database for the container; one UserService per request block."""
    module, services = generated
    container = _container(module)
    with container.scope("request"):
        first = container.get(services.Handler)
        assert first.users is container.get(services.Handler).users
    with container.scope("request"):
        second = container.get(services.Handler)
    assert first.users is not second.users
    assert first.users.db is second.users.db is container.get(services.Database)
    assert first.users.db.url == "sqlite://"


def test_resources_close_in_reverse_order_when_the_block_ends(
    generated: tuple[ModuleType, ModuleType],
) -> None:
    """Generator resources are entered once per block and closed when it ends."""
    module, services = generated
    container = _container(module)
    services.EVENTS.clear()

    async def main() -> None:
        async with container.scope("request"):
            await container.aget(services.AsyncHandler)
            await container.aget(services.AsyncHandler)

    asyncio.run(main())
    assert services.EVENTS == ["connect", "open session", "close session", "disconnect"]


def test_async_resources_are_refused_on_the_sync_path(
    generated: tuple[ModuleType, ModuleType],
) -> None:
    """Sync get of a key that awaits raises instead of returning a coroutine."""
    module, services = generated
    container = _container(module)
    from injectq import InjectQError

    with container.scope("request"), pytest.raises(InjectQError):
        container.get(services.AsyncHandler)


def test_threads_racing_in_one_block_keep_one_session_and_close_the_other(
    generated: tuple[ModuleType, ModuleType],
) -> None:
    """Two threads opening the block's session at once both get the one the block keeps."""
    module, services = generated
    container = _container(module)
    services.EVENTS.clear()
    services.GATE = threading.Barrier(2)
    got: list[Any] = []
    with container.scope("request"):
        context = contextvars.copy_context()  # both threads see this block
        threads = [
            threading.Thread(
                target=lambda: got.append(context.copy().run(container.get, services.Session))
            )
            for _ in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(got) == 2 and got[0] is got[1] is container.get(services.Session)
        assert services.EVENTS == ["open session", "open session", "close session"]
    assert services.EVENTS.count("close session") == 2


def test_tasks_racing_in_one_block_share_one_async_resource(
    generated: tuple[ModuleType, ModuleType],
) -> None:
    """Tasks awaiting the same async resource in one block share one opening of it."""
    module, services = generated
    container = _container(module)
    services.EVENTS.clear()

    async def main() -> list[Any]:
        async with container.scope("request"):
            handlers = await asyncio.gather(
                *(container.aget(services.AsyncHandler) for _ in range(5))
            )
        return [h.conn for h in handlers]

    connections = asyncio.run(main())
    assert all(conn is connections[0] for conn in connections)
    assert services.EVENTS.count("connect") == 1
    assert services.EVENTS.count("disconnect") == 1


def test_a_scoped_service_awaits_its_async_resource_once_and_builds_the_rest_in_the_block(
    generated: tuple[ModuleType, ModuleType],
) -> None:
    """Unit, its Repo and the connection they share all belong to the one block."""
    module, services = generated
    container = _container(module)
    services.EVENTS.clear()

    async def main() -> tuple[Any, Any, Any]:
        async with container.scope("request"):
            unit = await container.aget(services.Unit)
            return unit, await container.aget(services.Repo), await container.aget(services.Unit)

    unit, repo, again = asyncio.run(main())
    assert unit is again and unit.repo is repo and repo.conn is unit.conn
    assert unit.users.session is not None
    assert services.EVENTS == ["connect", "open session", "close session", "disconnect"]


def test_a_context_manager_resource_is_entered_once_per_block_and_exited_first(
    generated: tuple[ModuleType, ModuleType],
) -> None:
    """A scoped @contextmanager resource opens after what it needs and closes before it."""
    module, services = generated
    container = _container(module)
    services.EVENTS.clear()
    with container.scope("request"):
        ledger = container.get(services.Ledger)
        assert container.get(services.Ledger) is ledger
    with container.scope("request"):
        assert container.get(services.Ledger) is not ledger
    assert services.EVENTS == ["open session", "open ledger", "close ledger", "close session"] * 2
