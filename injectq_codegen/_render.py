"""Rendering a plan through the jinja2 templates (found by ``_templates``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._templates import TEMPLATE, environment

if TYPE_CHECKING:
    from ._plan import ModulePlan

__all__ = ["render_module"]


def render_module(plan: ModulePlan) -> str:
    """The generated module's text for ``plan``."""
    return environment().get_template(TEMPLATE).render(plan=plan)
