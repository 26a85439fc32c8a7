"""A module whose constructor names a type imported only for type checking."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.services import Cache
    from tests.unimportable_for_tests import Phantom  # type: ignore[import-not-found]


class UsesCache:
    def __init__(self, cache: Cache) -> None:
        self.cache = cache


class UsesPhantom:
    def __init__(self, phantom: Phantom) -> None:
        self.phantom = phantom
