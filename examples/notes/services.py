"""Services registered by decorators when this module is imported."""

from __future__ import annotations

import itertools

from injectq import scoped, singleton, transient


@singleton
class Store:
    def __init__(self) -> None:
        self.notes: dict[int, str] = {}
        self.ids = itertools.count(1)


@scoped("request")
class Journal:
    """One per request: collects what the request did."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.entries: list[str] = []


@transient
class Formatter:
    def __init__(self) -> None:
        self.prefix = "-"

    def line(self, text: str) -> str:
        return f"{self.prefix} {text}"
