"""Module-level graphs for validation tests (forward references need module scope)."""

from __future__ import annotations


class Dependency:
    def __init__(self) -> None: ...


class Service:
    def __init__(self, dependency: Dependency) -> None:
        self.dependency = dependency


class Missing:
    def __init__(self, token: MissingToken) -> None: ...


class MissingToken:
    """Never bound, and has no own __init__: cannot be auto-built."""


class NeedsMissing:
    def __init__(self, token: MissingToken) -> None: ...


class Middle:
    def __init__(self, missing: MissingToken) -> None: ...


class Top:
    def __init__(self, middle: Middle) -> None: ...


class CycleA:
    def __init__(self, b: CycleB) -> None: ...


class CycleB:
    def __init__(self, a: CycleA) -> None: ...


class Session:
    def __init__(self) -> None: ...


class LeakySingleton:
    def __init__(self, session: Session) -> None: ...


class Via:
    def __init__(self, session: Session) -> None: ...


class LeakThroughTransient:
    def __init__(self, via: Via) -> None: ...


async def make_session_async() -> Session:
    return Session()
