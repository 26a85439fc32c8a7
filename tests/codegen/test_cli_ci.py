"""injectq-gen for people and CI: honest --check, summaries, formats and configuration errors."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from injectq_codegen._cli import main
from injectq_codegen._explain import EXPLANATIONS, codes

from .conftest import Run, run_cli
from .test_cli import BROKEN, SIMPLE

Gen = Callable[..., tuple[Path, Run]]


def test_a_comment_only_edit_does_not_make_check_fail(gen: Gen) -> None:
    """The header's fingerprint covers the generated code, not every byte of the sources."""
    root, _ = gen(SIMPLE)
    output = root / "gen" / "container.py"
    before = output.read_text(encoding="utf-8")
    services = root / "src" / "app" / "services.py"
    text = services.read_text(encoding="utf-8").replace("pass", "pass  # nothing to set up")
    services.write_text(text + "# a comment at the end\n", encoding="utf-8")
    run = run_cli("--config", str(root / "pyproject.toml"), "--check", "--no-cache")
    assert run.code == 0, run.out
    assert output.read_text(encoding="utf-8") == before


def test_check_fails_when_the_generated_code_would_change(gen: Gen) -> None:
    """An edit that changes the graph still fails --check, naming the command to run."""
    root, _ = gen(SIMPLE)
    services = root / "src" / "app" / "services.py"
    text = services.read_text(encoding="utf-8").replace("@transient", "@singleton")
    services.write_text(text, encoding="utf-8")
    run = run_cli("--config", str(root / "pyproject.toml"), "--check", "--no-cache")
    assert run.code == 1
    assert "is stale; run injectq-gen" in run.out


UNUSED = {
    **SIMPLE,
    "app/extra.py": """
        from injectq import inject, singleton


        @singleton
        class Unused:
            pass


        @inject
        def main() -> None:
            pass
    """,
}


def _cached(root: Path, *flags: str) -> Run:
    return run_cli("--config", str(root / "pyproject.toml"), *flags)


def test_a_successful_run_prints_one_summary_line_and_q_silences_it(gen: Gen) -> None:
    """What was written, how many bindings, the time and the cache state; -q prints nothing."""
    root, run = gen(SIMPLE)
    assert run.out.count("\n") == 1
    assert "gen/container.py written: 2 binding(s)" in run.out and "cache miss" in run.out
    hit = _cached(root)
    assert "cache miss" in hit.out
    again = _cached(root)
    assert "is up to date: 2 binding(s)" in again.out and "cache hit" in again.out
    assert _cached(root, "-q").out == ""


def test_a_cache_hit_reports_the_same_findings_as_an_uncached_run(gen: Gen) -> None:
    """Warnings and the JSON report come back unchanged from the cache."""
    root, first = gen(UNUSED, "--format", "json")
    _cached(root, "--format", "json")
    hit = _cached(root, "--format", "json")
    assert hit.code == 0
    assert "cache hit" in hit.err
    assert json.loads(hit.out) == json.loads(first.out)
    assert json.loads(hit.out)["diagnostics"][0]["code"] == "IQ007"
    text = _cached(root)
    assert "warning IQ007 unused-binding" in text.out


def test_unused_binding_warnings_carry_the_binding_location(gen: Gen) -> None:
    """The JSON 'where' of an unused binding is where it is declared."""
    _, run = gen(UNUSED, "--format", "json")
    found = json.loads(run.out)["diagnostics"]
    [finding] = [f for f in found if f["key"] == "app.extra.Unused"]
    assert finding["where"] == "src/app/extra.py:5"


def test_the_cache_folder_is_created_with_a_gitignore(gen: Gen) -> None:
    """As pytest does, the cache folder ignores itself."""
    root, _ = gen(SIMPLE)
    _cached(root)
    assert (root / ".injectq-gen" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_github_format_prints_workflow_annotations(gen: Gen) -> None:
    """--format github gives one ::error annotation per finding, with file, line and column."""
    _, run = gen(BROKEN, "--format", "github")
    assert run.code == 1
    [line] = run.out.splitlines()
    assert line.startswith("::error file=src/app/services.py,line=")
    assert "title=IQ001 missing-binding::" in line


def test_configuration_errors_are_json_with_the_json_format(tmp_path: Path) -> None:
    """A configuration error is one JSON finding (IQ105) and exit 2."""
    bad = tmp_path / "pyproject.toml"
    bad.write_text("[tool.injectq]\nbogus = true\n", encoding="utf-8")
    run = run_cli("--config", str(bad), "--format", "json")
    assert run.code == 2
    [finding] = json.loads(run.out)["diagnostics"]
    assert finding["code"] == "IQ105" and "bogus" in finding["message"]


def test_no_pyproject_or_no_table_exits_2_saying_what_was_looked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing to generate from is a tool error, not an empty container."""
    monkeypatch.chdir(tmp_path)
    run = run_cli()
    assert run.code == 2
    assert "no pyproject.toml" in run.err and "[tool.injectq]" in run.err
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "app"\n', encoding="utf-8")
    run = run_cli()
    assert run.code == 2
    assert "has no [tool.injectq] table" in run.err
    assert not (tmp_path / "generated").exists()


def test_without_the_codegen_extra_every_command_exits_2_naming_it(tmp_path: Path) -> None:
    """A missing libcst is one line naming the extra, not a traceback."""
    script = (
        "import sys\nsys.modules['libcst'] = None\n"
        "from injectq_codegen._cli import main\nraise SystemExit(main(sys.argv[1:]))\n"
    )
    (tmp_path / "pyproject.toml").write_text('[tool.injectq]\nscan = ["app"]\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", script, "--no-cache"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert 'pip install "injectq[codegen]"' in done.stderr


def test_explain_prints_meaning_example_and_fix(capsys: pytest.CaptureFixture[str]) -> None:
    """explain IQ003 reads like ruff rule: the meaning, an example and the fix."""
    assert main(["explain", "IQ003"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("IQ003 scope-leak\n")
    assert "Example:" in out and "Fix:" in out and "Current[UnitOfWork]" in out
    assert main(["explain", "IQ999"]) == 2


def test_every_code_is_explained_and_listed_in_the_readme() -> None:
    """Each code of both tables has an explanation and a row in the README's table."""
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for code, slug in codes().items():
        assert slug in EXPLANATIONS
        assert f"| `{code}` | `{slug}` |" in readme


def test_help_describes_every_flag_and_command(capsys: pytest.CaptureFixture[str]) -> None:
    """--help names every option with a description, and every subcommand."""
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for flag in (
        "--config",
        "--source-root",
        "--module",
        "--scan",
        "--input",
        "--output",
        "--check",
        "--strict",
        "--format",
        "--no-cache",
        "--quiet",
    ):
        assert flag in out
    for command in ("generate", "graph", "verify", "explain"):
        assert f"\n  {command}" in out
    assert "github" in out


def test_pre_commit_hook_runs_check() -> None:
    """The repository ships a pre-commit hook that runs injectq-gen --check."""
    hooks = (Path(__file__).parents[2] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "entry: injectq-gen --check" in hooks
