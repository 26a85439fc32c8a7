from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Annotated, Optional

import injectq as iq
from injectq import Inject, Lazy, Named, inject, resource, scoped, transient

from .config import DatabaseConfig

if TYPE_CHECKING:
    from .cache import MemoryCache


class ConnectionPool:
    def __init__(self, config: DatabaseConfig) -> None:
        self.config = config


@iq.singleton
class Database:
    def __init__(self, db_url: str, pool: ConnectionPool) -> None:
        self.url = db_url
        self.pool = pool


class Session:
    def __init__(self, db: Database) -> None:
        self.db = db


@resource("request")
def open_session(db: Database) -> Iterator[Session]:
    yield Session(db)


class Connection:
    pass


@resource("request")
async def connect() -> AsyncIterator[Connection]:
    yield Connection()


@scoped("request")
class Ledger:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn


@scoped("request")
class Unit:
    def __init__(self, ledger: Ledger, conn: Connection, session: Session) -> None:
        self.ledger = ledger
        self.conn = conn


@scoped("request")
class UserService:
    def __init__(
        self,
        session: Session,
        cache: "MemoryCache",
        audit: Annotated[Audit, Named("primary")],
        clock: Optional[Clock] = None,
    ) -> None:
        self.session = session


@transient
class Clock:
    def __init__(self) -> None:
        pass


class Audit:
    def __init__(self, lazy_db: Lazy[Database]) -> None:
        self.lazy_db = lazy_db


@inject
def handle(service: UserService, retries: int = 3) -> None:
    pass


@inject
async def handle_async(conn: Connection, service: UserService) -> None:
    pass


def report(db: Database = Inject[Database]) -> None:
    pass
