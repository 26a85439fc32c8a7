"""The process-wide container, and which container class ``InjectQ(...)`` builds.

Production switches to a generated container with one setting, before application modules are
imported::

    INJECTQ_CONTAINER=generated.shop_container:Container python -m app

or one call at the top of the entry point: ``injectq.use_generated("generated.shop_container")``.
While a generated container is activated, ``InjectQ(...)`` itself returns a new instance of the
generated class (subclasses of ``InjectQ`` are left alone), so ``get_instance()``,
``test_mode()`` and code that creates its own container all run on it. ``use_generated(None)``
deactivates, the environment variable included. The container module passes its class in;
nothing here imports it.
"""

from __future__ import annotations

import os

from .._errors import InjectQError
from .locks import ForkSafeLock

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from typing import Any

    from .container import InjectQ

__all__ = ["ENV_VAR", "Activation", "GlobalContainer", "generated_container_class"]

ENV_VAR = "INJECTQ_CONTAINER"
_FROM_ENV: Any = object()  # no use_generated() call yet: the environment decides


def generated_container_class(spec: str, source: str = "use_generated") -> type[InjectQ]:
    """Import ``"package.module"`` or ``"package.module:Container"`` and return the class.

    A module or class that does not exist raises an ``InjectQError`` naming ``source`` (the
    environment variable or the ``use_generated`` call) and the spec as written.
    """
    module_name, _, attr = spec.partition(":")
    attr = attr or "Container"
    where = f"{ENV_VAR}={spec!r}" if source == ENV_VAR else f"use_generated({spec!r})"
    import importlib  # activation only

    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if not exc.name or not _names_module_or_parent(exc.name, module_name):
            raise  # the container module exists but one of its own imports is missing
        raise InjectQError(
            f"{where}: no module named {module_name!r} (expected 'package.module' or "
            "'package.module:Container', importable from the current sys.path)"
        ) from exc
    container_class: Any = getattr(module, attr, None)
    if container_class is None:
        raise InjectQError(f"{where}: module {module_name!r} has no class {attr!r}")
    return container_class  # type: ignore[no-any-return]  # a GeneratedContainer subclass


def _names_module_or_parent(missing: str, module_name: str) -> bool:
    """Whether the missing module is ``module_name`` itself or one of its parent packages."""
    return module_name == missing or module_name.startswith(missing + ".")


class Activation:
    """Which generated container class, if any, ``InjectQ(...)`` builds instead of itself."""

    __slots__ = ("chosen", "classes")

    def __init__(self) -> None:
        self.chosen: str | None = _FROM_ENV  # a spec, None (deactivated) or _FROM_ENV
        self.classes: dict[str, type[InjectQ]] = {}

    def spec(self) -> str | None:
        """The activated spec: the last ``use_generated`` argument, else ``INJECTQ_CONTAINER``."""
        chosen = self.chosen
        if chosen is _FROM_ENV:
            return os.environ.get(ENV_VAR, "").strip() or None
        return chosen

    def container_class(self) -> type[InjectQ] | None:
        """The activated generated container class (imported once per spec), or None."""
        spec = self.spec()
        if spec is None:
            return None
        found = self.classes.get(spec)
        if found is None:
            source = ENV_VAR if self.chosen is _FROM_ENV else "use_generated"
            found = self.classes[spec] = generated_container_class(spec, source)
        return found

    def choose(self, spec: str | None) -> None:
        """Activate the container named by ``spec``; None deactivates (environment included)."""
        if spec is not None:
            self.classes[spec] = generated_container_class(spec)  # fail here, not later
        self.chosen = spec


class GlobalContainer:
    """The process-wide container slot (0.5's ``InjectQ._instance``), created on first use."""

    def __init__(self, base: type[InjectQ]) -> None:
        self.base = base
        self.lock = ForkSafeLock()

    @property
    def instance(self) -> InjectQ | None:
        """The process-wide container, if one was created."""
        return self.base._instance

    def get(self, cls: type[InjectQ]) -> InjectQ:
        """The global container, created (``cls()``, so activation applies) the first time."""
        instance = self.base._instance
        if instance is None:
            with self.lock:
                instance = self.base._instance
                if instance is None:
                    instance = self.base._instance = cls()
        return instance

    def swap(self, container: InjectQ | None) -> InjectQ | None:
        """Install ``container`` as the global one; return the previous one."""
        previous, self.base._instance = self.base._instance, container
        return previous
