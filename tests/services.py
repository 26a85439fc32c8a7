"""Small classes shared by the runtime tests."""

from __future__ import annotations

from abc import ABC, abstractmethod


class Config:
    def __init__(self) -> None:
        self.url = "sqlite://"


class Database:
    def __init__(self, config: Config) -> None:
        self.config = config


class Cache:
    def __init__(self) -> None:
        self.items: dict[str, object] = {}


class UserService:
    def __init__(self, db: Database, cache: Cache) -> None:
        self.db = db
        self.cache = cache


class Repository(ABC):
    @abstractmethod
    def find(self) -> str: ...


class SqlRepository(Repository):
    def __init__(self, db: Database) -> None:
        self.db = db

    def find(self) -> str:
        return "sql"


class MemoryRepository(Repository):
    def __init__(self) -> None:
        self.rows: list[str] = []

    def find(self) -> str:
        return "memory"


class NoInit:
    """A class without its own __init__ (0.5 does not auto-build these)."""
