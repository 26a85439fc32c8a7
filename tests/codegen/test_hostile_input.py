"""injectq-gen under hostile input: files edited mid-run, odd encodings, garbage, odd outputs."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from injectq_codegen import _pipeline
from injectq_codegen._write import OutputError, check_output

from .conftest import Run, run_cli

Gen = Callable[..., tuple[Path, Run]]
MakeProject = Callable[..., Path]

SERVICES = """\
from injectq import singleton


@singleton
class Clock:
    def __init__(self) -> None:
        pass
"""
SIMPLE = {"app/__init__.py": "", "app/services.py": SERVICES}
EXTRA = "\n\n@singleton\nclass Extra:\n    def __init__(self) -> None:\n        pass\n"


def test_file_edited_during_a_run_leaves_the_cache_stale(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An edit after parsing cannot make --check pass: cache and header describe what was read."""
    root = make_project(SIMPLE)
    services = root / "src" / "app" / "services.py"
    read_project = _pipeline.read_project

    def read_then_edit(*args: Any) -> Any:
        read = read_project(*args)
        services.write_text(SERVICES + EXTRA, encoding="utf-8")
        return read

    monkeypatch.setattr(_pipeline, "read_project", read_then_edit)
    config = str(root / "pyproject.toml")
    assert run_cli("--config", config).code == 0
    monkeypatch.undo()
    written = (root / "gen" / "container.py").read_text(encoding="utf-8")
    assert "Extra" not in written
    assert run_cli("--config", config, "--check").code == 1
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "pyproject.toml").write_text((root / "pyproject.toml").read_text(), encoding="utf-8")
    (clean / "src" / "app").mkdir(parents=True)
    (clean / "src" / "app" / "__init__.py").write_text("", encoding="utf-8")
    (clean / "src" / "app" / "services.py").write_text(SERVICES, encoding="utf-8")
    assert run_cli("--config", str(clean / "pyproject.toml"), "--no-cache").code == 0
    assert (clean / "gen" / "container.py").read_text(encoding="utf-8") == written


def _write_bytes(root: Path, name: str, data: bytes) -> None:
    path = root / "src" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def test_latin1_module_with_a_coding_line_is_read(make_project: MakeProject) -> None:
    """A module declaring ``coding: latin-1`` reads as Python reads it (PEP 263)."""
    root = make_project({"app/__init__.py": ""})
    source = "# -*- coding: latin-1 -*-\n" + SERVICES.replace(
        "class Clock:", 'class Clock:\n    """Horloge réglée."""'
    )
    _write_bytes(root, "app/services.py", source.encode("latin-1"))
    run = run_cli("--config", str(root / "pyproject.toml"), "--no-cache")
    assert run.code == 0, run.out + run.err
    assert "Clock" in (root / "gen" / "container.py").read_text(encoding="utf-8")


def test_utf8_module_with_a_byte_order_mark_is_read(make_project: MakeProject) -> None:
    """A UTF-8 module that starts with a BOM generates like any other."""
    root = make_project({"app/__init__.py": ""})
    _write_bytes(root, "app/services.py", b"\xef\xbb\xbf" + SERVICES.encode())
    assert run_cli("--config", str(root / "pyproject.toml"), "--no-cache").code == 0


@pytest.mark.parametrize(
    "garbage",
    [bytes(range(256)) * 8, b"\x89PNG\r\n\x1a\n" + bytes(64), "caf\xe9 = 1\n".encode("latin-1")],
    ids=["binary", "nul-bytes", "undeclared-latin1"],
)
def test_garbage_in_a_source_file_exits_2_naming_it(
    make_project: MakeProject, garbage: bytes
) -> None:
    """A .py file that is not source text is a tool error naming the file, not a traceback."""
    root = make_project(SIMPLE)
    _write_bytes(root, "app/blob.py", garbage)
    run = run_cli("--config", str(root / "pyproject.toml"), "--no-cache")
    assert run.code == 2
    assert "src/app/blob.py: not Python source" in run.err
    assert "Traceback" not in run.err + run.out
    assert not (root / "gen" / "container.py").exists()


def test_non_utf8_pyproject_exits_2_naming_it(tmp_path: Path) -> None:
    """A pyproject.toml that is not UTF-8 is a tool error naming the file."""
    config = tmp_path / "pyproject.toml"
    text = textwrap.dedent('[tool.injectq]\nscan = ["caf\xe9"]\n')
    config.write_bytes(text.encode("latin-1"))
    run = run_cli("--config", str(config))
    assert run.code == 2
    assert f"cannot read {config}" in run.err
    assert "Traceback" not in run.err


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_output_gets_the_mode_the_umask_allows(
    gen: Gen, umask: int, mode: int, tmp_path: Path
) -> None:
    """A new generated file is readable as a plain write under the same umask would be."""
    old = os.umask(umask)
    try:
        root, run = gen(SIMPLE)
    finally:
        os.umask(old)
    assert run.code == 0
    assert stat.S_IMODE((root / "gen" / "container.py").stat().st_mode) == mode


def test_regenerated_output_keeps_its_mode_and_is_replaced_whole(gen: Gen) -> None:
    """Regenerating keeps the file's mode and swaps in a new file, leaving no temporary file."""
    root, _ = gen(SIMPLE)
    output = root / "gen" / "container.py"
    output.chmod(0o640)
    output.write_text("# stale\n", encoding="utf-8")
    inode = output.stat().st_ino
    assert run_cli("--config", str(root / "pyproject.toml"), "--no-cache").code == 0
    assert stat.S_IMODE(output.stat().st_mode) == 0o640
    assert output.stat().st_ino != inode
    assert sorted(p.name for p in output.parent.iterdir()) == ["container.py"]


def test_output_that_is_a_fifo_is_refused_without_blocking(make_project: MakeProject) -> None:
    """A FIFO as --output exits 2 at once (the cache check must not open it) and stays a FIFO."""
    root = make_project(SIMPLE)
    fifo = root / "gen" / "container.py"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "injectq_codegen", "--config", str(root / "pyproject.toml")]
    for flags in ([], ["--check"]):
        done = subprocess.run(
            [*command, *flags],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 2, done.stderr
        assert "gen/container.py is a FIFO, not a regular file" in done.stderr
        assert "Traceback" not in done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_output_that_is_a_symlink_is_refused_and_left_alone(make_project: MakeProject) -> None:
    """A symbolic link as --output exits 2; neither the link nor its target changes."""
    root = make_project(SIMPLE)
    target = root / "elsewhere.py"
    target.write_text("# mine\n", encoding="utf-8")
    link = root / "gen" / "container.py"
    link.parent.mkdir()
    link.symlink_to(target)
    run = run_cli("--config", str(root / "pyproject.toml"), "--no-cache")
    assert run.code == 2
    assert "is a symbolic link" in run.err
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "# mine\n"


def test_device_and_directory_outputs_are_refused(tmp_path: Path) -> None:
    """The output guard names a device or a directory and refuses it (nothing is written)."""
    with pytest.raises(OutputError, match="character device"):
        check_output(Path(os.devnull), os.devnull)
    with pytest.raises(OutputError, match="a directory"):
        check_output(tmp_path, "gen")
    check_output(tmp_path / "absent.py", "absent.py")


def test_cache_file_that_is_a_fifo_is_ignored_without_blocking(make_project: MakeProject) -> None:
    """A FIFO where the cache lives neither blocks nor breaks a run: it is simply not used."""
    root = make_project(SIMPLE)
    cache = root / ".injectq-gen" / "cache.json"
    cache.parent.mkdir()
    os.mkfifo(cache)
    command = [sys.executable, "-m", "injectq_codegen", "--config", str(root / "pyproject.toml")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (root / "gen" / "container.py").is_file()
    assert stat.S_ISFIFO(os.lstat(cache).st_mode)
