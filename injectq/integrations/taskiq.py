"""Taskiq: one ``request`` scope block per task execution.

``setup_taskiq(container, broker)`` attaches the container to the broker's state (as 0.5
did, under ``state.injectq_container``). A task declares what it needs as
``Annotated[T, InjectTaskiq(T)]``. All of one execution's injected parameters share one
``container.scope("request")`` block, entered before the first is resolved and left when the
task has finished or failed; request-scoped services are therefore one object per execution.
A sync task body (run by Taskiq in a worker thread) sees the same block.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Annotated, Any, TypeVar

try:
    from taskiq import Context, TaskiqDepends, TaskiqState
except ImportError as _error:  # pragma: no cover - exercised with the package hidden
    from ._blocks import missing_extra

    raise ImportError(missing_extra(__name__, "taskiq", "taskiq")) from _error

from injectq import ContainerContext, InjectionError, InjectQ, InjectQError

from ._blocks import leave

__all__ = [
    "InjectTask",
    "InjectTaskiq",
    "get_injector_instance_taskiq",
    "setup_taskiq",
]

T = TypeVar("T")

logger = logging.getLogger("injectq.taskiq")

_STATE_ATTRIBUTE = "injectq_container"


def setup_taskiq(container: InjectQ, broker: Any) -> None:
    """Resolve ``broker``'s injected task parameters from ``container``, one block per task."""
    setattr(broker.state, _STATE_ATTRIBUTE, container)
    logger.info("InjectQ container attached to %r", broker)


def get_injector_instance_taskiq(state: TaskiqState) -> InjectQ:
    """The container :func:`setup_taskiq` attached to a broker's state (0.5's helper)."""
    container: InjectQ | None = getattr(state, _STATE_ATTRIBUTE, None)
    if container is None:
        raise InjectionError(
            "No InjectQ container is attached to this broker: call "
            "setup_taskiq(container, broker) before the worker starts"
        )
    return container


async def _task_block(context: Context = TaskiqDepends()) -> AsyncIterator[InjectQ]:
    """The execution's block: one per task run, shared by all its injected parameters."""
    try:
        container = get_injector_instance_taskiq(context.state)
    except InjectionError:
        logger.exception("task %s cannot be injected", context.message.task_name)
        raise
    previous = ContainerContext.get_current()
    ContainerContext.set_current(container)
    failure: Exception | None = None
    try:
        block = container.scope("request")
        await block.__aenter__()
        try:
            yield container
        except BaseException as error:
            failure = await leave(block, error)
            raise
        failure = await leave(block, None)
    finally:
        ContainerContext.set_current(previous)
        if failure is not None:
            logger.error(
                "teardown of the scope block of task %s (%s) failed",
                context.message.task_name,
                context.message.task_id,
                exc_info=failure,
            )


def InjectTaskiq(interface: type[T], *, name: str | None = None) -> T:
    """A Taskiq dependency resolving ``interface`` in the execution's block.

    Use it as ``Annotated[T, InjectTaskiq(T)]`` (``name=`` for a named binding). A key that
    cannot be resolved fails the task and is logged on ``injectq.taskiq``.
    """

    async def resolve(container: Annotated[InjectQ, TaskiqDepends(_task_block)]) -> Any:
        try:
            return await container.aget(interface, name)
        except InjectQError:
            logger.exception("injectq could not resolve %r for a task", interface)
            raise

    resolve.__qualname__ = f"InjectTaskiq({getattr(interface, '__name__', interface)})"
    dependency: T = TaskiqDepends(resolve)
    return dependency


InjectTask = InjectTaskiq
"""0.5's alias of :func:`InjectTaskiq`."""
