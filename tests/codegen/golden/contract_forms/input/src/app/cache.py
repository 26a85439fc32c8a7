from __future__ import annotations

from injectq import register_as


class ICache:
    pass


@register_as(ICache, scope="singleton")
class MemoryCache(ICache):
    def __init__(self, max_size: int = 1000) -> None:
        self.max_size = max_size
