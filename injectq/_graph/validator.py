"""One validator for both modes: a single depth-first walk over the graph model.

Every walk keeps its own stack (no recursion): a chain of any depth is checked in linear time.

It reports every problem at once, sorted, each with a stable code, the offending key, the path from
the root (with parameter names) and where each binding on the path was declared.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .._errors import shown_location
from .codes import DUPLICATE_BINDING, MISSING_BINDING, SYNC_NEEDS_ASYNC, UNUSED_BINDING
from .model import SINGLETON, TRANSIENT, Binding, Graph, Key, Param, is_scoped
from .problems import (
    Problem,
    Step,
    abstract_binding,
    cycle,
    missing_binding,
    owner_of,
    scope_leak,
)

__all__ = ["Problem", "Root", "Step", "validate"]


@dataclass(frozen=True, slots=True)
class Root:
    """Where a walk starts: a key, or an ``@inject`` function with its parameters."""

    name: str
    params: tuple[Param, ...] = ()
    key: Key | None = None
    is_async: bool = True
    location: str | None = None


_Reach = dict[Key, tuple[str, tuple[Step, ...]]]
"""Scoped keys reached through transients: key -> (its lifetime, the path to it)."""


class _Frame:
    """One binding being walked: the next parameter (or edge) to look at, and what was found."""

    __slots__ = ("binding", "found", "index", "needs")

    def __init__(self, binding: Binding, needs: bool, found: _Reach | None = None) -> None:
        self.binding = binding
        self.index = 0
        self.needs = needs
        self.found = found


def _merge(frame: _Frame, step: Step, below: _Reach | None) -> None:
    """Add what a transient dependency reaches (through ``step``) to ``frame``'s findings."""
    if below is None or frame.found is None:
        frame.found = None
        return
    for scoped_key, (lifetime, path) in below.items():
        frame.found.setdefault(scoped_key, (lifetime, (step, *path)))


class _Walk:
    def __init__(self, graph: Graph, strict_duplicates: bool) -> None:
        self.graph = graph
        self.problems: set[Problem] = set()
        self.done: set[Key] = set()
        self.stack: list[Key] = []
        self.on_stack: set[Key] = set()
        self.needs_async: dict[Key, bool] = {}
        self.seen_cycles: set[frozenset[Key]] = set()
        self.reached: set[Key] = set()
        self.strict_duplicates = strict_duplicates
        self.edges: dict[Key, tuple[Binding, list[tuple[Key, Binding, Step]]]] = {}
        self.reach: dict[Key, _Reach | None] = {}

    def add(
        self,
        code: str,
        key: Key,
        message: str,
        path: Sequence[Step],
        hint: str | None = None,
        severity: str = "error",
    ) -> None:
        self.problems.add(Problem(severity, code, key, message, tuple(path), hint))

    # -- the walk -------------------------------------------------------------------------------
    def visit(self, key: Key, path: list[Step]) -> bool:
        """Walk ``key``; return whether resolving it needs an async factory.

        Iterative (explicit frames, one shared path), so a chain of any depth is walked in
        constant stack and linear memory.
        """
        path = list(path)
        frames: list[_Frame] = []
        needs = self._enter(key, path, frames)
        while frames:
            frame = frames[-1]
            if frame.index < len(frame.binding.params):
                param = frame.binding.params[frame.index]
                frame.index += 1
                dep = self._dep(frame.binding, param, path)
                if dep is None:
                    continue
                if param.lazy:
                    self.reached.add(dep)
                    continue
                path.append(Step.edge(frame.binding, param.name, dep))
                below = self._enter(dep, path, frames)
                if below is not None:  # nothing to walk below it
                    path.pop()
                    frame.needs = below or frame.needs
                continue
            frames.pop()
            self.stack.pop()
            self.on_stack.discard(frame.binding.key)
            self.done.add(frame.binding.key)
            found = frame.needs and not _awaited_first(frame.binding)
            self.needs_async[frame.binding.key] = found
            if frames:
                path.pop()
                frames[-1].needs = found or frames[-1].needs
            else:
                needs = found
        return bool(needs)

    def _enter(self, key: Key, path: list[Step], frames: list[_Frame]) -> bool | None:
        """Start walking ``key``: a frame is pushed (None), or whether it needs async."""
        self.reached.add(key)
        if key in self.on_stack:
            self._cycle(key, tuple(path))
            return False
        if key in self.done:
            return self.needs_async.get(key, False)
        binding = self.graph.lookup(key)
        if binding is None:
            if key not in self.graph.provided:
                self._missing(key, tuple(path))
            self.done.add(key)
            return False
        if binding.abstract:
            self.problems.add(abstract_binding(key, binding.target, tuple(path)))
        self.stack.append(key)
        self.on_stack.add(key)
        frames.append(_Frame(binding, binding.is_async))
        return None

    def _dep(self, binding: Binding | None, param: Param, path: list[Step]) -> Key | None:
        found = self.graph.resolve_param(param)
        if found is not None or not param.required:
            return found
        if param.key is None:
            owner = owner_of(binding) if binding else "?"
            self.add(
                MISSING_BINDING,
                Key.string(param.name),
                f"parameter {param.name!r} of {owner} has no annotation and no default",
                path,
                "annotate it or give it a default",
            )
            return None
        return param.key  # required and missing: visit reports it with the full path

    def _missing(self, key: Key, path: Sequence[Step]) -> None:
        self.problems.add(missing_binding(key, path, self._near_miss(key)))

    def _near_miss(self, key: Key) -> str | None:
        known = set(self.graph.bindings) | set(self.graph.factories) | set(self.graph.provided)
        same_type = sorted(k for k in known if k.ident == key.ident and k.name != key.name)
        if same_type:
            k = same_type[0]
            return (
                f"{key.ident} is bound under name {k.name!r}"
                if k.name
                else (f"{key.ident} is bound without a name")
            )
        same_short = sorted(k for k in known if k.short == key.short and k.ident != key.ident)
        if same_short:
            return f"did you mean {same_short[0]}?"
        return None

    def _cycle(self, key: Key, path: Sequence[Step]) -> None:
        start = self.stack.index(key)
        members = frozenset(self.stack[start:])
        if members in self.seen_cycles:
            return
        self.seen_cycles.add(members)
        self.problems.add(cycle([*self.stack[start:], key], path))

    # -- scope leaks --------------------------------------------------------------------------
    def scope_leaks(self) -> None:
        for key in sorted(self.done):
            binding = self.graph.lookup(key)
            if binding is None or binding.lifetime != SINGLETON:
                continue
            found = self._reach(binding)
            if found is None:  # a transient cycle (reported as IQ002): walk this root on its own
                found = {}
                self._leak_from(binding, found)
            root = binding.key
            for dep, (lifetime, path) in found.items():
                self.problems.add(scope_leak(root, dep, lifetime, path))

    def _edges(self, binding: Binding) -> list[tuple[Key, Binding, Step]]:
        """The dependencies of ``binding`` that have a binding and that it keeps, in parameter
        order: ``Lazy[K]`` resolves once and keeps K; ``Current[K]`` resolves K on every call."""
        found = self.edges.get(binding.key)
        if found is None or found[0] is not binding:
            out: list[tuple[Key, Binding, Step]] = []
            for param in binding.params:
                dep = self.graph.resolve_param(param)
                if dep is None or param.current:
                    continue
                target = self.graph.lookup(dep)
                if target is not None:
                    out.append((dep, target, Step.edge(binding, param.name, dep)))
            found = self.edges[binding.key] = (binding, out)
        return found[1]

    def _reach(self, binding: Binding) -> _Reach | None:
        """Scoped keys reachable from ``binding`` through transients, each with the path a
        depth-first walk in parameter order finds first; None when a transient cycle is reached.

        Memoised per transient binding, so checking every singleton is one linear walk; the
        walk keeps its own stack (no recursion).
        """
        if binding.lifetime == TRANSIENT and binding.key in self.reach:
            return self.reach[binding.key]
        active = {binding.key}
        frames: list[_Frame] = [_Frame(binding, False, {})]
        while True:
            frame = frames[-1]
            below = self._reach_edges(frame, active)
            if below is not None:  # a transient not walked yet: descend into it
                active.add(below.key)
                frames.append(_Frame(below, False, {}))
                continue
            frames.pop()
            active.discard(frame.binding.key)
            if frame.binding.lifetime == TRANSIENT:
                self.reach[frame.binding.key] = frame.found
            if not frames:
                return frame.found
            parent = frames[-1]
            _merge(parent, self._edges(parent.binding)[parent.index - 1][2], frame.found)

    def _reach_edges(self, frame: _Frame, active: set[Key]) -> Binding | None:
        """Go on with ``frame``'s edges; the transient to descend into, or None when done."""
        edges = self._edges(frame.binding)
        while frame.found is not None and frame.index < len(edges):
            dep, target, step = edges[frame.index]
            frame.index += 1
            if dep in active and target.lifetime == TRANSIENT:
                frame.found = None
            elif is_scoped(target.lifetime):
                frame.found.setdefault(dep, (target.lifetime, (step,)))
            elif target.lifetime == TRANSIENT:
                if target.key not in self.reach:
                    return target
                _merge(frame, step, self.reach[target.key])
        return None

    def _leak_from(self, binding: Binding, found: _Reach) -> None:
        """Every scoped key reached from ``binding`` through transients (a depth-first walk that
        visits each key once, so transient cycles end)."""
        seen: set[Key] = set()
        path: list[Step] = []
        frames = [_Frame(binding, False)]
        while frames:
            frame = frames[-1]
            edges = self._edges(frame.binding)
            if frame.index == len(edges):
                frames.pop()
                if path:
                    path.pop()
                continue
            dep, target, step = edges[frame.index]
            frame.index += 1
            if dep in seen:
                continue
            seen.add(dep)
            if is_scoped(target.lifetime):
                found[dep] = (target.lifetime, (*path, step))
            elif target.lifetime == TRANSIENT:
                path.append(step)
                frames.append(_Frame(target, False))

    # -- roots --------------------------------------------------------------------------------
    def visit_root(self, root: Root) -> None:
        if root.key is not None:
            needs = self.visit(root.key, [])
            if needs and not root.is_async:
                self._sync_needs_async(root, root.key, [])
            return
        for param in root.params:
            if _caller_supplied(self.graph, param):
                continue
            dep = self._dep(None, param, [])
            if dep is None:
                continue
            step = Step(root.name, param.name, dep, root.location)
            if self.visit(dep, [step]) and not root.is_async and not param.lazy:
                self._sync_needs_async(root, dep, [step])

    def _sync_needs_async(self, root: Root, key: Key, path: list[Step]) -> None:
        self.add(
            SYNC_NEEDS_ASYNC,
            key,
            f"synchronous {root.name} needs {key}, whose resolution awaits an async factory",
            path,
            "make the caller async (aget / async def) or make the factory synchronous",
        )


def _problem_order(p: Problem) -> tuple[str, str, tuple[str, str], str, str]:
    return p.severity, p.code, p.key.order, p.message, p.hint or ""


def _caller_supplied(graph: Graph, param: Param) -> bool:
    """A root's plain-value parameter with nothing bound for it is the caller's to pass."""
    if graph.resolve_param(param) is not None:
        return False
    key = param.key
    return key is None or key.is_string or key.ident.startswith("builtins.")


def _entry_order(graph: Graph, keys: list[Key]) -> list[Key]:
    """``keys`` (sorted) with the bindings nothing depends on first: the graph's own roots.

    The walk reports each problem with the path of its first visit, so walking from those roots
    gives every path a root as its start, whatever the names sort like. What is left (keys on a
    cycle nothing else reaches) follows in sorted order.
    """
    depended: set[Key] = set()
    seen = set(keys)
    todo = list(keys)
    while todo:
        binding = graph.lookup(todo.pop())
        if binding is None:
            continue
        for param in binding.params:
            dep = graph.resolve_param(param)
            if dep is None:
                continue
            depended.add(dep)
            if dep not in seen:  # an auto-built class: its dependencies count too
                seen.add(dep)
                todo.append(dep)
    return [k for k in keys if k not in depended] + [k for k in keys if k in depended]


def validate(
    graph: Graph,
    roots: Iterable[Root] | None = None,
    *,
    strict_duplicates: bool = False,
    report_unused: bool = False,
) -> list[Problem]:
    """Walk ``graph`` from ``roots``, then from the bindings nothing depends on, then from the rest;
    return every problem, sorted. Each problem's path starts where its first walk started."""
    walk = _Walk(graph, strict_duplicates)
    root_list = list(roots) if roots is not None else []
    all_keys = sorted(set(graph.bindings) | set(graph.factories))
    for root in root_list:
        walk.visit_root(root)
    from_roots = set(walk.reached)
    for key in _entry_order(graph, all_keys):
        walk.visit(key, [])
    walk.scope_leaks()
    for dup in graph.duplicates:
        walk.add(
            DUPLICATE_BINDING,
            dup.key,
            f"{dup.key} is bound twice: first at {dup.first or '?'}, again "
            f"at {dup.second or '?'}; the later binding wins",
            (),
            None,
            "error" if strict_duplicates else "warning",
        )
    if report_unused and roots is not None:
        for key in all_keys:
            if key not in from_roots:
                b = graph.lookup(key)
                walk.add(
                    UNUSED_BINDING,
                    key,
                    f"{key} is bound but nothing depends on it",
                    (),
                    f"declared at {shown_location(b.location)}" if b and b.location else None,
                    "warning",
                )
    return sorted(walk.problems, key=_problem_order)


def _awaited_first(binding: Binding) -> bool:
    """An async singleton: ``aget`` awaits it once, first; sync code reads the built instance."""
    return binding.is_async and binding.lifetime == SINGLETON
