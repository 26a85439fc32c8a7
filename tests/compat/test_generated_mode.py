"""Diagnostics on a generated container: the same answers as at runtime, without reflection."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import injectq._runtime.inject
import injectq._runtime.introspect
from injectq import DependencyValidator, DependencyVisualizer, InjectQ

ROOT = Path(__file__).resolve().parents[2]

_SETUP = {
    "shop": """
        from examples.shop.modules import CacheProviders, ProductionModule
        import examples.shop.app
        container.install(ProductionModule())
        container.install(CacheProviders())
    """,
    "notes": """
        import examples.notes.handlers
    """,
    "reports": """
        from examples.reports.modules import ClockProviders, FormatterModule
        import examples.reports.services
        container.bind_instance("report_title", "Weekly sales", allow_concrete=False)
        container.install(FormatterModule())
        container.install(ClockProviders())
    """,
}

_DRAW = """
import json
from injectq import InjectQ, DependencyValidator, DependencyVisualizer
container = InjectQ.get_instance()
{setup}
visualizer = DependencyVisualizer(container)
print(json.dumps({{
    "mode": type(container).__name__,
    "dot": visualizer.to_dot(cluster_by_scope=True),
    "ascii": visualizer.to_ascii(),
    "json": visualizer.to_json(),
    "stats": visualizer.get_statistics()["services_by_scope"],
    "valid": str(DependencyValidator(container).validate()),
}}))
"""


def _draw(example: str, generated: bool) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "INJECTQ_CONTAINER"}
    if generated:
        env["INJECTQ_CONTAINER"] = f"generated.{example}_container:Container"
    code = _DRAW.format(setup=textwrap.dedent(_SETUP[example]))
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize("example", sorted(_SETUP))
def test_example_graph_draws_the_same_in_both_modes(example: str) -> None:
    """Each example's DOT, JSON, ASCII, scope counts and validation agree between modes."""
    runtime, generated = _draw(example, generated=False), _draw(example, generated=True)
    assert (runtime.pop("mode"), generated.pop("mode")) == ("InjectQ", "Container")
    assert runtime == generated
    assert generated["valid"] == "✅ Validation passed"
    assert "(binding, " in str(generated["ascii"])


@pytest.fixture
def generated_shop() -> Iterator[InjectQ]:
    from generated.shop_container import Container

    container = Container()
    container.has(InjectQ)  # wire it (imports the shop's modules) before reflection is banned
    yield container
    container.close()


@pytest.fixture
def no_reflection(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(obj: object) -> object:
        raise AssertionError(f"reflected on {obj!r}")

    for module in (injectq._runtime.inject, injectq._runtime.introspect):  # registry reads it
        monkeypatch.setattr(module, "params_of", forbidden)


@pytest.mark.usefixtures("no_reflection")
def test_generated_container_graph_is_read_without_reflection(generated_shop: InjectQ) -> None:
    """Validator and visualizer read the generated registrations, never signatures."""
    from examples.shop.db import ConnectionPool, DatabaseService, Session
    from examples.shop.services import OrderService

    assert DependencyValidator(generated_shop).validate().is_valid
    visualizer = DependencyVisualizer(generated_shop)
    assert visualizer.get_dependency_path(OrderService, ConnectionPool) == [
        OrderService,
        Session,
        DatabaseService,
        ConnectionPool,
    ]
    node = next(n for n in visualizer.to_json()["nodes"] if n["label"] == "ConnectionPool")
    assert (node["type"], node["scope"]) == ("factory", "singleton")
    assert json.dumps(visualizer.to_json())  # every value serialises


@pytest.mark.usefixtures("no_reflection")
def test_generated_dependency_graph_is_keyed_by_the_shop_types(generated_shop: InjectQ) -> None:
    """get_dependency_graph on a generated container maps each shop type to its dependencies."""
    from examples.shop.config import DatabaseConfig
    from examples.shop.db import ConnectionPool, DatabaseService
    from examples.shop.events import EventLog

    graph = DependencyValidator(generated_shop).get_dependency_graph()
    assert graph[DatabaseService] == {ConnectionPool}
    assert graph[ConnectionPool] == {DatabaseConfig, EventLog}


def test_component_resolves_its_requirements_from_a_generated_container(
    generated_shop: InjectQ,
) -> None:
    """A component started against a generated container gets the generated singletons."""
    from examples.shop.events import EventLog
    from injectq import Component, ComponentRegistry, ComponentState

    class AuditComponent(Component):
        name = "audit"
        requires = [EventLog]  # noqa: RUF012 - 0.5 declares components this way

    registry = ComponentRegistry()
    registry.register(AuditComponent)
    audit = registry.create_instance("audit", generated_shop)
    audit.start()
    assert audit.state is ComponentState.STARTED
    assert audit.resolve_dependency(EventLog) is generated_shop.get(EventLog)


def test_profiler_hook_records_generated_resolutions(
    generated_shop: InjectQ, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The resolution hook works the same when the container resolving is generated."""
    from examples.shop.events import EventLog
    from injectq import DependencyProfiler

    observers: list[object] = []
    monkeypatch.setattr(
        InjectQ, "_set_resolution_observer", staticmethod(observers.append), raising=False
    )
    with DependencyProfiler() as profiler:
        hook = observers[-1]
        for _ in range(2):
            hook.begin_resolution(EventLog)  # type: ignore[attr-defined]
            generated_shop.get(EventLog)
            hook.end_resolution(EventLog, True)  # type: ignore[attr-defined]
    assert [m.service_type for m in profiler.get_metrics()] == [EventLog, EventLog]
    assert observers[-1] is None
