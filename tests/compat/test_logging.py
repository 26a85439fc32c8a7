"""Diagnostics and components log on 0.5's child loggers of ``injectq``."""

from __future__ import annotations

import logging

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
