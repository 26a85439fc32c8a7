"""Generated containers run: singletons shared, scopes isolated, resources cleaned up in order."""

from __future__ import annotations

import asyncio
import importlib
import sys
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

        from collections.abc import AsyncIterator, Iterator

        from injectq import resource, scoped, singleton, transient

        EVENTS: list[str] = []


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
            yield Session(db)
            EVENTS.append("close session")


        class Connection:
            pass


        @resource("request")
        async def connect() -> AsyncIterator[Connection]:
            EVENTS.append("connect")
            yield Connection()
            EVENTS.append("disconnect")


        @scoped("request")
        class UserService:
            def __init__(self, session: Session, db: Database) -> None:
                self.session = session
                self.db = db


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
