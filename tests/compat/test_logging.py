"""Diagnostics and components log on 0.5's child loggers of ``injectq``."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from injectq import ComponentContainer, DependencyProfiler, DependencyValidator, InjectQ
from injectq.components import Component, ComponentError
from injectq.utils.logging import logger


def test_library_logger_has_a_null_handler() -> None:
    """injectq.utils.logging.logger is the 'injectq' logger, silent until configured."""
    assert logger is logging.getLogger("injectq")
    assert any(isinstance(h, logging.NullHandler) for h in logger.handlers)


def test_diagnostics_log_on_injectq_diagnostics(caplog: pytest.LogCaptureFixture) -> None:
    """Validation and profiling report their steps at INFO on injectq.diagnostics."""
    with caplog.at_level(logging.DEBUG, logger="injectq"):
        DependencyValidator(InjectQ()).validate()
        with DependencyProfiler():
            pass
    records = [(r.name, r.levelname, r.getMessage()) for r in caplog.records]
    assert ("injectq.diagnostics", "INFO", "Validation completed with 0 errors and 0 warnings") in (
        records
    )
    assert ("injectq.diagnostics", "INFO", "DependencyProfiler started") in records


def test_components_log_lifecycle_and_errors(caplog: pytest.LogCaptureFixture) -> None:
    """Registration and start are INFO, an illegal transition ERROR, on injectq.components."""

    class Worker(Component):
        name = "worker"

    container = ComponentContainer()
    with caplog.at_level(logging.DEBUG, logger="injectq"):
        container.register_component(Worker)
        container.start_components()
        worker = container.get_component("worker")
        assert worker is not None
        with pytest.raises(ComponentError):
            worker.configure()
    levels = {(r.name, r.levelname) for r in caplog.records if r.name == "injectq.components"}
    assert levels >= {("injectq.components", "INFO"), ("injectq.components", "ERROR")}
    assert any("Starting component: worker" in r.getMessage() for r in caplog.records)


def _records(caplog: pytest.LogCaptureFixture, name: str) -> list[tuple[str, str]]:
    return [(r.levelname, r.getMessage()) for r in caplog.records if r.name == name]


@pytest.mark.parametrize("generated", [False, True])
def test_container_creation_logs_its_options(
    caplog: pytest.LogCaptureFixture, generated: bool
) -> None:
    """Creating a container, runtime or generated, is one INFO record on injectq.core."""
    from generated.shop_container import Container

    with caplog.at_level(logging.DEBUG, logger="injectq"):
        (Container if generated else InjectQ)(thread_safe=False)
    assert _records(caplog, "injectq.core") == [
        (
            "INFO",
            "Initializing InjectQ container "
            "(async_scopes=True, thread_safe=False, allow_override=True)",
        )
    ]


def test_bindings_modules_and_validation_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    """Each bind is DEBUG; installing a module and validating are INFO, in 0.5's words."""
    from injectq import Module, ScopeType

    from .services import CacheService, DatabaseService

    def make_cache() -> CacheService:
        return CacheService()

    class Storage(Module):
        def configure(self, binder: object) -> None:
            pass

        def __str__(self) -> str:
            return "Storage"

    container = InjectQ()
    with caplog.at_level(logging.DEBUG, logger="injectq"):
        container.bind(DatabaseService, scope=ScopeType.TRANSIENT)
        container.bind("db", DatabaseService)
        container.bind_instance("dsn", "sqlite://")
        container.bind_factory(CacheService, make_cache)
        container.install_module(Storage())
        container.validate()
    assert _records(caplog, "injectq.core") == [
        ("DEBUG", f"Binding service: {DatabaseService} -> self (scope: transient)"),
        ("DEBUG", f"Binding service: db -> {DatabaseService} (scope: singleton)"),
        ("DEBUG", "Binding instance: dsn (str)"),
        ("DEBUG", f"Binding factory: {CacheService} -> make_cache"),
        ("INFO", "Installing module: Storage"),
        ("INFO", "Validating container dependencies"),
    ]


def test_first_resolution_logs_and_cached_hits_do_not(caplog: pytest.LogCaptureFixture) -> None:
    """'Resolving service' is logged when a key's plan is made, never for later gets."""
    from .services import CacheService, DatabaseService, UserService

    container = InjectQ()
    for cls in (DatabaseService, CacheService, UserService):
        container.bind(cls)
    with caplog.at_level(logging.DEBUG, logger="injectq"):
        for _ in range(3):
            container.get(UserService)
    resolving = [m for _, m in _records(caplog, "injectq.core") if m.startswith("Resolving")]
    assert sorted(resolving) == sorted(
        f"Resolving service: {cls}" for cls in (UserService, DatabaseService, CacheService)
    )


def test_failures_are_logged_as_errors(caplog: pytest.LogCaptureFixture) -> None:
    """A constructor that raises is an ERROR record naming the key; a missing key is DEBUG."""

    class Broken:
        def __init__(self) -> None:
            raise RuntimeError("no disk")

    container = InjectQ()
    container.bind(Broken)
    with caplog.at_level(logging.DEBUG, logger="injectq"):
        with pytest.raises(Exception, match="no disk"):
            container.get(Broken)
        assert container.try_get("absent") is None
    levels = [(level, m.split(":")[0]) for level, m in _records(caplog, "injectq.core")]
    assert ("ERROR", "Failed to resolve Broken") in levels
    assert ("DEBUG", "Failed to resolve 'absent'") in levels


def test_decorators_log_registrations_and_refusals(caplog: pytest.LogCaptureFixture) -> None:
    """Each class decorator logs INFO on injectq.decorators; a refusal is logged as ERROR."""
    from injectq import BindingError, register_as, scoped, singleton, transient

    from .services import Base

    container = InjectQ()
    with container.context(), caplog.at_level(logging.DEBUG, logger="injectq"):

        @singleton
        class One:
            pass

        @transient
        class Two:
            pass

        @scoped("request")
        class Three:
            pass

        @register_as(Base, scope="transient")
        class Four(Base):
            pass

        with pytest.raises(BindingError):
            singleton(len)
    assert _records(caplog, "injectq.decorators") == [
        ("INFO", "Registered singleton: One"),
        ("INFO", "Registered transient: Two"),
        ("INFO", "Registered scoped 'request': Three"),
        ("INFO", "Registered as Base with scope 'transient': Four"),
        ("ERROR", "@singleton can only be applied to classes"),
    ]


def test_a_program_without_logging_never_loads_it() -> None:
    """Creating, binding and resolving (and failing) never import logging for their records."""
    code = (
        "import sys, injectq\n"
        "class A: pass\n"
        "c = injectq.InjectQ()\n"
        "c.bind(A)\n"
        "c.get(A)\n"
        "c.try_get('absent')\n"
        "print('logging' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "False"


def test_every_injectq_logger_is_silent_until_configured() -> None:
    """An illegal component transition logs ERROR, yet nothing reaches stderr (NullHandler)."""
    code = (
        "import logging\n"
        "from injectq.components import Component, ComponentError\n"
        "class Worker(Component):\n"
        "    name = 'worker'\n"
        "worker = Worker()\n"
        "try:\n"
        "    worker.stop()\n"
        "except ComponentError:\n"
        "    print('refused')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert (done.stdout.strip(), done.stderr) == ("refused", "")
