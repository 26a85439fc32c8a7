"""The wheel ships the templates inside ``injectq_codegen``, where the generator finds them."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from injectq_codegen._templates import template_dir

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


def test_the_default_wheel_is_pure_python(wheel: Path) -> None:
    """Without the accelerator's build hook the wheel needs no compiler and runs anywhere."""
    assert wheel.name.endswith("-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "injectq/_runtime/dispatch.py" in names
    assert not [name for name in names if name.endswith((".so", ".pyd", "_c.py"))]


def test_installed_generator_finds_its_packaged_templates(wheel: Path, tmp_path: Path) -> None:
    """Unpacked as site-packages, the generator reads the templates from inside the package."""
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path)
    code = "from injectq_codegen._templates import template_dir; print(template_dir())"
    done = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(tmp_path)!r}); {code}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert Path(done.stdout.strip()) == tmp_path / "injectq_codegen" / "templates"


def test_installed_generator_generates_from_the_wheel_alone(wheel: Path, tmp_path: Path) -> None:
    """Every stage (the _read and _plan packages included) ships: a project generates."""
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    project = tmp_path / "project"
    (project / "app").mkdir(parents=True)
    (project / "app" / "__init__.py").write_text("", encoding="utf-8")
    (project / "app" / "clock.py").write_text(
        "from injectq import singleton\n\n\n@singleton\nclass Clock:\n"
        "    def __init__(self) -> None:\n        pass\n",
        encoding="utf-8",
    )
    (project / "pyproject.toml").write_text(
        '[tool.injectq]\nscan = ["app"]\noutput = "gen/container.py"\n', encoding="utf-8"
    )
    code = "from injectq_codegen._cli import main; raise SystemExit(main(['--no-cache']))"
    done = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {code}"],
        capture_output=True,
        text=True,
        cwd=project,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    written = (project / "gen" / "container.py").read_text(encoding="utf-8")
    assert "w.provide(\n        Clock,\n" in written and 'location="app.clock:Clock"' in written


def _layout(root: Path, pyproject: str | None, stray: bool) -> Path:
    package = root / "injectq_codegen"
    for folder in (root / "templates", package / "templates"):
        folder.mkdir(parents=True)
        (folder / "container.py.j2").write_text("{# template #}\n", encoding="utf-8")
    if not stray:
        shutil.rmtree(package / "templates")
    if pyproject is not None:
        (root / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    return package


def test_checkout_uses_the_top_level_templates_even_beside_a_packaged_copy(tmp_path: Path) -> None:
    """In injectq's own checkout the loader reads templates/, never a stray package copy."""
    package = _layout(tmp_path, '[project]\nname = "injectq"\n', stray=True)
    assert template_dir(package) == tmp_path / "templates"


def test_installed_package_uses_its_own_templates_beside_another_project(tmp_path: Path) -> None:
    """Installed next to some other project's pyproject.toml, the packaged copy is used."""
    package = _layout(tmp_path, '[project]\nname = "shop"\n', stray=True)
    assert template_dir(package) == package / "templates"


def test_missing_templates_name_the_one_place_looked_at(tmp_path: Path) -> None:
    """With no templates where the layout puts them, the error names that folder."""
    package = _layout(tmp_path, None, stray=False)
    with pytest.raises(FileNotFoundError, match="installed package"):
        template_dir(package)


def test_checking_from_the_wheel_inside_a_checkout_ignores_the_checkouts_injectq(
    wheel: Path, tmp_path: Path
) -> None:
    """An edit to a checkout's own injectq/ (not the installed one) leaves --check passing."""
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    project = tmp_path / "checkout"
    (project / "app").mkdir(parents=True)
    (project / "injectq").mkdir()
    checkout_init = project / "injectq" / "__init__.py"  # the checkout's own runtime package
    checkout_init.write_text('__version__ = "0.6.0"\n', encoding="utf-8")
    (project / "app" / "__init__.py").write_text("", encoding="utf-8")
    (project / "app" / "clock.py").write_text(
        "from injectq import singleton\n\n\n@singleton\nclass Clock:\n"
        "    def __init__(self) -> None:\n        pass\n",
        encoding="utf-8",
    )
    (project / "pyproject.toml").write_text(
        '[tool.injectq]\nscan = ["app"]\noutput = "gen/container.py"\n', encoding="utf-8"
    )

    def run(*flags: str) -> subprocess.CompletedProcess[str]:
        code = f"from injectq_codegen._cli import main; raise SystemExit(main({list(flags)!r}))"
        return subprocess.run(
            [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {code}"],
            capture_output=True,
            text=True,
            cwd=project,
            timeout=300,
        )

    assert run("--no-cache", "-q").returncode == 0
    checkout_init.write_text('__version__ = "0.6.0"  # edited\n', encoding="utf-8")
    checked = run("--no-cache", "--check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
