"""The wheel ships the templates inside ``injectq_codegen``, where the generator finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = "injectq_codegen/templates/container.py.j2"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from the working tree (build isolation fetches the build backend)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (found,) = out.glob("injectq-*.whl")
    return found


def test_wheel_carries_the_templates(wheel: Path) -> None:
    """The template is packaged byte for byte under injectq_codegen/templates."""
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read(TEMPLATE)
    assert shipped == (ROOT / "templates" / "container.py.j2").read_bytes()


def test_installed_generator_finds_its_packaged_templates(wheel: Path, tmp_path: Path) -> None:
    """Unpacked as site-packages, the generator reads the templates from inside the package."""
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path)
    code = "from injectq_codegen._render import template_dir; print(template_dir())"
    done = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(tmp_path)!r}); {code}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert Path(done.stdout.strip()) == tmp_path / "injectq_codegen" / "templates"
