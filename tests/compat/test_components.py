"""0.5's component API: lifecycle state machine, registry ordering, component containers."""

from __future__ import annotations

from typing import Protocol

import pytest

from injectq import (
    Component,
    ComponentBinding,
    ComponentContainer,
    ComponentError,
    ComponentRegistry,
    ComponentScope,
    ComponentState,
    InjectQ,
)


class IMessageService(Protocol):
    def send_message(self, message: str) -> str: ...


class IStorageService(Protocol):
    def store_data(self, data: str) -> bool: ...


class MessageComponent(Component):
    name = "message"
    provides = [IMessageService]  # noqa: RUF012 - 0.5 declares components this way

    def send_message(self, message: str) -> str:
        return f"sent {message}"


class StorageComponent(Component):
    name = "storage"
    provides = [IStorageService]  # noqa: RUF012
    requires = [IMessageService]  # noqa: RUF012
    tags = {"persistence"}  # noqa: RUF012

    def start(self) -> None:
        super().start()
        self.messages = self.resolve_dependency(IMessageService)


class Log:
    def __init__(self) -> None:
        self.lines: list[str] = []


def test_component_walks_the_lifecycle_in_order() -> None:
    """configure -> start -> stop -> start -> destroy passes through every 0.5 state."""
    component = MessageComponent()
    seen = [component.state]
    component.configure(greeting="hi")
    seen.append(component.state)
    component.set_container(InjectQ())
    component.start()
    seen.append(component.state)
    component.stop()
    seen.append(component.state)
    component.start()
    component.destroy()
    seen.append(component.state)
    assert seen == [
        ComponentState.INITIALIZED,
        ComponentState.CONFIGURED,
        ComponentState.STARTED,
        ComponentState.STOPPED,
        ComponentState.DESTROYED,
    ]
    assert component.greeting == "hi"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("prepare", "step", "words"),
    [
        ([], "start", "cannot be started from state ComponentState.INITIALIZED"),
        ([], "stop", "cannot be stopped from state ComponentState.INITIALIZED"),
        (["configure"], "initialize", "cannot be initialized"),
        (["configure", "start"], "configure", "cannot be configured"),
        (["configure", "destroy"], "start", "cannot be started"),
    ],
)
def test_illegal_transition_raises_component_error(
    prepare: list[str], step: str, words: str
) -> None:
    """A step from a state that does not allow it raises ComponentError and keeps the state."""
    component = MessageComponent()
    component.set_container(InjectQ())
    for name in prepare:
        getattr(component, name)()
    before = component.state
    with pytest.raises(ComponentError, match=words):
        getattr(component, step)()
    assert component.state is before


def test_resolve_dependency_needs_a_container_and_caches() -> None:
    """Without a container resolve_dependency fails; with one it resolves each type once."""
    component = MessageComponent()
    with pytest.raises(ComponentError, match="No container set for component message"):
        component.resolve_dependency(Log)
    container = InjectQ()
    container.bind_factory(Log, Log)
    component.set_container(container)
    assert component.resolve_dependency(Log) is component.resolve_dependency(Log)


def test_default_names_follow_0_5() -> None:
    """A component's own name drops "component"; the registry's default keeps the class name."""

    class CacheComponent(Component):
        pass

    assert CacheComponent().name == "cache"
    registry = ComponentRegistry()
    registry.register(CacheComponent)
    assert registry.list_components() == ["cachecomponent"]


def test_registry_merges_class_metadata_with_registration_options() -> None:
    """register() merges class tags, keeps configuration and priority, ANDs auto_start."""
    registry = ComponentRegistry()
    binding = registry.register(
        StorageComponent,
        configuration={"url": "x"},
        tags={"critical"},
        priority=5,
        auto_start=False,
    )
    assert isinstance(binding, ComponentBinding)
    assert binding.tags == {"persistence", "critical"}
    assert binding.provided_interfaces == {IStorageService}
    assert binding.dependencies == {IMessageService}
    assert (binding.configuration, binding.priority, binding.auto_start) == ({"url": "x"}, 5, False)
    assert registry.get_bindings_by_tag("critical") == [binding]
    assert registry.get_bindings_by_interface(IStorageService) == [binding]
    assert registry.get_binding("storage") is binding


def test_startup_order_is_priority_then_requirements() -> None:
    """Higher priority starts first, but never before the components it requires."""

    class AuditComponent(Component):
        name = "audit"

    registry = ComponentRegistry()
    registry.register(AuditComponent, priority=1)
    registry.register(StorageComponent, priority=10)
    registry.register(MessageComponent)
    assert registry.get_startup_order() == ["message", "storage", "audit"]


def test_requirement_cycle_raises_component_error() -> None:
    """Two components requiring each other's interface cannot be ordered."""

    class IA(Protocol): ...

    class IB(Protocol): ...

    class AComponent(Component):
        name = "a"
        provides = [IA]  # noqa: RUF012
        requires = [IB]  # noqa: RUF012

    class BComponent(Component):
        name = "b"
        provides = [IB]  # noqa: RUF012
        requires = [IA]  # noqa: RUF012

    registry = ComponentRegistry()
    registry.register(AComponent)
    registry.register(BComponent)
    with pytest.raises(ComponentError, match="Circular dependency detected involving component"):
        registry.get_startup_order()


def test_create_instance_configures_once() -> None:
    """create_instance builds, wires and configures a component, then returns the same one."""
    registry = ComponentRegistry()
    registry.register(MessageComponent, configuration={"greeting": "hello"})
    container = InjectQ()
    first = registry.create_instance("message", container)
    assert first.state is ComponentState.CONFIGURED
    assert first.container is container and first.greeting == "hello"  # type: ignore[attr-defined]
    assert registry.create_instance("message", container) is first
    with pytest.raises(ComponentError, match="No component binding found for 'nope'"):
        registry.create_instance("nope", container)


def test_component_container_resolves_interfaces_to_components() -> None:
    """A provided interface resolves to the component's single instance."""
    container = ComponentContainer()
    assert isinstance(container, InjectQ)
    container.register_component(MessageComponent)
    service = container.resolve(IMessageService)  # type: ignore[type-abstract]
    assert isinstance(service, MessageComponent)
    assert container.get(IMessageService) is service
    assert service.send_message("x") == "sent x"


def test_start_and_stop_components_follow_dependency_order() -> None:
    """start_components starts requirements first; stop_components stops in reverse."""
    order: list[str] = []

    class Tracing(Component):
        def start(self) -> None:
            super().start()
            order.append(f"start {self.name}")

        def stop(self) -> None:
            super().stop()
            order.append(f"stop {self.name}")

    class Messages(Tracing):
        name = "message"
        provides = [IMessageService]  # noqa: RUF012

    class Storage(Tracing):
        name = "storage"
        requires = [IMessageService]  # noqa: RUF012

    container = ComponentContainer()
    container.register_component(Storage, priority=10)
    container.register_component(Messages)
    assert container.list_components() == {
        "storage": ComponentState.INITIALIZED,
        "message": ComponentState.INITIALIZED,
    }
    container.start_components(["storage"])
    container.stop_components()
    assert order == ["start message", "start storage", "stop storage", "stop message"]
    assert set(container.list_components().values()) == {ComponentState.STOPPED}


def test_starting_one_component_leaves_the_others_configured() -> None:
    """start_components(["message"]) creates every component but starts only that one."""
    container = ComponentContainer()
    container.register_component(MessageComponent)
    container.register_component(StorageComponent)
    container.start_components(["message"])
    assert container.list_components() == {
        "message": ComponentState.STARTED,
        "storage": ComponentState.CONFIGURED,
    }


def test_started_component_gets_its_requirements_injected() -> None:
    """A started component's requires are resolved from the container it was registered in."""
    container = ComponentContainer()
    container.register_component(MessageComponent)
    container.register_component(StorageComponent)
    container.start_components()
    storage = container.get_component("storage")
    assert isinstance(storage, StorageComponent)
    assert storage.messages is container.get_component("message")


def test_component_scope_caches_and_clear_stops_and_destroys() -> None:
    """ComponentScope caches per key; clear() stops then destroys what it holds."""
    scope = ComponentScope("db")
    assert scope.name == "component:db"
    component = MessageComponent()
    component.configure()
    component.set_container(InjectQ())
    component.start()
    assert scope.get("main", lambda: component) is scope.get("main", lambda: None)
    scope.clear()
    assert component.state is ComponentState.DESTROYED
    assert scope.get("main", lambda: "fresh") == "fresh"


async def test_component_scope_awaits_async_factories() -> None:
    """aget awaits a factory's awaitable result and caches the value."""
    scope = ComponentScope("db")

    async def make() -> str:
        return "made"

    assert await scope.aget("k", make) == "made"
    assert await scope.aget("k", make) == "made"


def test_registry_clear_destroys_instances() -> None:
    """clear() destroys every created component and forgets every registration."""
    registry = ComponentRegistry()
    registry.register(MessageComponent)
    component = registry.create_instance("message", InjectQ())
    registry.clear()
    assert component.state is ComponentState.DESTROYED
    assert registry.list_components() == []
