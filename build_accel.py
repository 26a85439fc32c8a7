"""Build the compiled accelerator: the hot modules of ``injectq._runtime``, compiled by mypyc.

``python build_accel.py`` (what ``make`` runs once per environment) builds it in place, next to
the sources; the pure modules stay and ``INJECTQ_PURE=1`` still chooses them. As a hatch build
hook (``HATCH_BUILD_HOOK_ENABLE_CUSTOM=true python -m build --wheel``) it builds a platform wheel
carrying the compiled modules; without that variable a wheel is pure Python and needs no
compiler.

Each hot module ``X.py`` is compiled from a copy named ``_X_c.py`` (removed afterwards), so
the compiled module never shadows the pure one. A copy imports the other hot modules' copies
(``from .blocks import`` becomes ``from ._blocks_c import``): calls between them are native.
mypy, setuptools and a C compiler are needed at build time only.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
PACKAGE = "injectq._runtime"
HOT_MODULES = ("blocks", "dispatch")  # the same list as injectq/_runtime/accel.py
GROUP = f"{PACKAGE}._accel"  # the shared library every compiled module links to
_MYPY_FLAGS = ("--config-file=", "--follow-imports=silent", "--ignore-missing-imports")


def digest(source: Path) -> str:
    """What a compiled module records of the source it was compiled from (``BUILT_FROM``)."""
    return hashlib.sha256(source.read_bytes()).hexdigest()


def _copies() -> list[Path]:
    """The copies mypyc compiles, each ending with the digest of its source."""
    runtime = ROOT.joinpath(*PACKAGE.split("."))
    copies = []
    for name in HOT_MODULES:
        source, copy = runtime / f"{name}.py", runtime / f"_{name}_c.py"
        text = source.read_text(encoding="utf-8")
        for other in HOT_MODULES:
            text = text.replace(f"from .{other} import", f"from ._{other}_c import")
        copy.write_text(f'{text}\n\nBUILT_FROM = "{digest(source)}"\n', encoding="utf-8")
        copies.append(copy)
    return copies


def build(build_lib: Path | None) -> list[Path]:
    """Compile the hot modules into ``build_lib`` (None: in place); the files it wrote."""
    from mypyc.build import mypycify
    from setuptools import Distribution

    cwd = Path.cwd()
    copies = _copies()
    try:
        os.chdir(ROOT)  # the copies' module names are found from here
        with tempfile.TemporaryDirectory(prefix="injectq-accel-") as temp:
            extensions = mypycify(
                # `make typecheck` holds the package to mypy --strict; here only the copies'
                # types matter, whatever the build environment has installed.
                [*_MYPY_FLAGS, *(str(copy.relative_to(ROOT)) for copy in copies)],
                opt_level="3",
                group_name=GROUP,
                target_dir=os.path.join(temp, "c"),
            )
            dist = Distribution({"name": "injectq-accel", "ext_modules": extensions})
            command: Any = dist.get_command_obj("build_ext")
            command.build_temp = os.path.join(temp, "obj")
            command.build_lib = str(build_lib or os.path.join(temp, "lib"))
            command.inplace = build_lib is None
            dist.run_command("build_ext")
            return [Path(path) for path in command.get_outputs()]
    finally:
        os.chdir(cwd)
        for copy in copies:
            copy.unlink()


try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # only the wheel build has hatchling
    pass
else:

    class AcceleratorBuildHook(BuildHookInterface):  # type: ignore[type-arg]  # any builder
        """Compile the accelerator into the wheel (a platform wheel)."""

        PLUGIN_NAME = "custom"

        _out: str | None = None

        def initialize(self, version: str, build_data: dict[str, Any]) -> None:
            if self.target_name != "wheel" or version == "editable":
                return
            self._out = out = tempfile.mkdtemp(prefix="injectq-accel-wheel-")
            for path in build(Path(out)):
                build_data["force_include"][str(path)] = path.relative_to(out).as_posix()
            build_data["pure_python"] = False
            build_data["infer_tag"] = True

        def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
            if self._out is not None:
                shutil.rmtree(self._out, ignore_errors=True)


def main() -> int:
    """Build in place (``make``); the exit status tells whether it worked."""
    for path in build(None):
        print(f"built {PACKAGE.replace('.', '/')}/{path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
