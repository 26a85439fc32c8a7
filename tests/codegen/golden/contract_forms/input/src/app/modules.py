from __future__ import annotations

from injectq import Module, SimpleModule, provider

from .cache import MemoryCache
from .config import DatabaseConfig, Settings
from .db import Audit, ConnectionPool


class Monitor:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings


class Report:
    def __init__(self, monitor: Monitor) -> None:
        self.monitor = monitor


class Metrics:
    pass


def make_report(monitor: Monitor) -> Report:
    return Report(monitor)


class ProductionModule(Module):
    def configure(self) -> None:
        self._configure_database()
        self.bind(MemoryCache, MemoryCache(max_size=1000)).singleton()
        self.bind(Audit, Audit, name="primary").singleton()
        self.bind_factory(Report, make_report)

    def _configure_database(self) -> None:
        self.bind(DatabaseConfig, DatabaseConfig(max_connections=20)).singleton()
        self.bind(ConnectionPool, self._create_pool()).singleton()

    def _create_pool(self) -> ConnectionPool:
        return ConnectionPool(DatabaseConfig())

    @provider
    def monitor(self, settings: Settings) -> Monitor:
        return Monitor(settings)


class BinderModule(Module):
    def configure(self, binder: object) -> None:
        binder.bind(Metrics, Metrics, scope="transient")  # type: ignore[attr-defined]


extras = SimpleModule().bind_instance("app_name", "demo")
