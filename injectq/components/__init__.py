"""Components: lifecycle-managed units that provide and require interfaces (0.5's API).

Not imported by ``import injectq``; the top-level names load this package on first use.
"""

from .._errors import ComponentError
from ._component import Component, ComponentInterface, ComponentScope, ComponentState
from ._container import ComponentContainer
from ._registry import ComponentBinding, ComponentRegistry

__all__ = [
    "Component",
    "ComponentBinding",
    "ComponentContainer",
    "ComponentError",
    "ComponentInterface",
    "ComponentRegistry",
    "ComponentScope",
    "ComponentState",
]
