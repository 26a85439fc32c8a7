"""0.5's ``injectq.decorators.inject``: ``inject`` and ``Inject``."""

from typing import TYPE_CHECKING

from .._runtime.inject import inject

if TYPE_CHECKING:  # ``Inject[T]`` and ``Inject(T)`` type-check as the T they stand for
    from .._declare.markers import TypedInject as Inject
else:
    from .._declare.markers import Inject

__all__ = ["Inject", "inject"]
