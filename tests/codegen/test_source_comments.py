"""Each generated factory names the declaration it comes from, on the line before it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from .conftest import Run, run_cli

Gen = Callable[..., tuple[Path, Run]]

PYPROJECT = """\
[tool.injectq]
source_roots = ["src"]
modules = ["app.modules:AppModule"]
scan = ["app"]
output = "gen/container.py"
"""

FILES = {
    "app/__init__.py": "",
    "app/services.py": """
        from collections.abc import Iterator

        from injectq import resource, singleton


        @singleton
        class Clock:
            def __init__(self) -> None:
                self.now = 0


        class Session:
            def __init__(self, clock: Clock) -> None:
                self.clock = clock


        @resource("request")
        def open_session(clock: Clock) -> Iterator[Session]:
            yield Session(clock)


        class Repo:
            def __init__(self, session: Session) -> None:
                self.session = session


        class Mailer:
            def __init__(self, clock: Clock) -> None:
                self.clock = clock


        class Report:
            def __init__(self, repo: Repo, mailer: Mailer) -> None:
                self.repo = repo
                self.mailer = mailer
    """,
    "app/modules.py": """
        from injectq import Module, provider

        from .services import Clock, Mailer, Report, Repo


        class AppModule(Module):
            def configure(self) -> None:
                self.bind(Repo, Repo).transient()
                self._mail()

            def _mail(self) -> None:
                self.bind(Mailer, Mailer)

            @provider
            def report(self, repo: Repo, mailer: Mailer) -> Report:
                return Report(repo, mailer)
    """,
}


def _sources(text: str) -> dict[str, str]:
    """Factory name -> the comment on the line before its ``def``."""
    found = re.findall(r"^    # (\S+)\n    (?:async )?def (\w+)\(", text, re.MULTILINE)
    return {fn: comment for comment, fn in found}


def test_each_factory_names_its_declaration(gen: Gen) -> None:
    """Module bindings, helper methods, providers, resources and decorated classes are named."""
    root, run = gen(FILES, pyproject=PYPROJECT)
    assert run.code == 0, run.out + run.err
    sources = _sources((root / "gen" / "container.py").read_text(encoding="utf-8"))
    assert sources == {
        "clock": "app.services:Clock",
        "session_in": "app.services:open_session",
        "repo": "app.modules:AppModule.configure",
        "mailer": "app.modules:AppModule._mail",
        "report": "app.modules:AppModule.report",
    }


def test_source_comments_carry_no_line_numbers(gen: Gen) -> None:
    """Moving every declaration down a line leaves the factories' comments unchanged."""
    root, _ = gen(FILES, pyproject=PYPROJECT)
    output = root / "gen" / "container.py"
    before = _sources(output.read_text(encoding="utf-8"))
    for name in ("services.py", "modules.py"):
        path = root / "src" / "app" / name
        path.write_text("# a leading comment\n" + path.read_text(encoding="utf-8"), "utf-8")
    run = run_cli("--config", str(root / "pyproject.toml"), "--no-cache")
    assert run.code == 0, run.out + run.err
    after = _sources(output.read_text(encoding="utf-8"))
    assert after == before
    assert len(after) == 5
