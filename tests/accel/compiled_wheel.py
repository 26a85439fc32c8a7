"""Build the compiled wheel and check it (``make wheel-compiled``; CI runs it after the suite).

The wheel is built as a release would be (``HATCH_BUILD_HOOK_ENABLE_CUSTOM=true python -m build
--wheel``, build isolation fetching mypy and setuptools), then unpacked as site-packages: it must
be a platform wheel carrying the compiled modules and no build-time copy, a fresh interpreter
must run the compiled modules from it, and ``INJECTQ_PURE=1`` must still choose the pure ones.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from build_accel import HOT_MODULES

ROOT = Path(__file__).resolve().parents[2]
HOT = HOT_MODULES
SMOKE = """
import asyncio, sys
sys.path.insert(0, SITE)
import injectq
from injectq import InjectQ
from injectq._runtime import accel
assert injectq.__file__.startswith(SITE), injectq.__file__
c = InjectQ()
c.bind_instance(str, "ready")
with c.scope("request") as state:
    assert c.get(str) == "ready" and asyncio.run(c.aget(str)) == "ready"
assert state.closed
print(accel.compiled())
"""


def build_wheel(out: Path) -> Path:
    """The compiled wheel of the working tree, built into ``out``."""
    env = os.environ | {"HATCH_BUILD_HOOK_ENABLE_CUSTOM": "true"}
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        env=env,
        timeout=900,
    )
    (wheel,) = out.glob("injectq-*.whl")
    return wheel


def check(wheel: Path, site: Path) -> None:
    """Raise AssertionError unless ``wheel`` is a working compiled wheel."""
    assert not wheel.name.endswith("-none-any.whl"), f"{wheel.name} is not a platform wheel"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(site)
    for name in HOT:
        assert f"injectq/_runtime/{name}.py" in names, f"the pure {name} module is missing"
        assert f"injectq/_runtime/_{name}_c.py" not in names, "a build-time copy shipped"
        assert any(n.startswith(f"injectq/_runtime/_{name}_c.") for n in names), name
    for pure, expected in (("", "True"), ("1", "False")):
        env = {k: v for k, v in os.environ.items() if k != "INJECTQ_PURE"}
        if pure:
            env["INJECTQ_PURE"] = pure
        done = subprocess.run(
            [sys.executable, "-I", "-c", f"SITE = {str(site)!r}\n{SMOKE}"],
            capture_output=True,
            text=True,
            cwd=site,
            env=env,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.split() == [expected], (pure, done.stdout)


def main() -> int:
    """Build, check, report."""
    with tempfile.TemporaryDirectory(prefix="injectq-wheel-") as temp:
        wheel = build_wheel(Path(temp) / "dist")
        check(wheel, Path(temp) / "site")
        print(f"compiled wheel OK: {wheel.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
