"""Property: for random valid graphs, the static and runtime readers and both containers agree.

Both containers run the same requests and must agree on sharing (singletons across requests,
request-scoped within one block, fresh transients), on the error of a failing constructor (type,
first line, cause), on the order generator resources open and close, and on ``override``: the fake
reaches every dependant inside the block and nothing of it remains afterwards.
"""

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

from injectq import InjectionError, InjectQ

from .conftest import run_cli

_COUNTER = itertools.count()
LIFETIMES = ("singleton", "transient", "request")


@dataclass(frozen=True)
class Node:
    lifetime: str
    deps: tuple[int, ...]
    resource: bool
    named: bool
    fails: bool


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
        fails = draw(st.sampled_from((False, False, False, True)))
        nodes.append(Node(lifetime, deps, resource, named, fails))
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
        if node.fails:
            body += f'        raise ValueError("C{i} refuses")\n'
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


class Fake:
    """The stand-in given to ``override``: no attributes, recognised by identity."""


@dataclass(frozen=True)
class Failure:
    """What a ``get`` raised: type, first line and the type of its cause."""

    kind: str
    first_line: str
    cause: str


def _labels(results: list[Any]) -> list[Any]:
    """Which objects are the same: each object (and each dependency) labelled by first sight."""
    seen: dict[int, int] = {}
    labels: list[Any] = []

    def walk(obj: Any) -> None:
        if isinstance(obj, Failure):
            labels.append(obj)
            return
        labels.append(seen.setdefault(id(obj), len(seen)))
        for name in sorted(vars(obj)):
            walk(getattr(obj, name))

    for obj in results:
        walk(obj)
    return labels


def _reaches(obj: Any, target: object) -> bool:
    """Whether ``target`` is ``obj`` or one of its (transitive) dependencies."""
    if obj is target:
        return True
    return not isinstance(obj, Failure) and any(_reaches(v, target) for v in vars(obj).values())


def _get(container: Any, cls: type) -> Any:
    try:
        return container.get(cls)
    except Exception as exc:  # what was raised is the result compared
        first_line = str(exc).splitlines()[0] if str(exc) else ""
        return Failure(type(exc).__name__, first_line, type(exc.__cause__).__name__)


def _run(container: Any, classes: list[type], requests: list[list[int]]) -> list[Any]:
    results: list[Any] = []
    for keys in requests:
        with container.scope("request"):
            results.extend(_get(container, classes[k]) for k in keys)
    return results


def _dependants(nodes: list[Node], target: int) -> list[int]:
    """``target`` and every node that reaches it through its dependencies."""
    reached = {target}
    for i, node in enumerate(nodes):
        if any(j in reached for j in node.deps):
            reached.add(i)
    return sorted(reached)


def _exercise(
    container: Any, classes: list[type], requests: list[list[int]], target: int
) -> tuple[list[Any], list[Any]]:
    """Requests before, inside and after an override of ``target``; results inside, all results."""
    before = _run(container, classes, requests)
    fake = Fake()
    with container.override(classes[target], fake):
        inside = _run(container, classes, [[*keys, target] for keys in requests])
    after = _run(container, classes, requests)
    assert not any(_reaches(obj, fake) for obj in before + after)
    return inside, before + inside + after


def _assert_override_reaches_dependants(
    nodes: list[Node], classes: list[type], container: Any, target: int
) -> None:
    """Inside the block every dependant that builds holds the fake; afterwards none does."""
    fake = Fake()
    dependants = _dependants(nodes, target)
    with container.override(classes[target], fake), container.scope("request"):
        inside = [_get(container, classes[i]) for i in dependants]
    assert inside[0] is fake
    assert all(_reaches(obj, fake) for obj in inside if not isinstance(obj, Failure))
    with container.scope("request"):
        after = [_get(container, classes[i]) for i in dependants]
    assert not any(_reaches(obj, fake) for obj in after)


def _assert_failures_as_in_0_5(results: list[Any]) -> None:
    """A constructor that raises surfaces as InjectionError, chained to the ValueError."""
    for failure in (obj for obj in results if isinstance(obj, Failure)):
        assert failure.kind == InjectionError.__name__
        assert failure.first_line.startswith(("Failed to instantiate", "Failed to invoke"))
        assert failure.cause == ValueError.__name__


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


def _run_both(project: Project, nodes: list[Node], requests: list[list[int]], target: int) -> None:
    """Run the same requests on the runtime and the generated container and compare."""
    with InjectQ.test_mode() as runtime:
        services = importlib.import_module(f"{project.package}.services")
        modules = importlib.import_module(f"{project.package}.modules")
        runtime.install_module(modules.M())
        classes = [getattr(services, f"C{i}") for i in range(len(nodes))]
        services.EVENTS.clear()
        runtime_inside, runtime_results = _exercise(runtime, classes, requests, target)
        runtime_events = list(services.EVENTS)
        _assert_override_reaches_dependants(nodes, classes, runtime, target)
    generated = importlib.import_module(f"{project.package}_container").Container()
    services.EVENTS.clear()
    generated_inside, generated_results = _exercise(generated, classes, requests, target)
    assert _labels(generated_results) == _labels(runtime_results)
    assert _labels(generated_inside) == _labels(runtime_inside)
    assert runtime_events == services.EVENTS
    _assert_failures_as_in_0_5(runtime_results + generated_results)
    _assert_override_reaches_dependants(nodes, classes, generated, target)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    nodes=graphs(),
    requests=st.lists(st.lists(st.integers(0, 5), min_size=1, max_size=4), min_size=1, max_size=3),
    target=st.integers(0, 5),
)
def test_random_graphs_read_and_run_alike_in_both_modes(
    nodes: list[Node],
    requests: list[list[int]],
    target: int,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Same graph both ways: same sharing, errors, cleanup order and override reach when run."""
    project = _write(tmp_path_factory.mktemp("parity"), nodes)
    requests = [[k % len(nodes) for k in keys] for keys in requests]
    target %= len(nodes)
    run = run_cli("--config", str(project.root / "pyproject.toml"), "--no-cache")
    assert run.code == 0, run.out
    with _imported(project):
        static = run_cli("verify", "--config", str(project.root / "pyproject.toml"))
        assert static.code == 0, static.out
        _forget(project.package)  # verify imported it into its own container
        _run_both(project, nodes, requests, target)
