"""Request-scoped services and an async report service."""

from __future__ import annotations

from collections.abc import AsyncIterator

from examples.shop.cache import MultiLevelCache
from examples.shop.db import Session
from examples.shop.events import EventLog
from examples.shop.monitoring import PerformanceMonitor


class UserService:
    def __init__(
        self, session: Session, cache: MultiLevelCache, monitor: PerformanceMonitor
    ) -> None:
        self.session = session
        self.cache = cache
        self.monitor = monitor

    def register(self, name: str) -> int:
        self.monitor.record("UserService.register")
        self.session.execute("INSERT INTO users (name) VALUES (?)", (name,))
        user_id = self.session.execute("SELECT max(id) FROM users")[0][0]
        assert isinstance(user_id, int)  # sqlite returns an INTEGER PRIMARY KEY as an int
        self.cache.set(f"user:{user_id}", name)
        return user_id

    def name(self, user_id: int) -> str:
        self.monitor.record("UserService.name")
        cached = self.cache.get(f"user:{user_id}")
        if cached is not None:
            return str(cached)
        rows = self.session.execute("SELECT name FROM users WHERE id = ?", (user_id,))
        return str(rows[0][0])


class OrderService:
    def __init__(self, session: Session, users: UserService, monitor: PerformanceMonitor) -> None:
        self.session = session
        self.users = users
        self.monitor = monitor

    def place(self, user_id: int, item: str, total: float) -> str:
        self.monitor.record("OrderService.place")
        self.session.execute(
            "INSERT INTO orders (user_id, item, total) VALUES (?, ?, ?)", (user_id, item, total)
        )
        return f"{self.users.name(user_id)} ordered {item} for {total:.2f}"


class ReportStream:
    """An async resource: opened per request on the async path, closed when it ends."""

    def __init__(self, session: Session) -> None:
        self.session = session

    async def totals(self) -> list[tuple[object, ...]]:
        return self.session.execute(
            "SELECT u.name, sum(o.total) FROM orders o JOIN users u ON u.id = o.user_id"
            " GROUP BY u.name ORDER BY u.name"
        )


async def open_report_stream(session: Session, events: EventLog) -> AsyncIterator[ReportStream]:
    events.record("report stream opened")
    yield ReportStream(session)
    events.record("report stream closed")
