"""0.5's ``clear_scope(ScopeType.SINGLETON)``: singletons are forgotten and built anew."""

from __future__ import annotations

import pytest

from examples.shop.cache import MemoryCache
from examples.shop.config import DatabaseConfig
from examples.shop.db import DatabaseService
from examples.shop.events import EventLog
from injectq import InjectQ, ScopeType, inject


def test_clearing_the_singleton_scope_builds_new_singletons(shop: InjectQ) -> None:
    """After clear_scope(SINGLETON) a singleton class is built again; its dependencies too."""
    log, database = shop.get(EventLog), shop.get(DatabaseService)
    assert shop.get(EventLog) is log
    shop.clear_scope(ScopeType.SINGLETON)
    assert shop.get(EventLog) is not log
    assert shop.get(DatabaseService) is not database
    assert shop.get(EventLog) is shop.get(EventLog)


def test_runtime_instance_bindings_keep_their_object_when_singletons_are_cleared() -> None:
    """A bound instance is not a built singleton: clearing returns the very same object."""
    from examples.shop.modules import CacheProviders, ProductionModule

    container = InjectQ([ProductionModule(), CacheProviders()])
    cache, config = container.get(MemoryCache), container.get(DatabaseConfig)
    container.clear_scope("singleton")
    assert container.get(MemoryCache) is cache
    assert container.get(DatabaseConfig) is config


@pytest.mark.parametrize("generated", [False, True])
def test_values_set_at_startup_survive_clearing_singletons(generated: bool) -> None:
    """A value given to the container at startup is returned again after the clear."""
    from examples.reports.modules import ClockProviders, FormatterModule
    from examples.reports.services import ReportService
    from generated.reports_container import Container

    if generated:
        container: InjectQ = Container()
    else:
        container = InjectQ([FormatterModule(), ClockProviders()])
    title = "Weekly sales"
    container["report_title"] = title
    container.get(ReportService)
    container.clear_scope(ScopeType.SINGLETON)
    assert container.get("report_title") is title
    assert container.get(ReportService).title is title


def test_clearing_the_transient_scope_changes_nothing(shop: InjectQ) -> None:
    """clear_scope("transient") is accepted and keeps the singletons."""
    log = shop.get(EventLog)
    shop.clear_scope(ScopeType.TRANSIENT)
    assert shop.get(EventLog) is log


def test_clear_all_scopes_also_clears_singletons(shop: InjectQ) -> None:
    """As in 0.5, clear_all_scopes() includes the singleton scope."""
    log = shop.get(EventLog)
    shop.clear_all_scopes()
    assert shop.get(EventLog) is not log


def test_inject_functions_see_the_new_singleton(shop: InjectQ) -> None:
    """An @inject function compiled before the clear resolves the rebuilt singleton after it."""

    @inject(container=shop)
    def current_log(log: EventLog) -> EventLog:
        return log

    first = current_log()
    assert current_log() is first  # its fast path is installed now
    shop.clear_scope(ScopeType.SINGLETON)
    assert current_log() is shop.get(EventLog) is not first


def test_unknown_scopes_are_still_refused(shop: InjectQ) -> None:
    """Only singleton and transient were added: an unknown name is a ScopeError."""
    from injectq import ScopeError

    with pytest.raises(ScopeError, match="Unknown scope: nope"):
        shop.clear_scope("nope")
