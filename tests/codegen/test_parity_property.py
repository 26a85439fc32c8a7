"""Property: for random valid graphs, the static and runtime readers and both containers agree."""

from __future__ import annotations

import contextlib
import importlib
import itertools
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from injectq import InjectQ

from .conftest import run_cli

_COUNTER = itertools.count()
LIFETIMES = ("singleton", "transient", "request")


@dataclass(frozen=True)
class Node:
    lifetime: str
    deps: tuple[int, ...]
    resource: bool
    named: bool


@st.composite
def graphs(draw: st.DrawFn) -> list[Node]:
    """Acyclic graphs with no scope leak: a singleton never reaches a request-scoped node."""
    nodes: list[Node] = []
    reaches_scoped: list[bool] = []
    for i in range(draw(st.integers(1, 6))):
        lifetime = draw(st.sampled_from(LIFETIMES))
        allowed = [j for j in range(i) if lifetime != "singleton" or not reaches_scoped[j]]
        deps = tuple(sorted(draw(st.sets(st.sampled_from(allowed), max_size=3)))) if allowed else ()
        resource = lifetime == "request" and draw(st.booleans())
        named = lifetime != "request" and draw(st.booleans())
        nodes.append(Node(lifetime, deps, resource, named))
        scoped = lifetime == "request" or (
            lifetime == "transient" and any(reaches_scoped[j] for j in deps)
        )
        reaches_scoped.append(scoped)
    return nodes


def _services(nodes: list[Node]) -> str:
    out = [
        "from __future__ import annotations\n\nfrom collections.abc import Iterator\n",
        "from typing import Annotated\n\n",
        "from injectq import Named, resource, scoped, singleton, transient\n\n",
        "EVENTS: list[str] = []\n",
    ]
    for i, node in enumerate(nodes):
        params = "".join(f", d{j}: C{j}" for j in node.deps)
        if node.named:
            params += f', alt: Annotated[C{node.deps[0]}, Named("alt")]' if node.deps else ""
        body = "".join(f"        self.d{j} = d{j}\n" for j in node.deps) or "        pass\n"
        if node.named and node.deps:
            body += "        self.alt = alt\n"
        decorator = "" if node.resource else f"@{node.lifetime}\n"
        decorator = '@scoped("request")\n' if decorator == "@request\n" else decorator
        out.append(f"\n\n{decorator}class C{i}:\n    def __init__(self{params}) -> None:\n{body}")
        if node.resource:
            args = ", ".join(f"d{j}: C{j}" for j in node.deps)
            call = ", ".join(f"d{j}" for j in node.deps)
            out.append(
                f'\n\n@resource("request")\ndef open_c{i}({args}) -> Iterator[C{i}]:\n'
                f'    EVENTS.append("open C{i}")\n    yield C{i}({call})\n'
                f'    EVENTS.append("close C{i}")\n'
            )
    return "".join(out)


def _modules(package: str, nodes: list[Node]) -> str:
    targets = sorted({n.deps[0] for n in nodes if n.named and n.deps})
    imports = "".join(f"from {package}.services import C{j}\n" for j in targets)
    chain = {"singleton": "singleton()", "transient": "transient()", "request": "scoped()"}
    binds = "".join(
        f'        self.bind(C{j}, C{j}, name="alt").{chain[nodes[j].lifetime]}\n' for j in targets
    )
    body = binds or "        pass\n"
    return (
        f"from injectq import Module\n{imports}\n\nclass M(Module):\n"
        f"    def configure(self) -> None:\n{body}"
    )


def _labels(results: list[Any]) -> list[int]:
    """Which objects are the same: each object (and each dependency) labelled by first sight."""
    seen: dict[int, int] = {}
    labels: list[int] = []

    def walk(obj: Any) -> None:
        labels.append(seen.setdefault(id(obj), len(seen)))
        for name in sorted(vars(obj)):
            walk(getattr(obj, name))

    for obj in results:
        walk(obj)
    return labels


def _run(container: Any, classes: list[type], requests: list[list[int]]) -> list[Any]:
    results: list[Any] = []
    for keys in requests:
        with container.scope("request"):
            results.extend(container.get(classes[k]) for k in keys)
    return results


@dataclass
class Project:
    root: Path
    package: str


def _write(tmp: Path, nodes: list[Node]) -> Project:
    package = f"parity_{next(_COUNTER)}_{id(nodes):x}"
    root = tmp / package
    src = root / "src" / package
    src.mkdir(parents=True)
    (src / "__init__.py").write_text("")
    (src / "services.py").write_text(_services(nodes))
    (src / "modules.py").write_text(_modules(package, nodes))
    (root / "pyproject.toml").write_text(
        textwrap.dedent(f"""\
            [tool.injectq]
            source_roots = ["src"]
            scan = ["{package}"]
            modules = ["{package}.modules:M"]
            output = "gen/{package}_container.py"
            report_unused = false
            """)
    )
    return Project(root, package)


@contextlib.contextmanager
def _imported(project: Project) -> Iterator[None]:
    """Make the project importable; forget its modules and paths afterwards."""
    path_before = list(sys.path)
    sys.path[:0] = [str(project.root / "src"), str(project.root / "gen")]
    try:
        yield
    finally:
        sys.path[:] = path_before
        _forget(project.package)


def _forget(package: str) -> None:
    for name in [n for n in sys.modules if n.startswith(package)]:
        del sys.modules[name]


@settings(max_examples=25, deadline=None)
@given(
    nodes=graphs(),
    requests=st.lists(st.lists(st.integers(0, 5), min_size=1, max_size=4), min_size=1, max_size=3),
)
def test_random_graphs_read_and_run_alike_in_both_modes(
    nodes: list[Node], requests: list[list[int]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Same graph both ways; same sharing, per-request scoping and cleanup order when run."""
    project = _write(tmp_path_factory.mktemp("parity"), nodes)
    requests = [[k % len(nodes) for k in keys] for keys in requests]
    run = run_cli("--config", str(project.root / "pyproject.toml"), "--no-cache")
    assert run.code == 0, run.out
    with _imported(project):
        static = run_cli("verify", "--config", str(project.root / "pyproject.toml"))
        assert static.code == 0, static.out
        _forget(project.package)  # verify imported it into its own container
        with InjectQ.test_mode() as runtime:
            services = importlib.import_module(f"{project.package}.services")
            modules = importlib.import_module(f"{project.package}.modules")
            runtime.install_module(modules.M())
            classes = [getattr(services, f"C{i}") for i in range(len(nodes))]
            services.EVENTS.clear()
            runtime_results = _run(runtime, classes, requests)
            runtime_events = list(services.EVENTS)
        generated = importlib.import_module(f"{project.package}_container").Container()
        services.EVENTS.clear()
        generated_results = _run(generated, classes, requests)
        assert _labels(generated_results) == _labels(runtime_results)
        assert runtime_events == services.EVENTS
