from __future__ import annotations

from injectq import singleton


@singleton
class A:
    def __init__(self, b: B) -> None:
        self.b = b


@singleton
class B:
    def __init__(self, a: A) -> None:
        self.a = a
