"""Where bindings were declared: the generated module names declarations, not line numbers, so
comment-only edits leave it alone; messages still show ``file:line``, in both modes alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from injectq import GraphError

from .conftest import Builder

COMMENTS = "# a comment\n# another one\n# and a third\n"

SERVICES = """
from injectq import singleton, transient


class Clock:
    pass


@transient
class Greeter:
    pass


@singleton
class Welcome:
    def __init__(self, greeter: Greeter) -> None:
        self.greeter = greeter
"""

FAKES = """
from app.services import Clock, Greeter


class NeedsClock(Greeter):
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
"""


def _shifted(services: str) -> str:
    """The services with comment lines above the ``Welcome`` declaration."""
    return services.replace("@singleton\n", COMMENTS + "@singleton\n", 1)


def _line_of(path: Path, text: str) -> int:
    """The 1-based line of ``path`` that starts with ``text`` (after indentation)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith(text))


def test_comment_lines_above_a_declaration_leave_the_output_alone(generator: Builder) -> None:
    """Inserting comments above a declaration regenerates byte for byte, and --check passes."""
    code, out = generator.generate({"app/services.py": SERVICES})
    assert code == 0, out
    output = generator.root / "gen" / "container.py"
    before = output.read_text(encoding="utf-8")
    code, out = generator.generate({"app/services.py": _shifted(SERVICES)}, (), (), "--check")
    assert code == 0, out
    code, out = generator.generate({"app/services.py": _shifted(SERVICES)})
    assert code == 0, out
    assert output.read_text(encoding="utf-8") == before
    assert ".py:" not in before


@pytest.mark.parametrize("shift", [False, True])
def test_a_path_names_the_declaration_s_file_and_line(build: Builder, shift: bool) -> None:
    """validate() after a rebind names the root's file:line in both modes, also after comment
    lines moved the declaration down."""
    services = _shifted(SERVICES) if shift else SERVICES
    container = build({"app/services.py": services, "app/fakes.py": FAKES})
    app = build.app("services")
    container.bind(app.Greeter, build.app("fakes").NeedsClock)
    with pytest.raises(GraphError) as info:
        container.validate()
    source = build.root / "src" / "app" / "services.py"
    line = _line_of(source, "@singleton")  # a decorated declaration: its first decorator
    assert f"services.py:{line}]" in str(info.value)
    path = info.value.problems[0].problem.path
    assert path[0].location == f"{source}:{line}"
