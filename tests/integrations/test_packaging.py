"""Integrations are optional: nothing is imported until asked, and a missing extra is named."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]  # 3.10 only

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORKS = ("fastapi", "starlette", "taskiq", "fastmcp")


def test_importing_injectq_and_its_integrations_package_imports_no_framework() -> None:
    """import injectq (and injectq.integrations) leaves every framework unimported."""
    probe = (
        "import sys, injectq, injectq.integrations; "
        f"print(sorted(m for m in {FRAMEWORKS!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("framework", ["fastapi", "taskiq", "fastmcp"])
def test_a_missing_framework_names_the_extra_to_install(
    monkeypatch: pytest.MonkeyPatch, framework: str
) -> None:
    """With the framework absent, importing its integration says which extra to install."""
    for name in {framework, *(m for m in sys.modules if m.partition(".")[0] == framework)}:
        monkeypatch.setitem(sys.modules, name, None)  # None in sys.modules: import fails
    monkeypatch.delitem(sys.modules, f"injectq.integrations.{framework}", raising=False)
    with pytest.raises(ImportError, match=rf'pip install "injectq\[{framework}\]"'):
        importlib.import_module(f"injectq.integrations.{framework}")


def test_the_integrations_package_reaches_each_name_lazily() -> None:
    """0.5's names are reachable from injectq.integrations; unknown names are not."""
    import injectq.integrations as integrations
    from injectq.integrations import fastapi, fastmcp, taskiq

    assert integrations.setup_fastapi is fastapi.setup_fastapi
    assert integrations.InjectAPI is fastapi.InjectFastAPI
    assert integrations.InjectTask is taskiq.InjectTaskiq
    assert integrations.InjectQMCPMiddleware is fastmcp.InjectQMCPMiddleware
    with pytest.raises(AttributeError):
        _ = integrations.setup_flask


def test_a_plain_install_depends_on_typing_extensions_only() -> None:
    """The frameworks are extras; the runtime's only dependency stays typing-extensions."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert [d.split(">")[0] for d in project["dependencies"]] == ["typing-extensions"]
    extras = project["optional-dependencies"]
    assert [extras[name][0].split(">")[0] for name in FRAMEWORKS if name != "starlette"] == [
        "fastapi",
        "taskiq",
        "fastmcp",
    ]


def test_the_public_functions_keep_their_05_signatures() -> None:
    """Parameter names and kinds as in 0.5, so keyword calls written for it still work."""
    import inspect
    from collections.abc import Callable

    from injectq.integrations import fastapi, fastmcp, taskiq

    def shape(function: Callable[..., object]) -> list[tuple[str, str]]:
        parameters = inspect.signature(function).parameters.values()
        return [(p.name, p.kind.name) for p in parameters]

    positional = "POSITIONAL_OR_KEYWORD"
    assert shape(fastapi.setup_fastapi) == [("container", positional), ("app", positional)]
    assert shape(taskiq.setup_taskiq) == [("container", positional), ("broker", positional)]
    assert shape(fastmcp.setup_mcp) == [("container", positional), ("mcp", positional)]
    for marker in (fastapi.InjectFastAPI, taskiq.InjectTaskiq, fastmcp.InjectMCP):
        assert shape(marker)[0] == ("interface", positional)
    assert shape(fastapi.InjectQRequestMiddleware) == [
        ("app", positional),
        ("container", "KEYWORD_ONLY"),
    ]
    assert shape(fastmcp.InjectQMCPMiddleware) == [("container", "KEYWORD_ONLY")]
    assert shape(fastapi.get_container_fastapi) == shape(fastmcp.get_container_mcp) == []
