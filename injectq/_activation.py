"""Choosing the process-wide container: the runtime one, or a generated one in production.

Production switches with one setting, before application modules are imported::

    INJECTQ_CONTAINER=generated.shop_container:Container python -m app

or one call at the top of the entry point: ``injectq.use_generated("generated.shop_container")``.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._container import InjectQ

__all__ = ["default_container", "generated_container_class", "use_generated"]

ENV_VAR = "INJECTQ_CONTAINER"


def generated_container_class(spec: str) -> type[InjectQ]:
    """Import ``"package.module"`` or ``"package.module:Container"`` and return the class."""
    module_name, _, attr = spec.partition(":")
    module = importlib.import_module(module_name)
    container_class: Any = getattr(module, attr or "Container")
    return container_class  # type: ignore[no-any-return]  # a GeneratedContainer subclass


def default_container(cls: type[InjectQ]) -> InjectQ:
    """A new container of ``cls``; for the base class, the activated generated one if any."""
    from ._container import InjectQ

    spec = os.environ.get(ENV_VAR, "").strip()
    if spec and cls is InjectQ:
        return generated_container_class(spec)()
    return cls()


def use_generated(spec: str) -> InjectQ:
    """Install the generated container as the global one; call it before importing the app."""
    from ._container import InjectQ

    container = generated_container_class(spec)()
    InjectQ._instance = container
    return container
