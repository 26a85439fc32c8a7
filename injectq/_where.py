"""Where a declaration lives: ``file:line`` of live classes, functions and ``module:qualname``.

Messages call these; nothing here runs on a resolution path. ``inspect`` is imported only when a
class's line has to be read from its source, so importing this module costs nothing at start-up.
"""

from __future__ import annotations

import sys

__all__ = ["declaration_location", "location_of"]


def location_of(obj: object) -> str | None:
    """``file:line`` where a class or function was defined, when Python knows it."""
    target = obj
    for _ in range(100):  # what inspect.unwrap does, bounded against a wrapper cycle
        if not callable(target) or not hasattr(target, "__wrapped__"):
            break
        target = target.__wrapped__
    code = getattr(target, "__code__", None)
    if code is not None:
        return f"{code.co_filename}:{code.co_firstlineno}"
    if isinstance(target, type):
        init = target.__dict__.get("__init__")
        module = sys.modules.get(target.__module__)
        filename = getattr(module, "__file__", None)
        line = getattr(getattr(init, "__code__", None), "co_firstlineno", None)
        if filename:
            return f"{filename}:{line}" if line else filename
    return None


def declaration_location(declaration: str) -> str | None:
    """``file:line`` of a ``module:qualname`` declaration in an imported module, else None: the
    line of its first decorator, as for a decorated class or function at runtime.

    Reads the source of a class (Python < 3.13 keeps no line of it).
    """
    module_name, _, qualname = declaration.partition(":")
    found: object = sys.modules.get(module_name)
    for name in qualname.split("."):
        found = getattr(found, name, None)
        if found is None:
            return None
    if not isinstance(found, type):
        return location_of(found)
    line = getattr(found, "__firstlineno__", None)
    import inspect  # only a message about a class declared in a generated module gets here

    try:
        filename = inspect.getsourcefile(found)
        if line is None:
            line = inspect.findsource(found)[1] + 1
    except (OSError, TypeError):
        return location_of(found)
    return f"{filename}:{line}" if filename else location_of(found)
