"""Diagnostics: validate, draw and profile a container's dependency graph (0.5's API).

Not imported by ``import injectq``; the top-level names load this package on first use.
"""

from .profiling import DependencyProfiler
from .validation import DependencyValidator
from .visualization import DependencyVisualizer

__all__ = ["DependencyProfiler", "DependencyValidator", "DependencyVisualizer"]
