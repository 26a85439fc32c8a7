"""What every integration shares: a unit of work's scope block, and missing extras.

A unit of work (a request, a WebSocket connection, a task, a tool call) runs inside its own
``container.scope("request")`` block, with the container current. The block is left after
the work; its teardown errors are reported, never raised: the work's outcome has already been
decided (a response may have been sent), so the integration logs them instead.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

from typing_extensions import TypeVarTuple, Unpack

from injectq import ContainerContext

if TYPE_CHECKING:
    from injectq import InjectQ

__all__ = ["leave", "missing_extra", "run_in_block"]

R = TypeVar("R")
Ts = TypeVarTuple("Ts")


def missing_extra(module: str, package: str, extra: str) -> str:
    """The message of the ImportError raised when an integration's framework is missing."""
    return (
        f"{module} needs the {package!r} package, which is not installed: "
        f'pip install "injectq[{extra}]"'
    )


async def leave(
    block: AbstractAsyncContextManager[Any], error: BaseException | None
) -> Exception | None:
    """Leave ``block`` after the work it wrapped; return its teardown error, if any.

    ``error`` is what the work raised (its resources see it, as with ``async with``). When the
    work failed or was cancelled, the teardown is shielded from further cancellation, so a
    request cancelled by an outer cancel scope still closes its async resources.
    """
    try:
        if error is None:
            await block.__aexit__(None, None, None)
        else:
            await _leave_shielded(block, error)
    except Exception as failure:
        return None if failure is error else failure
    return None


async def _leave_shielded(block: AbstractAsyncContextManager[Any], error: BaseException) -> None:
    import anyio  # every supported framework depends on anyio

    with anyio.CancelScope(shield=True):
        await block.__aexit__(type(error), error, error.__traceback__)


async def run_in_block(
    container: InjectQ,
    serving: ContextVar[InjectQ | None],
    report: Callable[[Exception, Unpack[Ts]], None],
    work: Callable[[Unpack[Ts]], Awaitable[R]],
    *args: Unpack[Ts],
) -> R:
    """``await work(*args)`` in a new request block of ``container``.

    While it runs, ``serving`` (the integration's own variable) and the current container
    are ``container``; both are restored afterwards. A teardown error goes to
    ``report(error, *args)``. (Arguments are passed along rather than bound in a closure:
    this runs once per request.)
    """
    token = serving.set(container)
    previous = ContainerContext.get_current()
    ContainerContext.set_current(container)
    failure: Exception | None = None
    try:
        block = container.scope("request")
        await block.__aenter__()
        try:
            result = await work(*args)
        except BaseException as error:
            failure = await leave(block, error)
            raise
        try:
            await block.__aexit__(None, None, None)
        except Exception as error:
            failure = error
        return result
    finally:
        ContainerContext.set_current(previous)
        serving.reset(token)
        if failure is not None:
            report(failure, *args)
