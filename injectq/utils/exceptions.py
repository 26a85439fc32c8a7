"""0.5's ``injectq.utils.exceptions``: the exception classes (defined in ``injectq._errors``)."""

from .._errors import (
    AlreadyRegisteredError,
    BindingError,
    CircularDependencyError,
    DependencyNotFoundError,
    InjectionError,
    InjectQError,
    ScopeError,
)

__all__ = [
    "AlreadyRegisteredError",
    "BindingError",
    "CircularDependencyError",
    "DependencyNotFoundError",
    "InjectQError",
    "InjectionError",
    "ScopeError",
]
