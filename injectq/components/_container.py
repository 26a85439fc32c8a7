"""``ComponentContainer``: a container whose components' interfaces resolve to the components."""

from __future__ import annotations

from typing import Any, TypeVar

from .._log import get_logger
from .._runtime.container import InjectQ
from ._component import Component, ComponentScope, ComponentState
from ._registry import ComponentBinding, ComponentRegistry, default_name

__all__ = ["ComponentContainer"]

_logger = get_logger("injectq.components")
T = TypeVar("T")


class ComponentContainer(InjectQ):
    """An ``InjectQ`` with a ``ComponentRegistry``; components start in dependency order."""

    def __init__(self, thread_safe: bool = True) -> None:
        super().__init__(thread_safe=thread_safe)
        self.component_registry = ComponentRegistry()
        self._component_scopes: dict[str, ComponentScope] = {}

    def register_component(
        self, component_class: type[Component], name: str | None = None, **kwargs: Any
    ) -> ComponentBinding:
        """Register a component; each interface it ``provides`` resolves to its one instance."""
        binding = self.component_registry.register(component_class, name, **kwargs)
        component_name = name or default_name(component_class)
        registry = self.component_registry

        def instance() -> Component:
            return registry.create_instance(component_name, self)

        for interface in binding.provided_interfaces:
            self.bind_factory(interface, instance)
        return binding

    def start_components(self, component_names: list[str] | None = None) -> None:
        """Start the named components (default: every auto-start one) and the components they
        require, in startup order; every registered component is created and configured."""
        registry = self.component_registry
        if component_names is None:
            component_names = [n for n, b in registry._bindings.items() if b.auto_start]
        order = registry.get_startup_order()
        for name in registry.list_components():
            registry.create_instance(name, self)
        wanted = self._with_requirements(component_names)
        _logger.info("Starting %d component(s)", len(wanted))
        for name in order:
            instance = registry.get_instance(name)
            if name in wanted and instance is not None and instance.state in _STARTABLE:
                instance.start()

    def stop_components(self, component_names: list[str] | None = None) -> None:
        """Stop started components (default: all) in reverse startup order."""
        registry = self.component_registry
        names = set(registry._instances if component_names is None else component_names)
        for name in reversed(registry.get_startup_order()):
            instance = registry.get_instance(name)
            if name in names and instance is not None and instance.state is ComponentState.STARTED:
                instance.stop()

    def get_component(self, name: str) -> Component | None:
        return self.component_registry.get_instance(name)

    def resolve(self, service_type: type[T]) -> T:
        """``get(service_type)``."""
        return self.get(service_type)

    def list_components(self) -> dict[str, ComponentState]:
        """Each registered component's state (INITIALIZED until it is created)."""
        registry = self.component_registry
        return {
            name: instance.state if instance is not None else ComponentState.INITIALIZED
            for name in registry.list_components()
            for instance in [registry.get_instance(name)]
        }

    def _with_requirements(self, names: list[str]) -> set[str]:
        wanted: set[str] = set()
        todo = list(names)
        while todo:
            name = todo.pop()
            if name in wanted or self.component_registry.get_binding(name) is None:
                continue
            wanted.add(name)
            todo.extend(self.component_registry.requirements(name))
        return wanted


_STARTABLE = (ComponentState.CONFIGURED, ComponentState.STOPPED)
