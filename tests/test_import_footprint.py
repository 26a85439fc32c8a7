"""What a program loads: ``import injectq`` and a generated container import only what they use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEVER = ("asyncio", "libcst", "jinja2", "injectq_codegen", "injectq.testing")
COMPILER = "injectq._runtime.compiler"


def _loaded(code: str, *watched: str) -> list[str]:
    """The modules among ``watched`` that a fresh interpreter running ``code`` has loaded."""
    probe = (
        f"{code}\nimport json, sys\nprint(json.dumps([m for m in {watched!r} if m in sys.modules]))"
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
