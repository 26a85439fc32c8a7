"""The production module, in the guide's style."""

from __future__ import annotations

from examples.shop.app import Application
from examples.shop.cache import CacheLayer, MemoryCache, MultiLevelCache, RedisCache, redis_url
from examples.shop.config import DatabaseConfig
from examples.shop.db import ConnectionPool, DatabaseService, Session, open_pool, open_session
from examples.shop.events import EventLog
from examples.shop.monitoring import PerformanceMonitor
from examples.shop.services import OrderService, ReportStream, UserService, open_report_stream
from injectq import Module, ProviderModule, provider


class ProductionModule(Module):
    def configure(self) -> None:  # the guide's module style
        self._configure_database()
        self._configure_caching()
        self._configure_services()

    def _configure_database(self) -> None:
        self.bind(DatabaseConfig, DatabaseConfig(max_connections=4)).singleton()
        self.bind(EventLog, EventLog).singleton()
        self.bind_factory(ConnectionPool, open_pool).singleton()
        self.bind(DatabaseService, DatabaseService).singleton()
        self.bind_factory(Session, open_session).scoped()

    def _configure_caching(self) -> None:
        self.bind(MemoryCache, MemoryCache(max_size=1000)).singleton()
        self.bind(MultiLevelCache, MultiLevelCache).singleton()

    def _configure_services(self) -> None:
        self.bind(PerformanceMonitor, PerformanceMonitor).singleton()
        self.bind(UserService, UserService).scoped()
        self.bind(OrderService, OrderService).scoped()
        self.bind_factory(ReportStream, open_report_stream).scoped()
        self.bind(Application, Application).singleton()


class CacheProviders(ProviderModule):
    """A runtime choice belongs inside a provider: Redis when REDIS_URL is set, else no L2."""

    @provider(scope="singleton")
    def l2_cache(self) -> CacheLayer | None:
        url = redis_url()
        return RedisCache(url) if url else None
