"""Runtime introspection: turn live classes and callables into the graph model.

This is the only module of the runtime that reflects: it reads a plain function's parameters
from its code object and resolves bare-name annotations from its globals, and falls back to
``inspect.signature`` and ``typing.get_type_hints`` for everything else. The container calls
it once per binding and caches the result.
"""

from __future__ import annotations

import builtins
import importlib
import inspect
import os
import sys
import types
from collections.abc import Callable
from inspect import Parameter, signature
from typing import Any, get_type_hints

from .._declare.markers import Current, Inject, read_annotation
from .._errors import InjectionError
from .._graph import Key as GraphKey
from .._graph import Kind, Param
from .._where import declaration_location, location_of

__all__ = [
    "BUILTINS",
    "callable_kind",
    "declaration_location",
    "graph_of",
    "location_of",
    "params_of",
]

BUILTINS = frozenset({str, int, float, bool, bytes, list, dict, set, tuple, object, type(None)})


def user_stacklevel() -> int:
    """The ``stacklevel`` that makes a warning raised by the caller point at the user's code.

    Counts the caller's frame (level 1) and every frame above it that belongs to injectq: its
    modules, and the resolvers it compiles (``<injectq ...>`` filenames).
    """
    level, frame = 1, sys._getframe(1)
    while frame.f_back is not None and _is_injectq_frame(frame):
        level, frame = level + 1, frame.f_back
    return level


def _is_injectq_frame(frame: Any) -> bool:
    """Whether ``frame`` runs injectq's own code."""
    filename: str = frame.f_code.co_filename
    return filename.startswith((_PACKAGE_DIR, "<injectq "))


def callable_kind(obj: Any) -> Kind:
    """Classify a factory callable (unwrapping decorators such as ``@resource``)."""
    kind = getattr(obj, "__injectq_kind__", None)
    if isinstance(kind, Kind):
        return kind
    if isinstance(obj, type):
        return Kind.CLASS
    target = inspect.unwrap(obj)
    if inspect.isasyncgenfunction(target):
        return Kind.ASYNC_GENERATOR
    if inspect.isgeneratorfunction(target):
        return Kind.GENERATOR
    if inspect.iscoroutinefunction(target) or inspect.iscoroutinefunction(
        getattr(target, "__call__", None)  # noqa: B004 - callable objects with async __call__
    ):
        return Kind.ASYNC_FACTORY
    return Kind.FACTORY


def _signature_target(obj: Any) -> Callable[..., Any] | None:
    if isinstance(obj, type):
        init = obj.__dict__.get("__init__") or getattr(obj, "__init__")  # noqa: B009
        if init is object.__init__:
            return None
        return init  # type: ignore[no-any-return]  # a function
    return obj  # type: ignore[no-any-return]  # a callable


def params_of(obj: Any) -> tuple[Param, ...]:
    """Analyse the injectable parameters of a class constructor or a callable."""
    target = _signature_target(obj)
    if target is None:
        return ()
    listed = _listed(target)
    if listed is None:
        return ()
    hints = _hints(target, obj)
    params: list[Param] = []
    skip_first = isinstance(obj, type) or _is_unbound_method(target, listed)
    for index, (name, kind, default, annotation) in enumerate(listed):
        if index == 0 and skip_first:
            continue
        if kind in (Parameter.VAR_POSITIONAL, Parameter.VAR_KEYWORD):
            continue
        params.append(_param(name, kind, default, hints.get(name, annotation)))
    return tuple(params)


_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
_Listed = list[tuple[str, Any, Any, Any]]  # (name, kind, default, raw annotation) per parameter


def _listed(target: Any) -> _Listed | None:
    """The parameters of ``target``, read from a plain function's code object when possible
    (what ``inspect.signature`` reports for it, without building a ``Signature``)."""
    plain = type(target) is types.FunctionType and not hasattr(target, "__wrapped__")
    if plain and "__signature__" not in target.__dict__:
        return _from_code(target)
    try:
        sig = signature(target)
    except (TypeError, ValueError):
        return None
    return [(p.name, p.kind, p.default, p.annotation) for p in sig.parameters.values()]


def _from_code(fn: types.FunctionType) -> _Listed:
    code = fn.__code__
    names = code.co_varnames
    count, positional_only = code.co_argcount, code.co_posonlyargcount
    defaults = fn.__defaults__ or ()
    keyword_defaults = fn.__kwdefaults__ or {}
    annotations = fn.__annotations__
    empty = Parameter.empty
    first_default = count - len(defaults)
    listed: _Listed = []
    for i in range(count):
        name = names[i]
        kind = Parameter.POSITIONAL_ONLY if i < positional_only else Parameter.POSITIONAL_OR_KEYWORD
        default = defaults[i - first_default] if i >= first_default else empty
        listed.append((name, kind, default, annotations.get(name, empty)))
    # co_varnames lists the positional, then the keyword-only names, then *args and **kwargs
    at = count + code.co_kwonlyargcount
    keyword_only = names[count:at]
    if code.co_flags & inspect.CO_VARARGS:
        listed.append(
            (names[at], Parameter.VAR_POSITIONAL, empty, annotations.get(names[at], empty))
        )
        at += 1
    for name in keyword_only:
        default = keyword_defaults.get(name, empty)
        listed.append((name, Parameter.KEYWORD_ONLY, default, annotations.get(name, empty)))
    if code.co_flags & inspect.CO_VARKEYWORDS:
        listed.append((names[at], Parameter.VAR_KEYWORD, empty, annotations.get(names[at], empty)))
    return listed


def _is_unbound_method(target: Any, listed: _Listed) -> bool:
    return (
        bool(listed)
        and listed[0][0] == "self"
        and inspect.isfunction(target)
        and "." in target.__qualname__
        and (not inspect.ismethod(target))
    )


def _simple_hints(target: Any) -> dict[str, Any] | None:
    """The hints of a plain function whose annotations are all classes or bare names.

    That is the common constructor (``def __init__(self, db: Database)``, quoted or not, with
    ``from __future__ import annotations``): each name is read from the function's globals or
    the builtins, which is what ``get_type_hints`` finds for it, without compiling a
    ``ForwardRef`` per parameter. Anything else (generics, unions, ``Annotated``, dotted
    names) returns None and takes ``get_type_hints``. Python 3.10 is left to
    ``get_type_hints``, which there also wraps ``None`` defaults in ``Optional``.
    """
    if sys.version_info < (3, 11) or type(target) is not types.FunctionType:
        return None
    if getattr(target, "__wrapped__", None) is not None:
        return None  # get_type_hints reads the wrapped function's globals
    namespace = target.__globals__
    hints: dict[str, Any] = {}
    for name, annotation in target.__annotations__.items():
        if name == "return":
            continue  # parameters only
        if type(annotation) is str:
            text = annotation
            annotation = namespace.get(text, _ABSENT)
            if annotation is _ABSENT:
                annotation = _BUILTIN_NAMES.get(text, _ABSENT)
        if not isinstance(annotation, type) or type(annotation) is types.GenericAlias:
            return None  # unknown, a generic alias or a special form: get_type_hints decides
        hints[name] = annotation
    return hints


_ABSENT: Any = object()
_BUILTIN_NAMES: dict[str, Any] = vars(builtins)


def _hints(target: Any, owner: Any) -> dict[str, Any]:
    """Type hints with extras; names that cannot be resolved yet stay strings, then fail clearly."""
    simple = _simple_hints(target)
    if simple is not None:
        return simple
    try:
        return get_type_hints(target, include_extras=True)
    except NameError:
        pass
    except Exception:
        pass
    raw = dict(getattr(target, "__annotations__", {}))
    module = sys.modules.get(getattr(target, "__module__", ""), None)
    globalns = dict(getattr(module, "__dict__", {}))
    resolved: dict[str, Any] = {}
    for name, annotation in raw.items():
        if name == "return":
            continue
        for _ in range(3):  # a quoted annotation under `from __future__ import annotations`
            if not isinstance(annotation, str):
                break
            try:
                annotation = _evaluate(annotation, globalns, module)
            except NameError as error:
                where = getattr(owner, "__qualname__", repr(owner))
                raise InjectionError(
                    f"Cannot resolve annotation {annotation!r} of parameter {name!r} of {where}: "
                    f"{error}. If it is imported only under 'if TYPE_CHECKING:', import it at "
                    "runtime (or bind the parameter by name)"
                ) from error
        resolved[name] = annotation
    return resolved


def _evaluate(annotation: str, globalns: dict[str, Any], module: Any) -> Any:
    """Evaluate a string annotation, importing names guarded by ``if TYPE_CHECKING:`` if needed."""
    try:
        return eval(annotation, globalns)
    except NameError:
        guarded = _type_checking_imports(module)
        if not guarded:
            raise
    for name, (source, attr) in guarded.items():
        if name in globalns:
            continue
        try:
            imported = importlib.import_module(source)
            globalns[name] = getattr(imported, attr) if attr else imported
        except (ImportError, AttributeError):
            continue
    return eval(annotation, globalns)


_GUARDED: dict[str, dict[str, tuple[str, str | None]]] = {}


def _type_checking_imports(module: Any) -> dict[str, tuple[str, str | None]]:
    """Names a module imports under ``if TYPE_CHECKING:``: name -> (module, attribute)."""
    name = getattr(module, "__name__", None)
    if name is None:
        return {}
    if name in _GUARDED:
        return _GUARDED[name]
    import ast  # only for modules whose annotations name TYPE_CHECKING imports
    import importlib.util

    found: dict[str, tuple[str, str | None]] = {}
    try:
        tree = ast.parse(inspect.getsource(module))
    except (OSError, TypeError, SyntaxError):
        tree = ast.Module(body=[], type_ignores=[])
    for node in ast.walk(tree):
        if not isinstance(node, ast.If) or "TYPE_CHECKING" not in ast.unparse(node.test):
            continue
        for stmt in node.body:
            if isinstance(stmt, ast.ImportFrom):
                source = stmt.module or ""
                if stmt.level:  # relative: resolve against the module's package
                    package = getattr(module, "__package__", None) or ""
                    try:
                        source = importlib.util.resolve_name("." * stmt.level + source, package)
                    except ImportError:
                        continue
                for alias in stmt.names:
                    found[alias.asname or alias.name] = (source, alias.name)
            elif isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    found[alias.asname or alias.name.split(".")[0]] = (alias.name, None)
    _GUARDED[name] = found
    return found


def _param(param: str, kind: Any, default: Any, annotation: Any) -> Param:
    has_default = default is not Parameter.empty
    default = default if has_default else None
    positional = kind in (Parameter.POSITIONAL_ONLY, Parameter.POSITIONAL_OR_KEYWORD)
    if type(default) is Inject:
        target = default.service_type
        key, optional, handle, name = read_annotation(target)
        return Param(
            param,
            _key(key, name),
            False,
            optional,
            handle is not None,
            True,
            positional,
            None,
            key,
            current=handle is Current,
        )
    if annotation is Parameter.empty or annotation is None:
        return Param(param, None, has_default, False, False, False, positional, default, None)
    key, optional, handle, name = read_annotation(annotation)
    return Param(
        param,
        _key(key, name),
        has_default,
        optional,
        handle is not None,
        name is not None,
        positional,
        default,
        key,
        current=handle is Current,
    )


def _key(key: Any, name: str | None) -> GraphKey | None:
    if key is None:
        return None
    return GraphKey.of(key, name)


def graph_of(container: Any) -> Any:
    """Every registration of a live container as the shared graph model."""
    return container._graph()
