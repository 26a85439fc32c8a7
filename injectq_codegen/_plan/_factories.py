"""The planner: everything a generated module contains, decided here so templates only print.

From the validated graph it computes the factory functions in dependency order, their names and
forms, cleanup owners for resources, the registrations and injection plans, and the sorted,
aliased imports, as a :class:`~._module_plan.ModulePlan`. How each value is written as an
expression is ``_expressions``'s part.
"""

from __future__ import annotations

from collections import Counter

from .._read import ReadResult, Recipe
from .._runtime import (
    ASYNC_PRODUCE,
    AWAIT_IN_BLOCK,
    SINGLETON,
    TRANSIENT,
    Binding,
    Key,
    Kind,
    fill,
)
from ._bodies import MAX_SHARED, SHAPE_NAMES, Bodies, Parts
from ._expressions import (
    cache_ident,
    fn_name,
    join,
    share_block_reads,
    share_reads,
)
from ._module_plan import Factory, ModulePlan
from ._names import snake_case
from ._registrations import Registrations, declaration

__all__ = ["plan_module"]

_UNTYPED = ""  # calls of untyped code are allowed module-wide: ModulePlan.untyped_calls
# resources a scope block's function opens itself (ENTER, ENTER_AGEN_INLINE), not via ``owner``
_OPENED_INLINE = (Kind.GENERATOR, Kind.CONTEXT_MANAGER, Kind.ASYNC_GENERATOR)


class _Planner(Registrations):
    """The factories, registrations and injection plans of one generated module."""

    untyped_calls = False  # whether some factory calls untyped code
    opened_here = False  # whether the factory being planned opens a resource inline

    def __init__(self, read: ReadResult) -> None:
        super().__init__(read)
        self.bodies = Bodies()

    def _untyped(self, untyped: bool) -> str:
        self.untyped_calls = self.untyped_calls or untyped
        return _UNTYPED if untyped else ""

    def factory(self, key: Key) -> Factory:
        """The factory function(s) of ``key``, with a comment naming the declaration above."""
        made = self._factory(key)
        declared = declaration(self.read.recipes[key], callee_first=False)
        return Factory(made.form, _name_source(made.text, declared))

    def _factory(self, key: Key) -> Factory:
        """The factory function(s) of ``key``: the runtime's shape of its lifetime, filled."""
        binding = self.graph.lookup(key)
        assert binding is not None
        recipe = self.read.recipes[key]
        if key in self.shared:
            return Factory("singleton_shared", self._shared(binding, recipe))
        self.inlined = 0
        self.block_reads = []
        is_async = self.needs_async[key]
        owner, form, scope = self._form(key, binding, recipe, is_async)
        block = self.block_of(binding) if form == "transient" and not is_async else None
        if block is not None:  # finds the block once for the scoped values it needs
            parts = self._parts(binding, recipe, block, once=False)
            ambient = f"{self.scopes[block]}()"
            return Factory(form, self.bodies.transient_in_block(parts, repr(block), ambient))
        if scope is None:
            return Factory(form, self._unscoped(binding, recipe, owner, form, is_async))
        ambient = f"{self.scopes[scope]}()"
        if is_async and not binding.kind.is_async and recipe.expr is None:
            return Factory("scoped", self._prepared(binding, recipe, scope, ambient))
        parts = self._parts(binding, recipe, scope, once=False)
        fill_in = self.bodies.scoped_async if is_async else self.bodies.scoped
        return Factory("scoped", fill_in(parts, self.fn_in[key], repr(scope), ambient))

    def _shared(self, binding: Binding, recipe: Recipe) -> str:
        """A singleton whose getter is a shared function's: ``x = singleton_2(K, K, a, b)``."""
        getters = self.getters_of(binding)
        assert getters is not None
        shape = self.bodies.shared_singleton(len(getters), self.names.claim)
        args = ", ".join([self.key_expr(binding.key), self.callee(recipe), *getters])
        return f"{self.fn[binding.key]} = {shape}({args})"

    def getters_of(self, binding: Binding) -> list[str] | None:
        """The getters a sync singleton is built from, one per positional parameter, when its
        construction is that plain call; else None (it gets a function of its own)."""
        recipe = self.read.recipes[binding.key]
        if (
            self.needs_async[binding.key]
            or recipe.expr is not None
            or recipe.may_be_none
            or binding.kind not in (Kind.CLASS, Kind.FACTORY)
            or len(binding.params) > MAX_SHARED
        ):
            return None
        getters: list[str] = []
        for param in binding.params:
            dep = self.resolve(param)
            if dep is None or param.lazy or not param.positional:
                return None
            getter = self.inputs.get(dep) or self.fn.get(dep)
            if getter is None or dep == self.read.container_key:
                return None
            getters.append(getter)
        return getters

    def block_of(self, binding: Binding) -> str | None:
        """The scope of which a plain transient needs two values or more (the first such scope
        by name): it looks that block up once and builds them with it in hand."""
        if binding.kind.is_resource:
            return None
        needed: Counter[str] = Counter()
        for param in binding.params:
            dep = self.resolve(param)
            target = None if dep is None or param.lazy else self.graph.lookup(dep)
            if target is not None and dep in self.fn_in and target.lifetime in self.scopes:
                needed[target.lifetime] += 1
        return min((scope for scope, count in needed.items() if count > 1), default=None)

    def hot_reads(self) -> set[Key]:
        """Keys read by code other than a singleton's creation (a transient's or a scoped
        value's): a singleton among them keeps a slot that code reads inline."""
        hot: set[Key] = set()
        for key in self.order:
            binding = self.graph.lookup(key)
            if binding is None or self.lifetime_of(binding) == SINGLETON:
                continue
            hot.update(d for p in binding.params if (d := self.resolve(p)) and not p.lazy)
        return hot

    def lifetime_of(self, binding: Binding) -> str:
        """The binding's lifetime; an instance (or awaitable) is a singleton."""
        if binding.kind in (Kind.INSTANCE, Kind.AWAITABLE):
            return SINGLETON
        return binding.lifetime

    def _unscoped(
        self, binding: Binding, recipe: Recipe, owner: str, form: str, is_async: bool
    ) -> str:
        """A singleton's or a transient's functions."""
        key = binding.key
        parts = self._parts(binding, recipe, None, once=form != "transient")
        if form == "transient":
            return self.bodies.transient(parts, is_async, owner)
        if is_async:
            create_fn = self.names.claim(f"{self.fn[key]}_create")
            return self.bodies.async_singleton(parts, create_fn, owner)
        return self.bodies.singleton(parts, form == "singleton_cell", owner)

    def _parts(self, binding: Binding, recipe: Recipe, scope: str | None, *, once: bool) -> Parts:
        """The pieces of ``binding``'s functions; a singleton's creation reads others by a call."""
        key = binding.key
        self.once = once or binding.kind in (Kind.INSTANCE, Kind.AWAITABLE)
        callee, call = "", ""
        prelude: list[str] = []
        if scope is not None and binding.kind.is_resource and binding.kind in _OPENED_INLINE:
            callee, call_or_none, untyped = self.call_parts(binding, 0, scope)
            call = call_or_none or ""
            produce = ""
        else:
            produce, untyped = self.create(binding, scope)
            produce = share_reads(produce, self.names.claim)
            if scope is not None:
                prelude, produce = share_block_reads(produce, self.block_reads, self.names.claim)
        self.once = False
        return Parts(
            kind=binding.kind,
            key=self.key_expr(key),
            fn=self.fn[key],
            returns=self.type_of(key, recipe),
            produce=produce,
            ignore=self._untyped(untyped),
            label=repr(cache_ident(key)),
            callee=callee,
            call=call,
            slot=self.slots.get(key) or self.cells.get(key, ""),
            prelude="".join(prelude),
        )

    def _form(
        self, key: Key, binding: Binding, recipe: Recipe, is_async: bool
    ) -> tuple[str, str, str | None]:
        """(owner of cleanups, form, scope name or None) of one binding."""
        lifetime = self.lifetime_of(binding)
        if lifetime == SINGLETON:
            cell = not is_async and recipe.may_be_none
            return "w.owner", "singleton_cell" if cell else "singleton", None
        if lifetime == TRANSIENT:
            return "w.transient_owner()", "transient", None
        if lifetime not in self.scopes:
            self.scopes[lifetime] = self.names.claim(snake_case(lifetime) + "_ambient")
        return "state", "scoped", lifetime

    def created_here(self, binding: Binding, local: str, scope: str) -> str | None:
        """An async-generator resource of the block in hand, opened inline (``AWAIT_IN_BLOCK``):
        one per factory, so the locals of the protocol keep one type each."""
        if binding.kind is not Kind.ASYNC_GENERATOR or self.opened_here:
            return None
        self.opened_here = True
        parts = self._parts(binding, self.read.recipes[binding.key], scope, once=False)
        created = self.bodies.created(parts, self.fn_in[binding.key], local)
        return fill(AWAIT_IN_BLOCK, value=local, key=parts.key, created=created).rstrip("\n")

    def _prepared(self, binding: Binding, recipe: Recipe, scope: str, ambient: str) -> str:
        """An async scoped factory of a sync callable: await the arguments first, then check
        and build with no await in between (and, when it can, a ``_ready`` variant)."""
        key = binding.key
        self.opened_here = False
        hoisted = self.hoist(binding, scope, set())
        parts, untyped = self.arg_parts(binding, 0, scope)
        self.hoisted = {}
        prepare = (*hoisted, *(f"a{i} = {code}" for i, (_, code) in enumerate(parts)))
        local = [(keyword, f"a{i}") for i, (keyword, _) in enumerate(parts)]
        produce = fill(
            ASYNC_PRODUCE[binding.kind.value],
            fn=self.callee(recipe),
            call=join(local),
            label=repr(cache_ident(key)),
            tag="",
        )
        filled = Parts(
            kind=binding.kind,
            key=self.key_expr(key),
            fn=self.fn[key],
            returns=self.type_of(key, recipe),
            produce=produce,
            ignore=self._untyped(untyped or not recipe.typed),
        )
        text = self.bodies.scoped_prepared(filled, self.fn_in[key], repr(scope), ambient, prepare)
        ready = self.ready_lines(binding, scope, recipe)
        if ready is None:
            return text
        ready_fn = self.ready_fn[key] = self.names.claim(f"{self.fn[key]}_ready")
        return text + "\n\n" + self.bodies.ready(filled, ready_fn, *ready)

    def ready_lines(
        self, binding: Binding, scope: str | None, recipe: Recipe
    ) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """Argument lines of ``x_ready(state)``: the awaited arguments read from the block (or
        a built singleton slot), returning None when one is not built yet, then the others;
        None when some awaited argument can only be awaited."""
        if recipe.may_be_none or binding.kind.is_resource:
            return None
        ready: list[str] = []
        rest: list[str] = []
        i = -1
        for param in binding.params:
            dep = self.resolve(param)
            if dep is None and param.has_default:
                continue
            i += 1
            if dep is None or not self.needs_async.get(dep, False) or param.lazy:
                code = "None"
                if dep is not None:
                    code, _ = self.dep_expr(dep, param.lazy, 0, scope, current=param.current)
                rest.append(f"a{i} = {code}")
                continue
            target = self.graph.lookup(dep)
            if target is not None and target.lifetime == scope and dep in self.fn_in:
                ready.append(f"a{i} = cache.get({self.key_expr(dep)})")
            elif dep in self.slots:
                ready.append(f"a{i} = {self.slots[dep]}")
            else:
                return None
            ready.append(f"if a{i} is None:\n    return None")
        return tuple(ready), tuple(rest)

    def claim_names(self) -> None:
        """Walk the graph, then name every input, factory, singleton slot and scoped getter."""
        for key in sorted(self.graph.snapshot()):
            self.visit(key, set())
        for key in self.read.inputs:
            self.inputs[key] = self.names.claim(fn_name(key))
        for key in sorted(self.order):
            self.fn[key] = self.names.claim(fn_name(key))
        hot = self.hot_reads()
        for key in sorted(self.order):
            binding = self.graph.lookup(key)
            assert binding is not None
            lifetime = self.lifetime_of(binding)
            if lifetime == SINGLETON and key not in hot and self.getters_of(binding) is not None:
                self.shared.add(key)  # no code reads its slot: a shared function serves it
            elif lifetime == SINGLETON:
                slot = self.names.claim(f"_{self.fn[key]}")
                if not self.needs_async[key] and self.read.recipes[key].may_be_none:
                    # a list cell holds values that may be None; it is named after the slot name
                    # (which stays claimed), so committed modules keep their names
                    self.cells[key] = self.names.claim(f"_{self.fn[key]}")
                else:
                    self.slots[key] = slot
            elif lifetime != TRANSIENT:
                self.fn_in[key] = self.names.claim(f"{self.fn[key]}_in")

    def module_instances(self) -> list[tuple[str, str]]:
        """``wire()``'s lines creating the ``Module`` instances that providers are called on."""
        lines: list[tuple[str, str]] = []
        recipes = self.read.recipes.values()
        for symbol in sorted({r.module_class for r in recipes if r.module_class}):
            self.modules[symbol] = self.names.claim(snake_case(symbol.short))
            lines.append((self.modules[symbol], f"{self.symbol(symbol)}()"))
        return lines

    def setup(self, modules: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """``wire()``'s setup lines: named keys, scope ambients, module instances, inputs."""
        ambients = [(var, f"w.ambient({name!r})") for name, var in sorted(self.scopes.items())]
        setup = [*self.key_setup, *ambients, *modules]
        for key, var in self.inputs.items():
            setup.append((var, f"w.input({self.key_obj(key)}, {key.name!r})"))
        return setup


def _name_source(text: str, declared: str) -> str:
    """``text`` with ``# module:qualname`` on the line before its first function definition.

    No line number: a comment-only edit of the user's code leaves the generated module alone.
    """
    if not declared:
        return text
    lines = text.split("\n")
    at = next((i for i, line in enumerate(lines) if line.startswith(("def ", "async def "))), 0)
    lines.insert(at, f"# {declared}")
    return "\n".join(lines)


def plan_module(
    read: ReadResult, header: tuple[str, ...], version: str, configured: tuple[str, ...] = ()
) -> ModulePlan:
    """Plan the generated module for a graph that validated without errors.

    ``configured`` are the configured module specs (``"package.module:Name"``) it was read from.
    """
    p = _Planner(read)
    p.claim_names()
    modules = p.module_instances()
    factories = [p.factory(key) for key in p.order]
    shared = [Factory("shared", text) for text in p.bodies.shared_definitions()]
    names = [(name, code) for name, code in SHAPE_NAMES.items() if name in p.bodies.used]
    setup = names + p.setup(modules)
    provides = [p.provide(key) for key in sorted(p.order)]
    injects = [p.inject_plan(func) for func in read.injects]
    expected = p.expected_calls()
    regenerate = next(
        (h[len("regenerate: ") :] for h in header if h.startswith("regenerate: ")), ""
    )
    automatic = [k for k in sorted(p.order) if k not in read.declared]  # built, not declared
    undeclared = [f"({p.key_obj(k)}, {k.name!r})" for k in automatic]
    inputs = [f"({p.key_obj(k)}, {k.name!r})" for k in read.inputs]
    return ModulePlan(
        header,
        version,
        p.import_lines(stdlib=False),
        p.import_lines(stdlib=True),
        tuple(setup),
        tuple(shared + factories),
        tuple(provides),
        tuple(injects),
        tuple(undeclared),
        tuple(inputs),
        tuple(repr(spec) for spec in configured),
        tuple(expected),
        repr(regenerate or "injectq-gen"),
        p.untyped_calls,
    )
