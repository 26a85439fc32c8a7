"""Multi-level caching from the guide: an in-memory L1 and an optional Redis L2."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod


class CacheLayer(ABC):
    @abstractmethod
    def get(self, key: str) -> object | None: ...

    @abstractmethod
    def set(self, key: str, value: object) -> None: ...


class MemoryCache(CacheLayer):
    def __init__(self, max_size: int = 1000) -> None:
        self._items: dict[str, object] = {}
        self.max_size = max_size

    def get(self, key: str) -> object | None:
        return self._items.get(key)

    def set(self, key: str, value: object) -> None:
        if len(self._items) >= self.max_size:
            self._items.pop(next(iter(self._items)))
        self._items[key] = value


class RedisCache(CacheLayer):
    """Used only when REDIS_URL is set; the example never needs a Redis server otherwise."""

    def __init__(self, url: str) -> None:
        import redis  # type: ignore[import-not-found]  # optional, only with REDIS_URL

        self._client = redis.Redis.from_url(url)

    def get(self, key: str) -> object | None:
        return self._client.get(key)  # type: ignore[no-any-return]

    def set(self, key: str, value: object) -> None:
        self._client.set(key, str(value))


class MultiLevelCache:
    def __init__(self, l1: MemoryCache, l2: CacheLayer | None = None) -> None:
        self.l1 = l1
        self.l2 = l2
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> object | None:
        value = self.l1.get(key)
        if value is None and self.l2 is not None:
            value = self.l2.get(key)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def set(self, key: str, value: object) -> None:
        self.l1.set(key, value)
        if self.l2 is not None:
            self.l2.set(key, value)


def redis_url() -> str | None:
    return os.environ.get("REDIS_URL") or None
