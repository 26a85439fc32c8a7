"""The application: handles requests, each in its own request scope."""

from __future__ import annotations

from examples.shop.cache import MultiLevelCache
from examples.shop.db import ConnectionPool
from examples.shop.events import EventLog
from examples.shop.monitoring import PerformanceMonitor
from examples.shop.services import OrderService, ReportStream, UserService
from injectq import InjectQ


class Application:
    def __init__(
        self,
        container: InjectQ,
        events: EventLog,
        monitor: PerformanceMonitor,
        cache: MultiLevelCache,
        pool: ConnectionPool,
    ) -> None:
        self.container = container
        self.events = events
        self.monitor = monitor
        self.cache = cache
        self.pool = pool

    def handle_signup(self, name: str, item: str, total: float) -> None:
        with self.container.scope("request"):
            users = self.container.get(UserService)
            orders = self.container.get(OrderService)
            assert orders.users is users and orders.session is users.session
            user_id = users.register(name)
            self.events.record(orders.place(user_id, item, total))

    async def report(self) -> None:
        async with self.container.scope("request"):
            stream = await self.container.aget(ReportStream)
            for name, total in await stream.totals():
                self.events.record(f"report: {name} spent {float(total):.2f}")  # type: ignore[arg-type]

    async def run(self) -> list[str]:
        self.handle_signup("ada", "keyboard", 120.0)
        self.handle_signup("grace", "compiler", 80.5)
        self.handle_signup("linus", "kernel", 0.0)
        await self.report()
        self.events.record(f"cache hits={self.cache.hits} misses={self.cache.misses}")
        self.events.lines.extend(self.monitor.report())
        return self.events.lines
