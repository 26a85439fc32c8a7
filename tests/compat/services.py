"""Services of the 0.5 diagnostics tests (module level, so keys have stable qualified names)."""

from __future__ import annotations


class DatabaseService:
    def __init__(self) -> None:
        self.connection = "database_connection"


class CacheService:
    def __init__(self) -> None:
        self.cache: dict[str, object] = {}


class UserService:
    def __init__(self, db: DatabaseService, cache: CacheService) -> None:
        self.db = db
        self.cache = cache


class OrderService:
    def __init__(self, user_service: UserService, db: DatabaseService) -> None:
        self.user_service = user_service
        self.db = db


class Base:
    pass


class Unrelated:
    pass


class NeedsBase:
    def __init__(self, base: Base) -> None:
        self.base = base
