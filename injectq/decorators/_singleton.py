"""0.5's ``injectq.decorators.singleton``: the class decorators."""

from .._decorators import register_as, scoped, singleton, transient

__all__ = ["register_as", "scoped", "singleton", "transient"]
