"""Rendering a plan through the jinja2 templates in ``templates/``.

The environment is configured for code: undefined names fail, blocks leave no stray whitespace,
the trailing newline is kept and nothing is escaped. Templates are found inside the installed
package (a wheel carries them as ``injectq_codegen/templates``) or, in a source checkout, in the
repository's top-level ``templates/``. jinja2 is imported on first use, so that finding the
templates and their digest (for the cache check) stays cheap.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

    from ._plan import ModulePlan

__all__ = ["render_module", "template_dir", "templates_digest"]

TEMPLATE = "container.py.j2"


def template_dir() -> Path:
    """Where the templates are: in the package when installed, else in the repository."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / TEMPLATE).is_file():
            return candidate
    raise FileNotFoundError(f"injectq-gen templates not found next to {here}")


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2  # imported on first render: the cache check never needs it

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir())),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )


def templates_digest() -> str:
    """A digest of every template, part of the input fingerprint."""
    digest = hashlib.sha256()
    for path in sorted(template_dir().glob("*.j2")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def render_module(plan: ModulePlan) -> str:
    return _environment().get_template(TEMPLATE).render(plan=plan)
