"""The one template loader: where the jinja2 templates are, their digest, and the environment.

The templates have one home per layout, chosen from the layout and never by probing:

- in a source checkout (the package's parent directory holds injectq's own ``pyproject.toml``),
  the repository's top-level ``templates/``;
- in an installed wheel, ``injectq_codegen/templates`` (``pyproject.toml`` force-includes the
  top-level folder there).

jinja2 is imported only when the environment is first built, so finding the templates and their
digest (for the cache check) stays cheap.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ._config import ConfigError, read_toml

if TYPE_CHECKING:
    import jinja2

__all__ = ["TEMPLATE", "environment", "template_dir", "templates_digest"]

TEMPLATE = "container.py.j2"
_PACKAGE_DIR = Path(__file__).resolve().parent


def template_dir(package_dir: Path = _PACKAGE_DIR) -> Path:
    """The templates folder of the layout ``package_dir`` (the ``injectq_codegen`` folder) is in."""
    checkout = package_dir.parent
    if _is_injectq_project(checkout / "pyproject.toml"):
        folder, layout = checkout / "templates", "source checkout"
    else:
        folder, layout = package_dir / "templates", "installed package"
    if not (folder / TEMPLATE).is_file():
        raise FileNotFoundError(f"injectq-gen templates missing: no {folder / TEMPLATE} ({layout})")
    return folder


def _is_injectq_project(pyproject: Path) -> bool:
    if not pyproject.is_file():
        return False
    try:
        data = read_toml(pyproject)
    except ConfigError:
        return False
    project = data.get("project")
    return isinstance(project, dict) and project.get("name") == "injectq"


def templates_digest() -> str:
    """A digest of every template, part of the input fingerprint."""
    digest = hashlib.sha256()
    for path in sorted(template_dir().glob("*.j2")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The jinja2 environment for code: undefined names fail, blocks leave no stray whitespace,
    the trailing newline is kept and nothing is escaped."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir())),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
