"""A large source module is read in time and memory linear in its size, and reads the same as
when it is parsed whole: only statements that could declare or import are parsed up front."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import libcst as cst
import pytest

from injectq_codegen._config import load_config
from injectq_codegen._diagnostics import Diagnostics
from injectq_codegen._read import _parsed, _sources, _statements, read_project

from .conftest import Run, run_cli

MakeProject = Callable[..., Path]

HEAD = """\
from injectq import singleton


class Settings:
    def __init__(self) -> None:
        self.url = "sqlite://"


DEFAULT = Settings
"""
TAIL = """\


@singleton
class Store:
    def __init__(self, settings: DEFAULT) -> None:
        self.settings = settings


@singleton(1)
class Broken:
    pass
"""


def _filler(size: int) -> str:
    """Plain code that declares nothing: data, functions and a class nobody uses (and a form
    feed, which ``str.splitlines`` would count as a line break and Python does not)."""
    parts: list[str] = []
    total, i = 0, 0
    while total < size:
        numbers = ", ".join(str(n) for n in range(i, i + 12))
        part = (
            f"DATA_{i} = [{numbers}]\n\n\ndef helper_{i}(a: int, b: str = 'x') -> int:\n"
            f"    return a + len(b) * {i}\n\x0c\n\nclass Plain{i}:\n    size = {i}\n\n\n"
        )
        parts.append(part)
        total += len(part)
        i += 1
    return "".join(parts)


def _module(size: int) -> str:
    return HEAD + "\n\n" + _filler(size) + TAIL


def _one_literal(size: int) -> str:
    """One statement as large as the module: a data literal over many lines."""
    rows = [f"    ({i}, 'row {i}', {i}.5),\n" for i in range(size // 24)]
    return HEAD + "\n\nTABLE = [\n" + "".join(rows) + "]\n" + TAIL


@pytest.fixture
def parsed_texts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every text handed to libcst's module parser."""
    seen: list[str] = []
    parse = cst.parse_module

    def counting(source: str) -> cst.Module:
        seen.append(source)
        return parse(source)

    for module in (_sources, _parsed):
        monkeypatch.setattr(module.cst, "parse_module", counting)
    yield seen


def _generate(make_project: MakeProject, text: str) -> tuple[Path, Run]:
    root = make_project({"app/__init__.py": "", "app/big.py": text})
    return root, run_cli("--config", str(root / "pyproject.toml"), "--no-cache")


def test_large_module_parses_only_what_could_declare(
    make_project: MakeProject, parsed_texts: list[str]
) -> None:
    """In a 300 kB module, libcst parses the declarations and the names they use, no more."""
    text = _module(300_000)
    _, run = _generate(make_project, text)
    assert "big.py" in run.out and "IQ101" in run.out  # @singleton(1) found at the very end
    parsed = [len(source) for source in parsed_texts if source in text]
    assert 0 < sum(parsed) < 1_000
    assert "class Settings" in "".join(s for s in parsed_texts if s in text)


def test_large_module_reads_as_when_parsed_whole(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Split or whole, a large module gives the same findings, positions and container."""
    text = _module(200_000).replace("@singleton(1)\nclass Broken:\n    pass\n", "")
    text = text.replace("size = 7\n", "size = 7\n\n\n@singleton(2)\nclass Late:\n    pass\n")
    _, split = _generate(make_project, text)
    monkeypatch.setattr(_statements, "SPLIT_BYTES", 10**9)
    whole_root = tmp_path / "whole"
    whole_root.mkdir()
    (whole_root / "pyproject.toml").write_text(
        (tmp_path / "pyproject.toml").read_text(), encoding="utf-8"
    )
    (whole_root / "src" / "app").mkdir(parents=True)
    (whole_root / "src" / "app" / "__init__.py").write_text("", encoding="utf-8")
    (whole_root / "src" / "app" / "big.py").write_text(text, encoding="utf-8")
    whole = run_cli("--config", str(whole_root / "pyproject.toml"), "--no-cache")
    assert split == whole
    assert "src/app/big.py:" in split.out and "IQ101" in split.out
    fixed = text.replace("@singleton(2)", "@singleton")
    root, run = _generate(make_project, fixed)
    assert run.code == 0, run.out
    generated = (root / "gen" / "container.py").read_text(encoding="utf-8")
    assert "Store" in generated and "Late" in generated and "Settings" in generated


def _peak_reading(root: Path) -> int:
    config = load_config(root / "pyproject.toml")
    tracemalloc.start()
    try:
        read = read_project(config, Diagnostics())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert read.graph.lookup(next(iter(read.graph.snapshot()))) is not None
    return peak


@pytest.mark.parametrize("shape", [_module, _one_literal], ids=["statements", "one-literal"])
def test_reading_memory_grows_linearly_with_module_size(
    tmp_path: Path, shape: Callable[[int], str]
) -> None:
    """Doubling a large module at most doubles the reader's peak memory (plus slack)."""
    peaks = []
    for size in (150_000, 300_000):
        root = tmp_path / f"size_{size}"
        root.mkdir()
        (root / "pyproject.toml").write_text(
            '[tool.injectq]\nsource_roots = ["src"]\nscan = ["app"]\n', encoding="utf-8"
        )
        (root / "src" / "app").mkdir(parents=True)
        (root / "src" / "app" / "__init__.py").write_text("", encoding="utf-8")
        text = shape(size).replace("@singleton(1)", "@singleton")
        (root / "src" / "app" / "big.py").write_text(text, encoding="utf-8")
        peaks.append((_peak_reading(root), len(text)))
    (small, _), (large, large_size) = peaks
    assert large < small * 2.6
    assert large < 40 * large_size  # ~15 bytes a byte; a whole libcst tree costs ~250


TRICKY = '''\
"""Docstring."""
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.db import Database
else:
    Database = None

A = B = [1,
    2]
C: int = 3
D: int
doc = """
@singleton
class NotReal: pass
"""
x = 1; y = 2


async def fetch(): pass


@decorated
class Marked:
    pass


def uses(db=Inject(Database)): pass


class Plain(
    object,
):
    pass
try:
    import fast
except ImportError:
    fast = None
'''


def test_splitter_reads_statements_their_names_and_what_must_be_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Strings, brackets, decorators, else/except and ';' are split as Python reads them."""
    monkeypatch.setattr(_statements, "SPLIT_BYTES", 0)
    chunks = _statements.split_module(TRICKY)
    assert chunks is not None
    seen = [(c.first_line, c.eager, c.kind, c.names) for c in chunks]
    assert seen == [
        (2, True, "", ()),  # imports and the TYPE_CHECKING block, parsed up front
        (10, False, "alias", ("A", "B")),
        (12, False, "alias", ("C",)),
        (14, False, "alias", ("doc",)),
        (18, True, "", ()),  # two statements on one line
        (21, False, "def", ("fetch",)),
        (24, True, "", ()),  # a decorator, then an Inject default
        (32, False, "def", ("Plain",)),
        (36, True, "", ()),  # try: import
    ]
    lines = TRICKY.splitlines(keepends=True)
    for chunk in chunks:
        assert chunk.text.startswith(lines[chunk.first_line - 1])
        cst.parse_module(chunk.text)


LOOKUP = """

def handler(container: object) -> object:
    return container.get(Store)


async def fetch(container: object) -> object:
    return await container.aget(Settings)
"""


def test_lookups_in_lazily_parsed_statements_count_as_uses(
    make_project: MakeProject, parsed_texts: list[str]
) -> None:
    """``get``/``aget`` in functions of a large module, which declare nothing, are read like
    lookups anywhere else: each is a root at its own line."""
    text = _module(200_000).replace("@singleton(1)", "@singleton") + LOOKUP
    root = make_project({"app/__init__.py": "", "app/big.py": text})
    read = read_project(load_config(root / "pyproject.toml"), Diagnostics())
    lines = text.split("\n")  # as Python counts lines: a form feed is no line break
    get_line = lines.index("    return container.get(Store)") + 1
    aget_line = lines.index("    return await container.aget(Settings)") + 1
    found = {(str(r.key), r.location) for r in read.roots if r.key is not None}
    assert ("app.big.Store", f"get at src/app/big.py:{get_line}") in found
    assert ("app.big.Settings", f"aget at src/app/big.py:{aget_line}") in found
    assert sum(len(s) for s in parsed_texts if s in text) < 2_000  # the filler stays unparsed
