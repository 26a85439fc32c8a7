"""Reading [tool.injectq] and applying command-line overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from injectq_codegen._config import ConfigError, InputSpec, load_config


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "pyproject.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_config_reads_every_setting(tmp_path: Path) -> None:
    """Every documented key of [tool.injectq] is read."""
    path = _write(
        tmp_path,
        """
[tool.injectq]
source_roots = ["src"]
modules = ["app.modules:ProductionModule"]
scan = ["app"]
inputs = ["'db_url'", "app.config.Settings", {type = "app.Db", name = "ro"}]
output = "out/c.py"
allow_override = false
""",
    )
    config = load_config(path)
    assert config.root == tmp_path.resolve()
    assert config.source_roots == ("src",)
    assert config.modules == ("app.modules:ProductionModule",)
    assert config.inputs == (
        InputSpec("db_url", string=True),
        InputSpec("app.config.Settings"),
        InputSpec("app.Db", name="ro"),
    )
    assert config.output_path == tmp_path.resolve() / "out" / "c.py"
    assert config.allow_override is False


def test_flags_override_the_file(tmp_path: Path) -> None:
    """A command-line value replaces the configured one."""
    path = _write(tmp_path, '[tool.injectq]\nscan = ["app"]\noutput = "a.py"\n')
    config = load_config(path, {"scan": ["other"], "output": "b.py", "modules": None})
    assert config.scan == ("other",)
    assert config.output == "b.py"


@pytest.mark.parametrize(
    "body",
    [
        '[tool.injectq]\nscan = "app"\nbogus = 1\n',
        "[tool.injectq]\ninputs = [3]\n",
        '[tool.injectq]\ninputs = ["not a path"]\n',
        "[tool.injectq]\nallow_override = 1\n",
        "[tool.injectq\n",
    ],
)
def test_malformed_config_is_a_config_error(tmp_path: Path, body: str) -> None:
    """Unknown keys, wrong types and bad TOML raise ConfigError (exit code 2)."""
    with pytest.raises(ConfigError):
        load_config(_write(tmp_path, body))
