"""The reader stage: declarations in source text -> the shared graph model, plus recipes.

It reads with libcst and never imports user code. :func:`read_project` is the entry point; the
:class:`ReadResult` it returns is what the planner reads.
"""

from __future__ import annotations

from ._project import read_project
from ._result import ExprRef, InjectFunction, ReadResult, Recipe
from ._sources import SourceIndex, Symbol

__all__ = [
    "ExprRef",
    "InjectFunction",
    "ReadResult",
    "Recipe",
    "SourceIndex",
    "Symbol",
    "read_project",
]
