"""0.5's ``injectq.decorators.singleton``: the class decorators."""

from .._declare.decorators import register_as, scoped, singleton, transient

__all__ = ["register_as", "scoped", "singleton", "transient"]
