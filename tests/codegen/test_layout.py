"""The generated module's layout: what ``ruff format`` prints, at its default line length and at
this project's, checked with ruff itself and with the layout stage's own rules."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from injectq_codegen._plan._layout import lay_out
from injectq_codegen._plan._quotes import quoted
from injectq_codegen._synthetic import write_project

from .conftest import GOLDEN, Run, run_cli

ROOT = Path(__file__).resolve().parents[2]
GENERATED = sorted([*GOLDEN.glob("*/expected.py"), *(ROOT / "generated").glob("*.py")])
Gen = Callable[..., tuple[Path, Run]]


def _ruff(*args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "ruff", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def _module(body: str) -> str:
    return textwrap.dedent(body).lstrip("\n")


@pytest.mark.parametrize("length", [88, 100])
def test_generated_modules_are_ruff_formatted_at_both_line_lengths(length: int) -> None:
    """Every golden module and committed container is what ruff format prints, at 88 and 100."""
    run = _ruff("format", "--check", "--isolated", "--line-length", length, *GENERATED)
    assert run.returncode == 0, run.stdout + run.stderr


LINT = ("--select", "E,F,W,I,UP,B,SIM,RUF,PGH", "--line-length", "88")  # long lines too


def test_generated_modules_pass_ruff_check() -> None:
    """Every golden module and committed container passes ruff check, line lengths included."""
    run = _ruff("check", "--isolated", *LINT, *GENERATED)
    assert run.returncode == 0, run.stdout + run.stderr


def test_a_statement_that_fits_stays_on_one_line() -> None:
    """A statement within 88 columns is left on its line."""
    text = "def wire(w):\n    w.provide(Clock, None, 'transient', clock)\n"
    assert lay_out(text) == 'def wire(w):\n    w.provide(Clock, None, "transient", clock)\n'


def test_a_long_call_explodes_one_argument_per_line_with_a_trailing_comma() -> None:
    """A call over 88 columns puts each argument on its own line, ending in a magic comma."""
    args = ", ".join(f"argument_number_{i}" for i in range(6))
    laid = lay_out(f"value = build({args})\n")
    expected = "value = build(\n" + "".join(f"    argument_number_{i},\n" for i in range(6))
    assert laid == expected + ")\n"


def test_nested_arguments_that_do_not_fit_split_recursively() -> None:
    """An argument still too long on its own line is split at its own brackets."""
    inner = ", ".join(f"inner_argument_{i}" for i in range(5))
    laid = lay_out(f"value = outer(first, middle({inner}), last)\n")
    assert laid == _module(
        """
        value = outer(
            first,
            middle(
                inner_argument_0,
                inner_argument_1,
                inner_argument_2,
                inner_argument_3,
                inner_argument_4,
            ),
            last,
        )
        """
    )


def test_strings_take_double_quotes_unless_that_needs_more_escapes() -> None:
    """Double quotes are preferred; a string holding more " than ' keeps single quotes."""
    assert quoted("f('plain')") == 'f("plain")'
    assert quoted("""f('say "hi"')""") == """f('say "hi"')"""
    assert quoted("f('it\\'s')") == 'f("it\'s")'
    assert quoted("""f('a\\'b"c')""") == """f("a'b\\"c")"""
    assert quoted("f(b'raw', r'a\\d', r'\"')") == """f(b"raw", r"a\\d", r'"')"""


def test_trailing_comments_move_above_and_pragmas_stay() -> None:
    """An explanatory comment goes on its own line; a type-checker pragma stays at the end."""
    text = "def f():\n    g(x)  # why this\n    h(y)  # type: ignore[misc]\n"
    assert lay_out(text) == "def f():\n    # why this\n    g(x)\n    h(y)  # type: ignore[misc]\n"


def test_long_comment_lines_wrap_at_spaces() -> None:
    """A comment line over 88 columns (the header's list of modules) wraps at its spaces."""
    modules = ", ".join(f"package.modules:Module{i}" for i in range(5))
    laid = lay_out(f"# modules: {modules}\nx = 1\n").split("\n")
    assert (
        laid[0] == "# modules: " + ", ".join(f"package.modules:Module{i}" for i in range(3)) + ","
    )
    assert laid[1] == "#   package.modules:Module3, package.modules:Module4"
    assert laid[2] == "x = 1"


def test_nested_definitions_get_one_empty_line_around_them() -> None:
    """A nested def (its comment and decorators with it) gets one empty line above and below,
    none right under its enclosing def's header, as ruff spaces them."""
    text = _module(
        """
        def wire(w):
            def first():
                return 1
            x = 1
            # about f
            def f():
                return 1


            @dec
            def g():
                pass
            y = 2
        """
    )
    assert lay_out(text) == _module(
        """
        def wire(w):
            def first():
                return 1

            x = 1

            # about f
            def f():
                return 1

            @dec
            def g():
                pass

            y = 2
        """
    )


def test_a_long_def_line_splits_its_parameters() -> None:
    """A def over 88 columns puts each parameter on its own line, ending in a magic comma."""
    name = "a_rather_long_factory_name_for_a_long_service_class_in"
    laid = lay_out(f"def {name}(state: ScopeState) -> AVeryLongReturnTypeName:\n    pass\n")
    assert laid == (
        f"def {name}(\n    state: ScopeState,\n) -> AVeryLongReturnTypeName:\n    pass\n"
    )


def test_a_long_singleton_read_becomes_its_getter_call() -> None:
    """``_slot if _slot is not None else getter()`` that does not fit is written ``getter()``."""
    name = "performance_monitor_of_the_application"
    read = f"_{name} if _{name} is not None else {name}()"
    text = _module(
        f"""
        def wire(w):
            _{name}: M | None = None

            def {name}() -> M:
                return M()

            def user() -> U:
                return U(first_argument, {read})
        """
    )
    laid = lay_out(text)
    assert f"            {name}(),\n" in laid
    assert "is not None" not in laid


def test_a_split_conditional_holds_a_split_ruff_keeps() -> None:
    """A conditional that must split also explodes a call inside it, so ruff at any line
    length keeps the split (else it would join it where it fits)."""
    block = "state_of_the_block_in_hand_here"
    text = f"value = f(cache[Service] if Service in cache else service_in({block}))\n"
    laid = lay_out("def g():\n    " + text)
    assert laid == _module(
        """
        def g():
            value = f(
                cache[Service]
                if Service in cache
                else service_in(
                    state_of_the_block_in_hand_here,
                ),
            )
        """
    )


SERVICES = """
    from injectq import singleton, transient


    {singletons}

    @transient
    class Consumer:
        def __init__(self, {params}) -> None:
            pass


    @transient
    class Untyped:
        def __init__(self):
            pass
"""


def _long_names_project() -> dict[str, str]:
    """Singletons named 7 to 22 characters long, all read by one consumer: their reads land
    on both sides of 88 and 100 columns."""
    names = [f"Service{'X' * n}" for n in range(0, 16, 3)]
    singletons = "\n\n".join(
        f"@singleton\nclass {name}:\n    def __init__(self) -> None:\n        pass\n"
        for name in names
    )
    params = ", ".join(f"p{i}: {name}" for i, name in enumerate(names))
    services = SERVICES.replace("{params}", params)
    services = services.replace("{singletons}", textwrap.indent(singletons, "    ").lstrip())
    return {"app/__init__.py": "", "app/services.py": services}


def test_long_names_lay_out_stably_at_both_line_lengths(gen: Gen) -> None:
    """A project whose names put reads between 88 and 100 columns generates a module ruff
    leaves alone at 88 and at 100."""
    root, run = gen(_long_names_project())
    assert run.code == 0, run.out + run.err
    output = root / "gen" / "container.py"
    for length in (88, 100):
        check = _ruff("format", "--check", "--isolated", "--line-length", length, output)
        assert check.returncode == 0, check.stdout + check.stderr


def test_untyped_calls_pass_mypy_strict_once_split(gen: Gen) -> None:
    """A module calling untyped code passes mypy --strict however its statements are split."""
    root, run = gen(_long_names_project())
    assert run.code == 0, run.out + run.err
    output = root / "gen" / "container.py"
    assert '# mypy: disable-error-code="no-untyped-call"' in output.read_text(encoding="utf-8")
    env = {**os.environ, "MYPYPATH": str(root / "src")}
    command = [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", str(output)]
    mypy = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr


def test_a_generated_project_with_numbered_names_passes_ruff(tmp_path: Path) -> None:
    """Names imported in isort's natural order (``Svc2`` before ``Svc10``) and a layout ruff
    keeps: ruff check and ruff format at 88 and 100 find nothing in a synthetic project."""
    pyproject = write_project(tmp_path, 30)
    assert run_cli("--config", str(pyproject), "--no-cache", "-q").code == 0
    output = tmp_path / "generated" / "container.py"
    check = _ruff("check", "--isolated", *LINT, output)
    assert check.returncode == 0, check.stdout + check.stderr
    for length in (88, 100):
        run = _ruff("format", "--check", "--isolated", "--line-length", length, output)
        assert run.returncode == 0, run.stdout + run.stderr
