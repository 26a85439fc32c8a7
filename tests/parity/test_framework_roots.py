"""Framework markers (FastAPI, Taskiq, FastMCP) make their functions roots of the static graph.

The reader never imports the app, so the integrations need not be installed for these tests.
"""

from __future__ import annotations

from .conftest import Builder

ENDPOINTS = {
    "app/services.py": """
        from injectq import Module, inject, provider, scoped, singleton

        class Pool:
            pass

        @scoped("request")
        class UnitOfWork:
            pass

        class Notifier:
            pass

        class Email(Notifier):
            pass

        @singleton
        class Clock:
            pass

        class Mod(Module):
            def configure(self) -> None:
                self.bind(Notifier, Email, name="email")

            @provider
            async def pool(self) -> Pool:
                return Pool()

        @inject
        def main() -> None:  # a root that uses nothing: unused bindings are reported
            pass
    """,
    "app/api.py": """
        from typing import Annotated

        from injectq.integrations.fastapi import InjectAPI
        from injectq.integrations.taskiq import InjectTaskiq

        from .services import Pool, UnitOfWork

        def list_items(
            unit: Annotated[UnitOfWork, InjectAPI(UnitOfWork)],
            pool: Annotated[Pool, InjectAPI(interface=Pool)],
        ) -> None:
            pass

        def nightly(pool: Annotated[Pool, InjectTaskiq(Pool)]) -> None:
            pass
    """,
    "app/tools.py": """
        from typing import Annotated

        from injectq.integrations import InjectMCP
        from injectq.integrations import fastapi

        from .services import Clock, Notifier

        def now(clock: Clock = InjectMCP(Clock)) -> None:
            pass

        class Tools:
            def notify(
                self, notifier: Annotated[Notifier, fastapi.InjectFastAPI(Notifier, name="email")]
            ) -> None:
                pass
    """,
}


def _with(files: dict[str, str], name: str, text: str) -> dict[str, str]:
    return {**files, name: text}


def test_services_used_only_by_endpoints_are_not_unused(generator: Builder) -> None:
    """Request-scoped and async services behind endpoints pass --strict: no IQ004, no IQ007."""
    code, text = generator.generate(ENDPOINTS, ["app.services:Mod"], (), "--strict")
    assert code == 0, text
    assert "IQ004" not in text and "IQ007" not in text


MISSING = {
    "app/services.py": """
        class Clock:
            pass

        class Report:
            def __init__(self, clock: "Clock", when: int) -> None:
                pass
    """,
    "app/api.py": """
        from typing import Annotated

        from injectq.integrations.taskiq import InjectTask

        from .services import Report

        async def build(report: Annotated[Report, InjectTask(Report)]) -> None:
            pass
    """,
}


def test_a_missing_binding_behind_an_endpoint_fails_the_generator(generator: Builder) -> None:
    """The endpoint is a root: what it needs must be bound, and the path starts at it."""
    code, text = generator.generate(MISSING)
    assert code == 1
    assert "IQ001" in text and "app.api.build" in text


def test_a_missing_named_binding_behind_an_endpoint_fails_the_generator(
    generator: Builder,
) -> None:
    """name= is part of the key: an endpoint asking for an unbound name fails."""
    files = _with(
        ENDPOINTS,
        "app/tools.py",
        ENDPOINTS["app/tools.py"].replace('name="email"', 'name="sms"'),
    )
    code, text = generator.generate(files, ["app.services:Mod"])
    assert code == 1
    assert "IQ001" in text and "'sms'" in text


LOOKALIKE = {
    "app/services.py": """
        from injectq import inject, singleton

        @singleton
        class Clock:
            pass

        @inject
        def main() -> None:
            pass
    """,
    "app/api.py": """
        from typing import Annotated

        from .services import Clock

        class InjectAPI:
            def __init__(self, interface: object) -> None:
                self.interface = interface

        def tick(clock: Annotated[Clock, InjectAPI(Clock)]) -> None:
            pass
    """,
}


def test_a_lookalike_marker_outside_injectq_is_not_a_root(generator: Builder) -> None:
    """Markers are recognised by qualified name: the app's own InjectAPI uses nothing."""
    code, text = generator.generate(LOOKALIKE, (), (), "--strict")
    assert code == 1
    assert "IQ007" in text and "Clock" in text
