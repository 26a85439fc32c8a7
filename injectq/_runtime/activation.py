"""The process-wide container: the runtime one, or a generated one in production.

Production switches with one setting, before application modules are imported::

    INJECTQ_CONTAINER=generated.shop_container:Container python -m app

or one call at the top of the entry point: ``injectq.use_generated("generated.shop_container")``.
The container module passes its class in; nothing here imports it.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any

from .locks import ForkSafeLock

if TYPE_CHECKING:
    from .container import InjectQ

__all__ = ["ENV_VAR", "GlobalContainer", "generated_container_class"]

ENV_VAR = "INJECTQ_CONTAINER"


def generated_container_class(spec: str) -> type[InjectQ]:
    """Import ``"package.module"`` or ``"package.module:Container"`` and return the class."""
    module_name, _, attr = spec.partition(":")
    module = importlib.import_module(module_name)
    container_class: Any = getattr(module, attr or "Container")
    return container_class  # type: ignore[no-any-return]  # a GeneratedContainer subclass


class GlobalContainer:
    """The process-wide container slot, created on first use."""

    def __init__(self, base: type[InjectQ]) -> None:
        self.base = base
        self.instance: InjectQ | None = None
        self.lock = ForkSafeLock()

    def new(self, cls: type[InjectQ]) -> InjectQ:
        """A new container of ``cls``; for the base class, the activated generated one if any."""
        spec = os.environ.get(ENV_VAR, "").strip()
        if spec and cls is self.base:
            return generated_container_class(spec)()
        return cls()

    def get(self, cls: type[InjectQ]) -> InjectQ:
        """The global container, created (as :meth:`new` says) the first time."""
        instance = self.instance
        if instance is None:
            with self.lock:
                instance = self.instance
                if instance is None:
                    instance = self.instance = self.new(cls)
        return instance

    def swap(self, container: InjectQ | None) -> InjectQ | None:
        """Install ``container`` as the global one; return the previous one."""
        previous, self.instance = self.instance, container
        return previous

    def use_generated(self, spec: str) -> InjectQ:
        """Install the generated container named by ``spec``; call it before importing the app."""
        container = generated_container_class(spec)()
        self.instance = container
        return container
