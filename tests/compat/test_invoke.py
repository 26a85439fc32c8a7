"""0.5's ``invoke``/``ainvoke``: parameters not passed are injected only from registrations."""

from __future__ import annotations

import pytest

from injectq import DependencyNotFoundError, InjectQ

from .services import CacheService, DatabaseService


class Report:
    def __init__(self, db: DatabaseService, title: str) -> None:
        self.db = db
        self.title = title


def make_report(db: DatabaseService, title: str = "untitled") -> Report:
    return Report(db, title)


async def amake_report(db: DatabaseService, title: str = "untitled") -> Report:
    return Report(db, title)


def test_invoke_never_builds_an_unregistered_class(container: InjectQ) -> None:
    """A concrete class nobody registered is not auto-built: DependencyNotFoundError, as in 0.5."""
    container.bind_factory(Report, make_report)
    with pytest.raises(DependencyNotFoundError) as caught:
        container.invoke(Report, title="q3")
    assert caught.value.dependency_type is DatabaseService


async def test_ainvoke_never_builds_an_unregistered_class(container: InjectQ) -> None:
    """ainvoke follows the same rule as invoke."""
    container.bind_factory(Report, amake_report)
    with pytest.raises(DependencyNotFoundError):
        await container.ainvoke(Report)


def test_invoke_injects_registered_types_and_keeps_defaults(container: InjectQ) -> None:
    """A registered annotation is injected; an unregistered primitive takes its default."""
    container.bind(DatabaseService)
    container.bind_factory(Report, make_report)
    report = container.invoke(Report)
    assert report.db is container.get(DatabaseService)
    assert report.title == "untitled"
    assert container.invoke(Report, title="q3").title == "q3"


def test_invoke_prefers_a_key_named_like_the_parameter(container: InjectQ) -> None:
    """A registered string key of the parameter's name wins over its annotation."""
    special = DatabaseService()
    container.bind(DatabaseService)
    container.bind_instance("db", special)
    container.bind_instance("title", "from the container")
    container.bind_factory(Report, make_report)
    report = container.invoke(Report)
    assert (report.db, report.title) == (special, "from the container")


def test_invoke_does_not_inject_primitives_by_type(container: InjectQ) -> None:
    """A bound str is not injected into a str parameter without a default: it is missing."""
    container.bind(DatabaseService)
    container.bind_instance(str, "any string")
    container.bind_factory("report", Report)
    with pytest.raises(DependencyNotFoundError) as caught:
        container.invoke("report")
    assert caught.value.dependency_type is str


async def test_ainvoke_injects_and_awaits(container: InjectQ) -> None:
    """ainvoke injects what is registered, passes what is given, and awaits the result."""
    container.bind(DatabaseService)
    container.bind(CacheService)
    container.bind_factory(Report, amake_report)
    report = await container.ainvoke(Report, title="q4")
    assert (report.db, report.title) == (container.get(DatabaseService), "q4")
