"""Chains too deep for Python's stack: one injectq error for both modes, naming depth and start.

Resolution recurses once per level of the dependency chain (compiled resolvers and generated
functions call each other). When Python's recursion limit stops it, the container reports the
longest chain below the key it was asked for, measured without recursion.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any

from .._errors import InjectionError
from .keys import show

__all__ = ["longest_chain", "too_deep"]


def longest_chain(start: Any, deps_of: Callable[[Any], Iterable[Any]]) -> list[Any]:
    """The longest path of keys from ``start`` (an iterative walk; a cycle is not followed)."""
    best: dict[Any, tuple[int, Any]] = {}  # key -> (length of its longest chain, next key)
    deps: dict[Any, list[Any]] = {start: list(deps_of(start))}
    stack = [(start, iter(deps[start]))]
    walking = {start}
    while stack:
        key, todo = stack[-1]
        for dep in todo:
            if dep not in best and dep not in walking:
                deps[dep] = list(deps_of(dep))
                walking.add(dep)
                stack.append((dep, iter(deps[dep])))
                break
        else:
            stack.pop()
            walking.discard(key)
            length, following = 1, None
            for dep in deps[key]:
                if dep in best and best[dep][0] + 1 > length:
                    length, following = best[dep][0] + 1, dep
            best[key] = (length, following)
    chain = [start]
    while best[chain[-1]][1] is not None:
        chain.append(best[chain[-1]][1])
    return chain


def too_deep(rk: Any, deps_of: Callable[[Any], Iterable[Any]]) -> InjectionError | None:
    """The error for ``rk`` whose resolution exceeded Python's recursion limit; None when its
    chain is too short to explain that (the recursion is the application's own)."""
    chain = longest_chain(rk, deps_of)
    if len(chain) * 4 < sys.getrecursionlimit():
        return None
    shown = " -> ".join(show(key) for key in chain[:4])
    more = f" -> ... -> {show(chain[-1])}" if len(chain) > 4 else ""
    error = InjectionError(
        f"{show(rk)} cannot be resolved: its dependency chain is {len(chain)} levels deep, more "
        f"than Python's recursion limit ({sys.getrecursionlimit()}) allows; the path starts "
        f"{shown}{more}. Shorten the chain, or raise the limit with sys.setrecursionlimit()"
    )
    error.failed_key = rk
    return error
