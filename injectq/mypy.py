"""mypy plugin: ``plugins = ["injectq.mypy"]`` checks the arguments passed to ``@inject`` functions.

Without it, an ``@inject`` function type-checks as ``Callable[..., R]``: it may be called with any
of its injected arguments left out, and keeps its return type, but the arguments a caller does
pass are not checked. With it, the function keeps its own parameters, each made optional (a
method's ``self`` or ``cls`` stays as it is), so a wrong type or an unknown keyword is an error.

Only mypy imports this module; ``injectq`` never does, and mypy is not a dependency.
"""

from __future__ import annotations

from collections.abc import Callable

from mypy.nodes import ARG_NAMED, ARG_NAMED_OPT, ARG_OPT, ARG_POS, FUNC_NO_INFO, FuncDef
from mypy.plugin import FunctionContext, MethodContext, Plugin
from mypy.types import CallableType, Type, get_proper_type

__all__ = ["plugin"]

_INJECT = "injectq._runtime.inject.inject"
_INJECT_WITH_CONTAINER = "injectq._runtime.inject._Injecting.__call__"


def _bound_arguments(definition: object) -> int:
    """How many leading parameters a call does not pass: 1 for a method's self or cls."""
    if not isinstance(definition, FuncDef) or definition.info is FUNC_NO_INFO:
        return 0
    return 0 if definition.is_static else 1


def _with_optional_parameters(ctx: FunctionContext | MethodContext) -> Type:
    """The decorated function's own signature, with every parameter it may inject optional."""
    if not ctx.arg_types or not ctx.arg_types[0]:
        return ctx.default_return_type
    decorated = get_proper_type(ctx.arg_types[0][0])
    if not isinstance(decorated, CallableType):
        return ctx.default_return_type
    bound = _bound_arguments(decorated.definition)
    optional = {ARG_POS: ARG_OPT, ARG_NAMED: ARG_NAMED_OPT}
    kinds = [
        kind if index < bound else optional.get(kind, kind)
        for index, kind in enumerate(decorated.arg_kinds)
    ]
    return decorated.copy_modified(arg_kinds=kinds)


class InjectQPlugin(Plugin):
    """Types ``@inject`` and ``@inject(container=...)`` with the function's own parameters."""

    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        """The hook for ``inject(func)``."""
        return _with_optional_parameters if fullname == _INJECT else None

    def get_method_hook(self, fullname: str) -> Callable[[MethodContext], Type] | None:
        """The hook for ``inject(container=c)(func)``."""
        return _with_optional_parameters if fullname == _INJECT_WITH_CONTAINER else None


def plugin(version: str) -> type[Plugin]:
    """mypy's entry point: the plugin class, for every mypy version."""
    return InjectQPlugin
