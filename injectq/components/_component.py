"""A component's lifecycle: ``ComponentState``, ``Component``, ``ComponentScope``.

States move INITIALIZED -> CONFIGURED -> STARTED <-> STOPPED, and anything -> DESTROYED; any
other move raises ``ComponentError`` and leaves the state as it was.
"""

from __future__ import annotations

import contextlib
import enum
import inspect
from collections.abc import Callable
from typing import Any, ClassVar, Protocol, TypeVar, runtime_checkable

from .._declare.types import Scope
from .._errors import ComponentError
from .._log import get_logger

__all__ = ["Component", "ComponentInterface", "ComponentScope", "ComponentState"]

_logger = get_logger("injectq.components")
T = TypeVar("T")


class ComponentState(enum.Enum):
    """Where a component is in its lifecycle."""

    INITIALIZED = "initialized"
    CONFIGURED = "configured"
    STARTED = "started"
    STOPPED = "stopped"
    DESTROYED = "destroyed"


_ALLOWED_FROM = {
    "initialized": (ComponentState.INITIALIZED,),
    "configured": (ComponentState.INITIALIZED, ComponentState.CONFIGURED),
    "started": (ComponentState.CONFIGURED, ComponentState.STOPPED),
    "stopped": (ComponentState.STARTED,),
}


@runtime_checkable
class ComponentInterface(Protocol):
    """What every component offers: the five lifecycle steps."""

    def initialize(self) -> None: ...
    def configure(self, **kwargs: Any) -> None: ...
    def start(self) -> None: ...
    def stop(self) -> None: ...
    def destroy(self) -> None: ...


class ComponentScope(Scope):
    """Instances that belong to one component; clearing it stops and destroys them."""

    def __init__(self, component_name: str) -> None:
        super().__init__(f"component:{component_name}")
        self.component_name = component_name
        self._instances: dict[Any, Any] = {}

    def get(self, key: Any, factory: Callable[[], Any]) -> Any:
        """The instance cached under ``key``, created by ``factory`` the first time."""
        if key not in self._instances:
            self._instances[key] = factory()
        return self._instances[key]

    async def aget(self, key: Any, factory: Callable[[], Any]) -> Any:
        """Like :meth:`get`; a ``factory`` result that is awaitable is awaited."""
        if key not in self._instances:
            value = factory()
            self._instances[key] = await value if inspect.isawaitable(value) else value
        return self._instances[key]

    def clear(self) -> None:
        """Call ``stop()`` then ``destroy()`` on each instance that has them, then forget all."""
        _logger.debug("Clearing component scope: %s", self.component_name)
        for instance in self._instances.values():
            for step in ("stop", "destroy"):
                method = getattr(instance, step, None)
                if callable(method):
                    with contextlib.suppress(Exception):
                        method()
        self._instances.clear()


class Component:
    """Base of components: declare ``provides``/``requires`` and override the lifecycle steps.

    ``name`` defaults to the class name, lower-cased, without ``"component"``. Overrides call
    ``super()`` so the state machine advances.
    """

    name: str = ""
    provides: ClassVar[list[type]] = []
    requires: ClassVar[list[type]] = []
    tags: ClassVar[set[str]] = set()
    auto_start: bool = True

    def __init__(self) -> None:
        self.state = ComponentState.INITIALIZED
        self.container: Any = None
        self._scope: ComponentScope | None = None
        self._dependencies: dict[Any, Any] = {}
        if not self.name:
            self.name = type(self).__name__.lower().replace("component", "")
        _logger.debug("Component initialized: %s", self.name)

    @property
    def scope(self) -> ComponentScope:
        """This component's own instance cache (created on first use)."""
        if self._scope is None:
            self._scope = ComponentScope(self.name)
        return self._scope

    def set_container(self, container: Any) -> None:
        """The container ``resolve_dependency`` resolves from."""
        self.container = container

    def resolve_dependency(self, dependency_type: type[T]) -> T:
        """``container.get(dependency_type)``, resolved once per component."""
        if self.container is None:
            raise self._fail(f"No container set for component {self.name}")
        if dependency_type not in self._dependencies:
            self._dependencies[dependency_type] = self.container.get(dependency_type)
        return self._dependencies[dependency_type]  # type: ignore[no-any-return]  # cached get

    def initialize(self) -> None:
        """Allowed only before configuration; the state stays INITIALIZED."""
        self._move("initialized", ComponentState.INITIALIZED)

    def configure(self, **kwargs: Any) -> None:
        """Set each keyword as an attribute; INITIALIZED or CONFIGURED -> CONFIGURED."""
        self._check("configured")
        for key, value in kwargs.items():
            setattr(self, key, value)
        self.state = ComponentState.CONFIGURED

    def start(self) -> None:
        """Resolve ``requires``; CONFIGURED or STOPPED -> STARTED."""
        self._check("started")
        _logger.info("Starting component: %s", self.name)
        for dependency in self.requires:
            self.resolve_dependency(dependency)
        self.state = ComponentState.STARTED

    def stop(self) -> None:
        """STARTED -> STOPPED."""
        self._move("stopped", ComponentState.STOPPED)

    def destroy(self) -> None:
        """Stop if started, clear the scope and resolved dependencies; -> DESTROYED."""
        _logger.info("Destroying component: %s", self.name)
        if self.state is ComponentState.STARTED:
            self.stop()
        if self._scope is not None:
            self._scope.clear()
        self._dependencies.clear()
        self.state = ComponentState.DESTROYED

    def __repr__(self) -> str:
        return f"<Component '{self.name}' state={self.state.value}>"

    def _move(self, step: str, target: ComponentState) -> None:
        self._check(step)
        _logger.debug("Component %s: %s -> %s", self.name, self.state.value, target.value)
        self.state = target

    def _check(self, step: str) -> None:
        if self.state not in _ALLOWED_FROM[step]:
            raise self._fail(f"Component {self.name} cannot be {step} from state {self.state}")

    def _fail(self, message: str) -> ComponentError:
        _logger.error("Component %s: %s", self.name, message)
        return ComponentError(message)
