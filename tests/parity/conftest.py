"""Parity harness: one set of declarations, run on the runtime and on the generated container.

A test asks for ``build`` and gets a container of the mode it is parametrised with (``mode`` is
``"runtime"`` or ``"generated"``), built from the same source files: the runtime container imports
the app and installs its modules; the generated one is written by ``injectq-gen`` from the same
files and imported. Every assertion in a parity test therefore runs in both modes.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import io
import sys
import textwrap
import typing
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from injectq import InjectQ
from injectq._runtime.inject import INJECT_PLANS
from injectq_codegen._cli import main

PACKAGE = "app"
MODES = ("runtime", "generated")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "reflects: generated mode may introspect here (a class the generator never saw)",
    )


def _pyproject(modules: Sequence[str], inputs: Sequence[str], extra: str) -> str:
    listed = ", ".join(f'"{m}"' for m in modules)
    given = ", ".join(
        repr(i).replace("'", '"') if not i.startswith("'") else f'"{i}"' for i in inputs
    )
    return (
        textwrap.dedent(
            f"""\
        [tool.injectq]
        source_roots = ["src"]
        scan = ["{PACKAGE}"]
        modules = [{listed}]
        inputs = [{given}]
        output = "gen/container.py"
        """
        )
        + extra
    )


def write_project(root: Path, files: Mapping[str, str], pyproject: str) -> None:
    """Write the app's files under ``root/src`` and its generator configuration."""
    (root / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    for name, text in files.items():
        path = root / "src" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    init = root / "src" / PACKAGE / "__init__.py"
    if not init.exists():
        init.write_text("", encoding="utf-8")


def _import_app(root: Path) -> None:
    for file in sorted((root / "src" / PACKAGE).rglob("*.py")):
        parts = file.relative_to(root / "src").with_suffix("").parts
        importlib.import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))


def _module_object(spec: str) -> Any:
    module, _, attr = spec.partition(":")
    target = getattr(importlib.import_module(module), attr)
    return target() if isinstance(target, type) else target


class Builder:
    """Builds the container of one mode from source files (see the module docstring)."""

    def __init__(self, mode: str, root: Path) -> None:
        self.mode = mode
        self.root = root
        self.generated_module: Any = None

    def __call__(
        self,
        files: Mapping[str, str],
        modules: Sequence[str] = (),
        inputs: Sequence[str] = (),
        *,
        extra_config: str = "",
    ) -> InjectQ:
        write_project(self.root, files, _pyproject(modules, inputs, extra_config))
        if self.mode == "generated":
            code = main(["--config", str(self.root / "pyproject.toml"), "--no-cache"])
            assert code == 0, f"injectq-gen exited {code}"
        sys.path[:0] = [str(self.root / "src"), str(self.root / "gen")]
        importlib.invalidate_caches()
        if self.mode == "runtime":
            container = InjectQ()
            with container.context():
                _import_app(self.root)
                for spec in modules:
                    container.install(_module_object(spec))
            return container
        self.generated_module = importlib.import_module("container")
        container: InjectQ = self.generated_module.Container()
        return container

    def generate(
        self,
        files: Mapping[str, str],
        modules: Sequence[str] = (),
        inputs: Sequence[str] = (),
        *flags: str,
    ) -> tuple[int, str]:
        """Run ``injectq-gen`` on the files; its exit code and what it printed."""
        write_project(self.root, files, _pyproject(modules, inputs, ""))
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = main(["--config", str(self.root / "pyproject.toml"), "--no-cache", *flags])
        return code, out.getvalue()

    def app(self, name: str) -> Any:
        """An app module (``"services"`` -> ``app.services``)."""
        return importlib.import_module(f"{PACKAGE}.{name}")


_REFLECTION = (
    # behind signature, Signature.from_callable and getfullargspec
    (inspect, "_signature_from_callable"),
    (inspect, "signature"),
    (inspect, "getfullargspec"),
    (inspect, "get_annotations"),
    (typing, "get_type_hints"),
)


class Reflection(AssertionError):
    """Raised by the guard: injectq or a generated module reflected in generated mode."""


def _counted(frame: Any) -> bool:
    """Whether the caller is injectq itself or a generated module (not user code)."""
    module = frame.f_globals.get("__name__", "")
    top = module.partition(".")[0]
    return top == "injectq" or module == "container" or module.startswith("generated.")


@contextlib.contextmanager
def no_reflection() -> Iterator[None]:
    """Forbid every reflection API to injectq and generated modules for the duration."""
    originals = {(owner, name): getattr(owner, name) for owner, name in _REFLECTION}
    aliases: list[tuple[Any, str, Any]] = []

    def guard(real: Any) -> Any:
        def forbidden(*args: Any, **kwargs: Any) -> Any:
            if _counted(sys._getframe(1)):
                raise Reflection(f"{real.__name__} called in generated mode")
            return real(*args, **kwargs)

        return forbidden

    guards = {id(real): guard(real) for real in originals.values()}
    for (owner, name), real in originals.items():
        setattr(owner, name, guards[id(real)])
    for module_name, module in list(sys.modules.items()):  # names imported with from ... import
        if module is None or not module_name.startswith("injectq"):
            continue
        for attr, value in list(vars(module).items()):
            if id(value) in guards and value in originals.values():
                aliases.append((module, attr, value))
                setattr(module, attr, guards[id(value)])
    try:
        yield
    finally:
        for (owner, name), real in originals.items():
            setattr(owner, name, real)
        for module, attr, value in aliases:
            setattr(module, attr, value)


def xfail_in_generated(request: pytest.FixtureRequest, mode: str, reason: str) -> None:
    """Mark the generated-mode run of a parity test as an expected (strict) failure."""
    if mode == "generated":
        request.applymarker(pytest.mark.xfail(strict=True, reason=reason))


@pytest.fixture(params=MODES)
def mode(request: pytest.FixtureRequest) -> str:
    """The mode a parity test runs in."""
    return str(request.param)


@pytest.fixture(autouse=True)
def _isolated_inject_plans() -> Iterator[None]:
    """Generated modules register @inject plans by qualified name, and every test's app uses
    the same names: the plans a test registered are dropped after it."""
    saved = dict(INJECT_PLANS)
    try:
        yield
    finally:
        INJECT_PLANS.clear()
        INJECT_PLANS.update(saved)


@pytest.fixture
def build(mode: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Builder]:
    """Build a container of ``mode`` from source files; the app's modules are forgotten after."""
    before = set(sys.modules)
    path = list(sys.path)
    builder = Builder(mode, tmp_path)
    guarded = mode == "generated" and request.node.get_closest_marker("reflects") is None
    try:
        with no_reflection() if guarded else contextlib.nullcontext():
            yield builder
    finally:
        sys.path[:] = path
        for name in set(sys.modules) - before:
            if name == "container" or name == PACKAGE or name.startswith(PACKAGE + "."):
                del sys.modules[name]


@pytest.fixture
def generator(tmp_path: Path) -> Iterator[Builder]:
    """A builder in generated mode only, for behaviour the generator alone has."""
    before = set(sys.modules)
    path = list(sys.path)
    try:
        yield Builder("generated", tmp_path)
    finally:
        sys.path[:] = path
        for name in set(sys.modules) - before:
            if name == "container" or name == PACKAGE or name.startswith(PACKAGE + "."):
                del sys.modules[name]
