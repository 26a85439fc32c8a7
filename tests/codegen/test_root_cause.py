"""Root causes first: what the user must fix comes first, at the line where it is."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

from .conftest import Run
from .test_cli import BROKEN

Gen = Callable[..., tuple[Path, Run]]

SERVICES = """
    from injectq import Module, singleton


    @singleton
    class Clock:
        pass


    @singleton
    class Report:
        def __init__(self, clock: Clock) -> None:
            self.clock = clock


    class Mod(Module):
        def configure(self) -> None:
            self.bind(Clock, Clock)
"""


def _first(run: Run) -> str:
    return run.out.splitlines()[0]


def test_a_syntax_error_comes_first_at_pythons_line_and_hides_follow_ons(gen: Gen) -> None:
    """Only the syntax error is reported, where Python reports it, not what follows from it."""
    broken = (
        "from injectq import singleton\n\nitems = [1, 2,\n\n\n@singleton\nclass Late:\n    pass\n"
    )
    try:
        compile(broken, "broken.py", "exec")
    except SyntaxError as exc:
        line = exc.lineno
    files = {
        "app/__init__.py": "",
        "app/services.py": SERVICES,
        "app/broken.py": broken,
        "app/uses.py": "from injectq import singleton\nfrom .broken import Late\n\n\n"
        "@singleton\nclass User:\n    def __init__(self, late: Late) -> None:\n        pass\n",
    }
    _, run = gen(files)
    assert run.code == 1
    assert _first(run).startswith(f"src/app/broken.py:{line}:")
    assert "IQ102 syntax-error" in _first(run)
    assert "IQ104" not in run.out and "IQ001" not in run.out and "IQ103" not in run.out


def test_a_misspelled_module_class_is_the_first_finding_with_did_you_mean(gen: Gen) -> None:
    """A configuration error comes before the missing bindings it causes."""
    files = {"app/__init__.py": "", "app/services.py": SERVICES}
    _, run = gen(files, "--module", "app.services:Modd")
    assert run.code == 1
    assert "IQ105 config-error" in _first(run)
    assert "did you mean 'app.services:Mod'?" in _first(run)
    _, run = gen(files, "--module", "app.servics:Mod")
    assert "did you mean 'app.services:Mod'?" in _first(run)


def test_a_typo_in_a_string_annotation_is_an_unresolved_name_with_the_nearest_match(
    gen: Gen,
) -> None:
    """clock: "Clok" names what does not resolve and the close name, at the parameter."""
    services = SERVICES.replace("clock: Clock", 'clock: "Clok"')
    _, run = gen({"app/__init__.py": "", "app/services.py": services})
    assert run.code == 1
    line = (
        textwrap.dedent(services)
        .splitlines()
        .index('    def __init__(self, clock: "Clok") -> None:')
        + 1
    )
    assert _first(run).startswith(f"src/app/services.py:{line}:")
    assert "IQ103 unresolved-name" in _first(run)
    assert "'Clok'" in _first(run) and "did you mean 'Clock'?" in _first(run)
    assert "has no annotation" not in run.out


def test_an_unannotated_parameter_is_reported_at_the_parameter(gen: Gen) -> None:
    """The position is the parameter's own line, not the consumer's."""
    services = SERVICES.replace("clock: Clock", "clock")
    _, run = gen({"app/__init__.py": "", "app/services.py": services})
    assert run.code == 1
    line = (
        textwrap.dedent(services).splitlines().index("    def __init__(self, clock) -> None:") + 1
    )
    assert _first(run).startswith(f"src/app/services.py:{line}:")
    assert "has no annotation and no default" in _first(run)


def test_a_class_without_its_own_init_is_to_be_bound_explicitly(gen: Gen) -> None:
    """0.5's rule: such a class is not auto-built, and the hint says to bind it, not that it
    is outside the source roots."""
    _, run = gen(BROKEN)
    assert run.code == 1
    assert "Missing has no __init__ of its own" in run.out and "bind it explicitly" in run.out
    assert "not a class the reader can build" not in run.out
