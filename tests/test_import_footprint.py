"""What a program loads: ``import injectq`` and a generated container import only what they use."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEVER = ("asyncio", "libcst", "jinja2", "injectq_codegen", "injectq.testing")
COMPILER = "injectq._runtime.compiler"


def _loaded(code: str, *watched: str) -> list[str]:
    """The modules among ``watched`` that a fresh interpreter running ``code`` has loaded."""
    probe = (  # sys.modules is read before json (which imports re, enum ...) loads
        f"{code}\nimport sys\n_found = [m for m in {watched!r} if m in sys.modules]\n"
        "import json\nprint(json.dumps(_found))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=ROOT,
    )
    found: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return sorted(found)


def test_import_injectq_loads_no_other_module_of_the_package() -> None:
    """``import injectq`` loads only the package and its context module; names load on use."""
    code = "import injectq\nimport sys\nprint(*sorted(m for m in sys.modules if 'injectq' in m))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["injectq", "injectq._current"]
    assert _loaded("import injectq", "typing", *NEVER, COMPILER) == []


def test_every_public_name_still_imports_from_the_package() -> None:
    """``from injectq import *`` binds every name of ``__all__`` (lazy ones included)."""
    code = "import injectq\nnamespace = {}\nexec('from injectq import *', namespace)\n"
    code += "assert all(name in namespace for name in injectq.__all__), 'missing'\n"
    assert _loaded(code, "injectq.testing") == ["injectq.testing"]


def test_class_decorators_reach_the_global_container_without_importing_it_first() -> None:
    """``@singleton`` used before anything imports ``InjectQ`` registers in the global one."""
    code = (
        "from injectq import singleton\n"
        "@singleton\nclass A: pass\n"
        "from injectq import InjectQ\n"
        "container = InjectQ.get_instance()\n"
        "assert container.get(A) is container.get(A)\n"
    )
    assert _loaded(code, "injectq._runtime.container") == ["injectq._runtime.container"]


def test_sync_generated_container_loads_no_compiler_asyncio_or_generator() -> None:
    """Importing a sync-only generated container and resolving its root loads none of them."""
    code = (
        "from generated.reports_container import Container\n"
        "from examples.reports.services import ReportService\n"
        "container = Container()\n"
        "container['report_title'] = 'Weekly'\n"
        "assert container.get(ReportService).report(['a'])\n"
    )
    unused = (COMPILER, "injectq._graph.validator", "typing_extensions", "dataclasses", "inspect")
    unused += ("linecache", "threading", "injectq._runtime.resolvers")
    unused += ("weakref", "_weakrefset")  # (weak references come from _weakref)
    assert _loaded(code, *NEVER, *unused) == []


def test_runtime_container_loads_the_compiler_when_it_resolves() -> None:
    """The runtime container compiles plans: the module the generated path skips loads there."""
    code = (
        "from injectq import InjectQ\n"
        "class A: pass\n"
        "container = InjectQ()\n"
        "container.bind(A, A)\n"
        "assert isinstance(container.get(A), A)\n"
    )
    assert _loaded(code, COMPILER, "asyncio") == [COMPILER]


def test_generated_container_compiles_a_key_it_does_not_supply() -> None:
    """A key the generated module does not supply goes to the compiler, which loads then."""
    code = (
        "from generated.reports_container import Container\n"
        "from injectq import DependencyNotFoundError\n"
        "class Extra: pass\n"
        "try:\n"
        "    Container().get(Extra)\n"
        "except DependencyNotFoundError as error:\n"
        "    assert 'Extra' in str(error)\n"
        "else:\n"
        "    raise SystemExit('resolved a key nothing binds')\n"
    )
    assert _loaded(code, COMPILER) == [COMPILER]


# The stdlib modules a sync generated container must not load for itself: only the hot modules
# (``scopes``, ``blocks``, ``dispatch``; see ``injectq._runtime.accel``) still import them.
HEAVY = (
    *("typing", "re", "enum", "contextlib", "collections", "functools", "dataclasses"),
    *("inspect", "importlib", "warnings", "asyncio", "threading", "logging"),
)
HOT = {"injectq._runtime.scopes", "injectq._runtime.blocks", "injectq._runtime.dispatch"}
SYNC_GENERATED = (
    "from injectq import _support as _iq\n"
    "class A: pass\n"
    "class B:\n"
    "    def __init__(self, a: A) -> None: self.a = a\n"
    "def wire(w: _iq.Wiring) -> None:\n"
    "    a_slot = []\n"
    "    def a() -> A:\n"
    "        if not a_slot: a_slot.append(A())\n"
    "        return a_slot[0]\n"
    "    w.provide(A, None, 'singleton', a, None)\n"
    "    w.provide(B, None, 'singleton', lambda: B(a()), None, args=(('a', A, None, True),))\n"
    "    w.expect(((B, ('a',), 1),), 'injectq-gen')\n"
    "    w.declare(modules=())\n"
    "class Container(_iq.GeneratedContainer):\n"
    "    wiring = staticmethod(wire)\n"
    "assert isinstance(Container().get(B).a, A)\n"
)
# Every module of the package the sync generated path loads (a compiled hot module counts as
# its pure one): a module added to this path shows here.
SYNC_PATH = {
    "injectq",
    "injectq._current",
    "injectq._declare",
    "injectq._errors",
    "injectq._graph",
    "injectq._log",
    "injectq._runtime",
    "injectq._runtime.accel",
    "injectq._runtime.activation",
    "injectq._runtime.blocks",
    "injectq._runtime.container",
    "injectq._runtime.dispatch",
    "injectq._runtime.frames",
    "injectq._runtime.generated",
    "injectq._runtime.keys",
    "injectq._runtime.locks",
    "injectq._runtime.overrides",
    "injectq._runtime.plans",
    "injectq._runtime.plantable",
    "injectq._runtime.rebinding",
    "injectq._runtime.registry",
    "injectq._runtime.scopes",
    "injectq._runtime.staleness",
    "injectq._runtime.stores",
    "injectq._runtime.wiring",
    "injectq._support",
    "injectq._where",
}


def _package_modules(code: str) -> set[str]:
    """The modules of the package a fresh interpreter running ``code`` has loaded."""
    probe = f"{code}\nimport sys\nprint(*sorted(m for m in sys.modules if m.startswith('injectq')))"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=ROOT,
    )
    found = set(done.stdout.split())
    found.discard("injectq._runtime._accel__mypyc")  # the compiled accelerator's shared library
    return {_pure_name(m) for m in found}


def _pure_name(module: str) -> str:
    """The pure module a compiled hot module stands for (``_blocks_c``: ``blocks``)."""
    package, _, leaf = module.rpartition(".")
    if leaf.startswith("_") and leaf.endswith("_c"):
        return f"{package}.{leaf[1:-2]}"
    return module


def _runtime_imports(module: str) -> set[str]:
    """The top-level modules ``module`` imports when it loads (not for type checking only)."""
    package = module if (ROOT / Path(*module.split("."), "__init__.py")).exists() else None
    path = ROOT / Path(*module.split(".")).with_suffix(".py")
    if package is not None:
        path = ROOT / Path(*module.split("."), "__init__.py")
    tree = ast.parse(path.read_text())
    found: set[str] = set()
    todo = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If):
            if not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
                todo.extend(node.body)
            todo.extend(node.orelse)
        elif isinstance(node, (ast.Try, ast.ClassDef)):
            todo.extend(node.body)
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_sync_generated_path_loads_a_known_set_of_package_modules() -> None:
    """A sync generated container, imported and resolved, loads exactly these modules of the
    package (no markers, no builder, no compiler, no failure explanation, no waiting)."""
    assert _package_modules(SYNC_GENERATED) == SYNC_PATH
    reports = (
        "from generated.reports_container import Container\n"
        "from examples.reports.services import ReportService\n"
        "container = Container()\n"
        "container['report_title'] = 'Weekly'\n"
        "assert container.get(ReportService).report(['a'])\n"
    )
    app = {"injectq._declare.markers", "injectq._declare.modules", "injectq._runtime.builder"}
    app |= {"injectq._graph.model", "injectq._graph.record"}  # a binding made at startup
    assert _package_modules(reports) <= SYNC_PATH | app  # what the app's modules import


def test_sync_generated_path_imports_no_heavy_stdlib_module_itself() -> None:
    """No module of the sync generated path but the hot ones imports ``typing``, ``re``,
    ``enum``, ``contextlib``, ``collections`` ... when it loads: their names are imported for
    type checking only, or inside the functions of the slow paths."""
    found = {
        (module, name)
        for module in sorted(SYNC_PATH - HOT)
        for name in _runtime_imports(module)
        if name in HEAVY
    }
    assert found == set()
    assert _loaded(SYNC_GENERATED, "dataclasses", "inspect", "asyncio", "threading") == []


def test_import_injectq_loads_no_heavy_stdlib_module() -> None:
    """``import injectq`` loads neither ``typing`` nor ``contextlib`` (nor what they import)."""
    assert _loaded("import injectq", *HEAVY) == []
