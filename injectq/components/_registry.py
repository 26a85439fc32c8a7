"""Component definitions: ``ComponentBinding`` and the ``ComponentRegistry`` that orders them."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any

from .._errors import ComponentError
from .._log import get_logger
from ._component import Component

__all__ = ["ComponentBinding", "ComponentRegistry"]

_logger = get_logger("injectq.components")


@dataclass
class ComponentBinding:
    """How one component is registered: its class, interfaces, configuration and order."""

    component_type: type
    interface: type | None = None
    scope: str = "singleton"
    dependencies: set[type] = field(default_factory=set)
    provided_interfaces: set[type] = field(default_factory=set)
    configuration: dict[str, Any] = field(default_factory=dict)
    tags: set[str] = field(default_factory=set)
    priority: int = 0
    auto_start: bool = True

    def __post_init__(self) -> None:
        if self.interface is None:  # as 0.5: the first direct base that declares annotations
            for base in self.component_type.__bases__:
                if vars(base).get("__annotations__"):
                    self.interface = base
                    break


class ComponentRegistry:
    """Registered components by name, their instances, and their startup order."""

    def __init__(self) -> None:
        self._bindings: dict[str, ComponentBinding] = {}
        self._instances: dict[str, Component] = {}

    def register(
        self,
        component_class: type[Component],
        name: str | None = None,
        interface: type | None = None,
        scope: str = "singleton",
        configuration: dict[str, Any] | None = None,
        tags: set[str] | None = None,
        priority: int = 0,
        auto_start: bool = True,
    ) -> ComponentBinding:
        """Register ``component_class`` under ``name`` (default: its ``name`` attribute, else the
        lower-cased class name); class-level ``tags`` and ``auto_start`` are merged in."""
        component_name = name or default_name(component_class)
        binding = ComponentBinding(
            component_type=component_class,
            interface=interface,
            scope=scope,
            dependencies=set(component_class.requires),
            provided_interfaces=set(component_class.provides),
            configuration=dict(configuration or {}),
            tags=set(component_class.tags) | set(tags or ()),
            priority=priority,
            auto_start=auto_start and component_class.auto_start,
        )
        self._bindings[component_name] = binding
        _logger.info("Registering component: %s (%s)", component_name, component_class.__name__)
        return binding

    def get_binding(self, name: str) -> ComponentBinding | None:
        return self._bindings.get(name)

    def get_bindings_by_tag(self, tag: str) -> list[ComponentBinding]:
        return [b for b in self._bindings.values() if tag in b.tags]

    def get_bindings_by_interface(self, interface: type) -> list[ComponentBinding]:
        return [b for b in self._bindings.values() if interface in b.provided_interfaces]

    def provider_of(self, interface: type) -> str | None:
        """The first registered component that provides ``interface``."""
        for name, binding in self._bindings.items():
            if interface in binding.provided_interfaces:
                return name
        return None

    def requirements(self, name: str) -> list[str]:
        """The components that provide what component ``name`` requires."""
        binding = self._bindings[name]
        found = (self.provider_of(dep) for dep in binding.dependencies)
        return sorted({p for p in found if p is not None and p != name})

    def get_startup_order(self) -> list[str]:
        """Names by priority (highest first), each after the components it requires.

        A requirement cycle raises ``ComponentError``.
        """
        order: list[str] = []
        visiting: list[str] = []

        def visit(name: str) -> None:
            if name in order:
                return
            if name in visiting:
                cycle = " -> ".join([*visiting[visiting.index(name) :], name])
                message = f"Circular dependency detected involving component '{name}': {cycle}"
                _logger.error(message)
                raise ComponentError(message)
            visiting.append(name)
            for required in self.requirements(name):
                visit(required)
            visiting.pop()
            order.append(name)

        for name in sorted(self._bindings, key=lambda n: -self._bindings[n].priority):
            visit(name)
        return order

    def create_instance(self, name: str, container: Any) -> Component:
        """The component's instance (created once): given ``container``, then configured."""
        binding = self._bindings.get(name)
        if binding is None:
            raise ComponentError(f"No component binding found for '{name}'")
        instance = self._instances.get(name)
        if instance is None:
            instance = binding.component_type()
            instance.set_container(container)
            instance.configure(**binding.configuration)
            self._instances[name] = instance
            _logger.info("Component instance created: %s", name)
        return instance

    def get_instance(self, name: str) -> Component | None:
        return self._instances.get(name)

    def list_components(self) -> list[str]:
        return list(self._bindings)

    def clear(self) -> None:
        """Destroy every instance and forget every registration."""
        for instance in self._instances.values():
            with contextlib.suppress(Exception):
                instance.destroy()
        self._bindings.clear()
        self._instances.clear()


def default_name(component_class: type[Component]) -> str:
    """0.5's registration name: the class's ``name`` attribute, else its lower-cased name."""
    return getattr(component_class, "name", "") or component_class.__name__.lower()
