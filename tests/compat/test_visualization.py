"""0.5's DependencyVisualizer: DOT, JSON and ASCII output, statistics, cycles and paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from injectq import DependencyVisualizer, InjectQ
from injectq.diagnostics.visualization import VisualizationError, visualize_dependencies

from .services import CacheService, DatabaseService, OrderService, UserService

M = "tests.compat.services"


@pytest.fixture
def visualizer(container: InjectQ) -> DependencyVisualizer:
    container.bind(DatabaseService)
    container.bind(CacheService, scope="transient")
    container.bind(UserService)
    container.bind_factory(OrderService, OrderService)
    return DependencyVisualizer(container)


def test_dot_lists_nodes_then_edges(visualizer: DependencyVisualizer) -> None:
    """to_dot(): 0.5's header, one node per service with kind and scope, one edge per dependency."""
    assert visualizer.to_dot().splitlines() == [
        "digraph Dependencies {",
        "  rankdir=LR;",
        "  node [shape=box, style=rounded];",
        "",
        f'  "{M}.CacheService" [label="CacheService\\n(class)\\n[transient]", color=blue, '
        'style="rounded,dashed"];',
        f'  "{M}.DatabaseService" [label="DatabaseService\\n(class)\\n[singleton]", color=blue, '
        "penwidth=3];",
        f'  "{M}.OrderService" [label="OrderService\\n(factory)\\n[transient]", color=orange, '
        'style="rounded,dashed"];',
        f'  "{M}.UserService" [label="UserService\\n(class)\\n[singleton]", color=blue, '
        "penwidth=3];",
        "",
        f'  "{M}.OrderService" -> "{M}.UserService";',
        f'  "{M}.OrderService" -> "{M}.DatabaseService";',
        f'  "{M}.UserService" -> "{M}.DatabaseService";',
        f'  "{M}.UserService" -> "{M}.CacheService";',
        "}",
    ]


def test_dot_options_drop_labels_and_cluster_by_scope(visualizer: DependencyVisualizer) -> None:
    """include_scopes/include_types shorten labels; cluster_by_scope groups nodes by scope."""
    plain = visualizer.to_dot(include_scopes=False, include_types=False)
    assert f'"{M}.UserService" [label="UserService", color=blue' in plain
    clustered = visualizer.to_dot(cluster_by_scope=True)
    assert '  subgraph cluster_singleton {\n    label="Singleton Scope";\n    style=dashed;' in (
        clustered
    )
    assert "  subgraph cluster_transient {" in clustered


def test_json_has_nodes_edges_and_metadata(visualizer: DependencyVisualizer) -> None:
    """to_json(): 0.5's node fields, typed edges and totals."""
    data = visualizer.to_json()
    user = next(n for n in data["nodes"] if n["label"] == "UserService")
    assert user == {
        "id": f"{M}.UserService",
        "label": "UserService",
        "type": "binding",
        "scope": "singleton",
        "implementation": "UserService",
        "is_class": True,
        "is_instance": False,
        "dependencies": [f"{M}.DatabaseService", f"{M}.CacheService"],
    }
    assert {"from": f"{M}.UserService", "to": f"{M}.CacheService", "type": "dependency"} in (
        data["edges"]
    )
    assert data["metadata"] == {
        "total_services": 4,
        "total_dependencies": 4,
        "service_types": ["binding", "factory"],
        "scopes": ["singleton", "transient"],
    }


def test_ascii_lists_each_service_with_its_dependencies(visualizer: DependencyVisualizer) -> None:
    """to_ascii(): a titled block per service, sorted, dependencies by short name."""
    text = visualizer.to_ascii()
    assert text.startswith("=== Dependency Graph ===\n\nCacheService (binding, transient)\n")
    assert (
        "UserService (binding, singleton)\n--------------------------------\n"
        "Dependencies:\n  └─ CacheService\n  └─ DatabaseService\n" in text
    )
    assert "DatabaseService (binding, singleton)\n" + "-" * 36 + "\nNo dependencies\n" in text


def test_save_graph_writes_each_format(visualizer: DependencyVisualizer, tmp_path: Path) -> None:
    """save_graph writes dot, json and ascii as UTF-8 and rejects other formats."""
    for fmt, check in (
        ("dot", "digraph Dependencies {"),
        ("json", '"nodes"'),
        ("ascii", "└─ CacheService"),
    ):
        target = tmp_path / f"graph.{fmt}"
        visualizer.save_graph(str(target), format=fmt)
        assert check in target.read_text(encoding="utf-8")
    assert json.loads((tmp_path / "graph.json").read_text())["metadata"]["total_services"] == 4
    with pytest.raises(VisualizationError, match="Unknown format: svg"):
        visualizer.save_graph(str(tmp_path / "g.svg"), format="svg")


def test_statistics_count_services_and_dependencies(visualizer: DependencyVisualizer) -> None:
    """get_statistics(): 0.5's keys, with the busiest services by the user's keys."""
    stats = visualizer.get_statistics()
    assert stats["total_services"] == 4 and stats["total_dependencies"] == 4
    assert stats["average_dependencies"] == 1.0 and stats["max_dependencies"] == 2
    assert stats["services_by_type"] == {"binding": 3, "factory": 1}
    assert stats["services_by_scope"] == {"transient": 2, "singleton": 2}
    assert stats["most_depended_upon"][0] == (DatabaseService, 2)
    assert DependencyVisualizer().get_statistics() == {}


def test_dependency_path_is_shortest_chain(visualizer: DependencyVisualizer) -> None:
    """get_dependency_path walks breadth first; None when unreachable."""
    assert visualizer.get_dependency_path(OrderService, DatabaseService) == [
        OrderService,
        DatabaseService,
    ]
    assert visualizer.get_dependency_path(OrderService, CacheService) == [
        OrderService,
        UserService,
        CacheService,
    ]
    assert visualizer.get_dependency_path(DatabaseService, OrderService) is None
    assert visualizer.find_cycles() == []


def test_find_cycles_repeats_the_first_key(container: InjectQ) -> None:
    """A cycle is listed closed: first key again at the end."""
    container.bind_factory("a", lambda b: b)
    container.bind_factory("b", lambda a: a)
    assert DependencyVisualizer(container).find_cycles() == [["a", "b", "a"]]


def test_visualizer_without_container_raises() -> None:
    """Drawing needs a container; set_container provides one."""
    visualizer = DependencyVisualizer()
    with pytest.raises(VisualizationError, match="No container set for visualization"):
        visualizer.to_dot()
    container = InjectQ()
    container.bind(DatabaseService)
    visualizer.set_container(container)
    assert visualizer.container is container
    assert "DatabaseService" in visualizer.to_ascii()


def test_visualize_dependencies_returns_a_visualizer_of_the_container(
    container: InjectQ,
) -> None:
    """What container.visualize_dependencies() returns in 0.5."""
    visualizer = visualize_dependencies(container)
    assert isinstance(visualizer, DependencyVisualizer) and visualizer.container is container


def test_container_method_visualizes_its_own_graph(shop: InjectQ) -> None:
    """container.visualize_dependencies() (0.5's method) draws that container's bindings."""
    from examples.shop.db import ConnectionPool
    from examples.shop.db import DatabaseService as ShopDatabase

    visualizer = shop.visualize_dependencies()
    assert isinstance(visualizer, DependencyVisualizer) and visualizer.container is shop
    assert visualizer.get_dependency_path(ShopDatabase, ConnectionPool) == [
        ShopDatabase,
        ConnectionPool,
    ]


def test_named_and_dotted_string_keys_keep_their_whole_name(container: InjectQ) -> None:
    """A qualifier or a dot inside a string key is not mistaken for a module path."""
    container.bind(DatabaseService, DatabaseService, name="replica.eu")
    container.bind_instance("db.url", "sqlite://", allow_concrete=False)
    text = DependencyVisualizer(container).to_ascii()
    assert "DatabaseService[name='replica.eu'] (binding, singleton)" in text
    assert "db.url (binding, singleton)" in text
    dot = DependencyVisualizer(container).to_dot(include_types=False)
    assert f'"{M}.DatabaseService[name=\'replica.eu\']" [label="DatabaseService' in dot
