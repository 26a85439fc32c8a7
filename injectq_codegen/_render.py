"""Rendering a plan through the jinja2 templates (found by ``_templates``), then laying the
text out as ``ruff format`` would (``_plan._layout``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._plan._layout import lay_out
from ._templates import TEMPLATE, environment

if TYPE_CHECKING:
    from ._plan import ModulePlan

__all__ = ["render_module"]


def render_module(plan: ModulePlan) -> str:
    """The generated module's text for ``plan``."""
    return lay_out(environment().get_template(TEMPLATE).render(plan=plan))
