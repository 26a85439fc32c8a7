"""The data layer: a SQLite connection pool, a database service and the per-request session."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator

from examples.shop.config import DatabaseConfig
from examples.shop.events import EventLog


class ConnectionPool:
    """A tiny pool over one shared SQLite database."""

    def __init__(self, config: DatabaseConfig, events: EventLog) -> None:
        self._connection = sqlite3.connect(config.path, check_same_thread=False)
        self._lock = threading.Lock()
        self.size = config.max_connections
        self.events = events
        events.record("pool opened")

    def execute(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        with self._lock:
            rows = self._connection.execute(sql, params).fetchall()
            self._connection.commit()
            return rows

    def close(self) -> None:
        self._connection.close()
        self.events.record("pool closed")


def open_pool(config: DatabaseConfig, events: EventLog) -> Iterator[ConnectionPool]:
    """A singleton resource: the pool is closed when the container closes."""
    pool = ConnectionPool(config, events)
    try:
        yield pool
    finally:
        pool.close()


class DatabaseService:
    """Schema and queries shared by the repositories."""

    def __init__(self, pool: ConnectionPool) -> None:
        self.pool = pool
        pool.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT)")
        pool.execute(
            "CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, user_id INTEGER,"
            " item TEXT, total REAL)"
        )


class Session:
    """A unit of work for one request."""

    _ids = 0

    def __init__(self, db: DatabaseService) -> None:
        Session._ids += 1
        self.id = Session._ids
        self.db = db
        self.statements = 0

    def execute(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        self.statements += 1
        return self.db.pool.execute(sql, params)


def open_session(db: DatabaseService, events: EventLog) -> Iterator[Session]:
    """A request-scoped resource: the session is closed when the request scope ends."""
    session = Session(db)
    events.record(f"session {session.id} opened")
    try:
        yield session
    finally:
        events.record(f"session {session.id} closed after {session.statements} statements")
