"""The planner stage: from a validated graph, everything the generated module contains.

:func:`plan_module` decides the factory functions in dependency order, their names and forms, the
registrations, the injection plans and the imports, so the template only prints a
:class:`ModulePlan`.
"""

from __future__ import annotations

from ._factories import plan_module
from ._module_plan import Factory, ModulePlan, Provide

__all__ = ["Factory", "ModulePlan", "Provide", "plan_module"]
