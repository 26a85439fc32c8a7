"""The compiled accelerator: which implementation of the hot modules this process runs.

The hot paths are plain typed Python modules: :mod:`.dispatch` (``get``/``aget`` and opening a
scope block) and :mod:`.blocks` (entering and leaving a block, its cache and its resources).
The build compiles a copy of each with mypyc, named with a ``_c`` suffix (``_blocks_c``,
``_dispatch_c``; see ``build_accel.py``). :func:`load` picks the compiled copy when it is
installed and the pure module otherwise; ``INJECTQ_PURE=1`` in the environment forces the pure
one. Both behave the same; the compiled one is faster.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType
    from typing import Any, TypeVar

    T = TypeVar("T")

__all__ = ["HOT_MODULES", "PURE", "compiled", "load", "mypyc_attr", "overload"]

HOT_MODULES = ("blocks", "dispatch")
"""The modules the accelerator compiles (in this package)."""
PURE = os.environ.get("INJECTQ_PURE") == "1"
"""Whether ``INJECTQ_PURE=1`` forces the pure-Python modules."""
_loaded: dict[str, bool] = {}  # hot module -> whether its compiled copy was loaded

if TYPE_CHECKING:  # what mypyc reads; at run time the hints are no-ops (a build-time tool)
    from typing import overload

    from mypy_extensions import mypyc_attr
else:

    def mypyc_attr(*attrs: str, **kwattrs: object) -> Callable[[T], T]:
        """How mypyc compiles a class; nothing at run time."""
        return _unchanged

    def overload(func: T) -> T:
        """``typing.overload`` for the hot modules, without importing ``typing`` (the last
        definition of an overloaded function is the one that runs)."""
        return func


def _unchanged(cls: Any) -> Any:
    return cls


def load(name: str) -> ModuleType:
    """The compiled copy of hot module ``name`` if installed (and not forced pure), else it."""
    if not PURE:
        try:
            module = _import(f"{__package__}._{name}_c")
        except ImportError:  # not built (a pure install, or a platform without wheels)
            pass
        else:
            _loaded[name] = True
            return module
    _loaded[name] = False
    return _import(f"{__package__}.{name}")


def _import(name: str) -> ModuleType:
    """``importlib.import_module(name)`` for an absolute name, without loading ``importlib``."""
    __import__(name)
    return sys.modules[name]


def compiled() -> bool:
    """Whether this process runs the compiled accelerator (every hot module compiled)."""
    for name in HOT_MODULES:
        if name not in _loaded:
            load(name)
    return all(_loaded[name] for name in HOT_MODULES)
