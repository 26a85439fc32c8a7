"""Resolution plans: each key is analysed once and turned into plain closures.

A :class:`Plan` holds what the override path and the error renderer need as data (arguments,
dependencies, lifetime) and two callables: ``get`` for the synchronous path and ``aget`` for keys
whose subtree awaits an async factory. Building a plan is the only place that reflects.
"""

from __future__ import annotations

from .._errors import InjectQError
from .keys import graph_key, show

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, Protocol

    from .._graph import Step
    from .._graph.model import Binding, Param

    Getter = Callable[[], Any]
else:
    Protocol = object  # PlanSource is a type checkers' protocol only

__all__ = ["Arg", "Getter", "Plan", "PlanSource", "failing"]


class Arg:
    """How one parameter gets its value: a dependency, the container, a lazy handle or a default."""

    __slots__ = ("dep", "mode", "name", "param", "plan", "positional", "rk")

    def __init__(self, param: Param, mode: str, rk: Any, plan: Plan | None) -> None:
        self.param = param
        self.name = param.name
        self.mode = mode  # "dep" | "container" | "lazy" | "default" | "missing"
        self.rk = rk
        self.plan = plan
        self.positional = param.positional


class Plan:
    """The compiled resolution of one key."""

    __slots__ = (
        "aget",
        "args",
        "binding",
        "closure",
        "get",
        "is_async",
        "label",
        "lifetime",
        "rk",
    )

    is_async: bool
    closure: frozenset[Any]

    def __init__(self, rk: Any, binding: Binding, args: list[Arg]) -> None:
        self.rk = rk
        self.binding = binding
        self.lifetime = binding.lifetime
        self.args = args
        self.label = binding.target or show(rk)
        self.is_async = binding.kind.is_async or any(
            a.plan is not None and a.plan.is_async for a in args if a.mode == "dep"
        )
        closure: set[Any] = set()
        for a in args:
            if a.mode in ("dep", "missing", "default") and a.rk is not None:
                closure.add(a.rk)
            if a.plan is not None and a.mode == "dep":
                closure |= a.plan.closure
        self.closure = frozenset(closure)
        self.get: Getter = _unset
        self.aget: Callable[[], Any] | None = None

    def step(self, arg: Arg | None = None) -> Step:
        """The path step of this plan (through ``arg`` when given), for error messages."""
        from .._graph import Step  # error paths only: resolving never loads the findings

        if arg is None:
            return Step.edge(self.binding, None, graph_key(self.rk))
        return Step.edge(self.binding, arg.name, graph_key(arg.rk))

    def __repr__(self) -> str:
        return f"<Plan {show(self.rk)} {self.lifetime}{' async' if self.is_async else ''}>"


class PlanSource(Protocol):
    """Plans a container did not compile itself: the resolvers of a generated module.

    A container with a source (``InjectQ._plan_source``) consults it before compiling a key, and
    lets it veto registrations; everything else (scopes, overrides, ``@inject``, cleanup) works
    on the plans it supplies exactly as on compiled ones.
    """

    fixed: bool
    """Registrations were fixed when the source was made: a key's lifetime changes only through
    a registration the source lets the registry make (see :meth:`accept`)."""

    def prepare(self) -> None:
        """Get ready before the first resolution (a generated module runs ``wire()`` once)."""

    def __init__(self, container: Any) -> None:
        """Made by the container it serves, when the container is created."""

    def plan(self, rk: Any, *, deep: bool) -> Plan | None:
        """The plan of ``rk`` (with arguments and closure when ``deep``), or None."""

    def supplies(self, rk: Any) -> bool:
        """Whether the source supplies ``rk``."""

    def supplied(self) -> list[Any]:
        """Every key the source supplies."""

    def dependencies(self, rk: Any) -> list[Any]:
        """The keys a supplied key is built from (for reports; nothing is resolved)."""
        ...

    def accept(self, rk: Any, binding: Binding, check: bool) -> bool:
        """Handle a registration (True), or leave it to the registry (False)."""

    def was_read(self, module: Any) -> bool:
        """Whether ``module`` is one the source was made from (installing it changes nothing)."""

    def reset(self) -> None:
        """Forget what was built; the next use prepares afresh (after ``close()``)."""


def _unset() -> Any:  # pragma: no cover - replaced before use
    raise RuntimeError("plan used before it was built")


def failing(error: Callable[[], InjectQError]) -> Getter:
    """A getter that raises a fresh error each time it is called."""

    def raise_error() -> Any:
        raise error()

    return raise_error
