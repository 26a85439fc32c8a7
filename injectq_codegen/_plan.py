"""The plan: everything a generated module contains, decided here so templates only print.

From the validated graph it computes the factory functions in dependency order, their names,
construction expressions (whole transient subtrees inlined, positional arguments where allowed),
awaits on async paths only, cleanup owners for resources, and the sorted, aliased imports.
"""

from __future__ import annotations

from dataclasses import dataclass

from injectq._graph import SINGLETON, TRANSIENT, Binding, Graph, Key, Kind, Param

from ._imports import Imports
from ._model import ExprRef, ReadResult, Recipe
from ._names import Namer, snake_case
from ._sources import Symbol

__all__ = ["Factory", "ModulePlan", "Provide", "cache_ident", "plan_module"]

_UNTYPED = "  # type: ignore[no-untyped-call]"
_MAX_INLINE = 6  # nesting depth of an inlined subtree
_MAX_INLINED = 24  # constructions inlined into one factory; a larger subtree calls factories
_ENTER_INLINE = {
    Kind.GENERATOR: "gen",
    Kind.CONTEXT_MANAGER: "cm",
    Kind.ASYNC_GENERATOR: "agen",
    Kind.ASYNC_CONTEXT_MANAGER: "acm",
}


@dataclass(frozen=True, slots=True)
class Factory:
    """One factory function of ``wire()``; ``form`` names the template block that prints it."""

    form: str
    fn: str
    slot: str
    create_fn: str
    returns: str
    create: str
    scope_var: str
    ignore: str
    key: str = ""
    fn_in: str = ""
    resource: bool = False
    prepare: tuple[str, ...] = ()
    scope_name: str = "''"
    ready_fn: str = ""
    ready_prepare: tuple[str, ...] = ()
    raw: str = ""  # a scoped resource's construction, entered inline: enter is its kind
    enter: str = ""
    what: str = ""


@dataclass(frozen=True, slots=True)
class Provide:
    """One ``w.provide(...)`` registration, every argument as code."""

    key: str
    name: str
    lifetime: str
    get: str
    aget: str
    deps: str
    kind: str
    impl: str
    args: str


@dataclass(frozen=True, slots=True)
class ModulePlan:
    """The whole generated module, ready to print."""

    header: tuple[str, ...]
    version: str
    imports: tuple[str, ...]
    top_imports: tuple[str, ...]
    setup: tuple[tuple[str, str], ...]
    factories: tuple[Factory, ...]
    provides: tuple[Provide, ...]
    inject_plans: tuple[tuple[str, str], ...]
    declared: tuple[str, ...]
    inputs: tuple[str, ...]
    uses_lock: bool
    uses_missing: bool
    uses_ready: bool


def cache_ident(key: Key) -> str:
    """The text a key is cached under at runtime: ``Key.ident`` plus ``[name]``."""
    return key.ident if key.name is None else f"{key.ident}[{key.name}]"


class _Planner(Imports):
    def __init__(self, read: ReadResult) -> None:
        super().__init__(Namer())
        self.read = read
        self.graph: Graph = read.graph
        self.fn: dict[Key, str] = {}
        self.needs_async: dict[Key, bool] = {}
        self.order: list[Key] = []
        self.inputs: dict[Key, str] = {}
        self.modules: dict[Symbol, str] = {}
        self.scopes: dict[str, str] = {}
        self.slots: dict[Key, str] = {}
        self.cells: dict[Key, str] = {}
        self.fn_in: dict[Key, str] = {}
        self.named_keys: dict[Key, str] = {}
        self.key_setup: list[tuple[str, str]] = []
        self.ready_fn: dict[Key, str] = {}
        # Same-block async values awaited first by the factory being planned, by local name:
        # what depends only on them is then built inline, with no coroutine per dependency.
        self.hoisted: dict[Key, str] = {}
        self.inlined = 0  # constructions inlined so far into the factory being planned
        self.resolved: dict[int, tuple[Param, Key | None]] = {}  # by id(param), param kept alive

    def resolve(self, param: Param) -> Key | None:
        """``graph.resolve_param``, once per parameter: the graph is fixed while planning."""
        found = self.resolved.get(id(param))
        if found is None:
            found = self.resolved[id(param)] = (param, self.graph.resolve_param(param))
        return found[1]

    def key_obj(self, key: Key) -> str:
        if key.is_string:
            return key.ident
        if key == self.read.container_key:
            return "_iq.InjectQ"
        return self.symbol(self.read.symbols.get(key.ident) or Symbol.guess(key.ident))

    def type_of(self, key: Key, recipe: Recipe) -> str:
        symbol = recipe.returns
        if symbol is None and not key.is_string:
            symbol = self.read.symbols.get(key.ident)
        if symbol is None:
            self.imports.setdefault(("typing", "Any"), ("Any", ""))
            return "Any"
        text = self.symbol(symbol)
        return f"{text} | None" if recipe.may_be_none else text

    # -- order ------------------------------------------------------------------------------
    def visit(self, key: Key, stack: set[Key]) -> bool:
        """Post-order walk from ``key``; returns whether resolving it awaits."""
        if key in self.needs_async:
            return self.needs_async[key]
        if key in stack or key in self.graph.provided:
            return False
        binding = self.graph.lookup(key)
        if binding is None:
            return False
        stack.add(key)
        needs = binding.is_async
        for param in binding.params:
            dep = self.resolve(param)
            if dep is not None and self.visit(dep, stack) and not param.lazy:
                needs = True
        stack.discard(key)
        self.needs_async[key] = needs
        self.order.append(key)
        return needs

    # -- expressions --------------------------------------------------------------------------
    def dep_expr(self, key: Key, lazy: bool, depth: int, scope: str | None) -> tuple[str, bool]:
        """Code for one dependency's value, and whether it calls untyped code.

        ``scope`` names the scope whose state ``s`` the surrounding code holds: a dependency in
        the same scope is built with that state instead of looking the block up again.
        """
        if key == self.read.container_key:
            return "w.container", False
        if key in self.inputs:
            return f"{self.inputs[key]}()", False
        if lazy:
            return f"_iq.Lazy({self.fn[key]})", False
        if key in self.hoisted:
            return self.hoisted[key], False
        binding = self.graph.lookup(key)
        assert binding is not None
        inline = (
            binding.lifetime == TRANSIENT
            and not binding.kind.is_resource
            and binding.kind is not Kind.AWAITABLE
            and depth < _MAX_INLINE
            and self.inlined < _MAX_INLINED
        )
        if inline:
            self.inlined += 1
            return self.construct(binding, depth + 1, scope)
        awaits = self.needs_async[key]
        same_scope = scope is not None and binding.lifetime == scope and key in self.fn_in
        inline_awaits = self.awaits_here(key) if self.hoisted else awaits
        if (
            same_scope
            and not inline_awaits
            and not binding.kind.is_resource
            and depth < _MAX_INLINE
            and self.inlined < _MAX_INLINED
        ):
            # built inline with the block in hand, unless this block already has one
            self.inlined += 1
            k = self.key_expr(key)
            built, untyped = self.construct(binding, depth + 1, scope)
            return f"c[{k}] if {k} in c else c.setdefault({k}, {built})", untyped
        if same_scope:  # built earlier in this block: read it, no call
            k = self.key_expr(key)
            call = f"{'await ' if awaits else ''}{self.fn_in[key]}(s)"
            ready = self.ready_fn.get(key)
            if ready is not None:  # built without a coroutine when what it awaits is ready
                y = self.names.claim("y")
                call = f"{y} if ({y} := {ready}(s, c)) is not None else {call}"
            return f"c[{k}] if {k} in c else {call}", False
        if key in self.slots and not awaits:  # a built singleton is read, not called
            slot = self.slots[key]
            call = f"{slot} if {slot} is not None else {self.fn[key]}()"
        else:
            call = f"{self.fn[key]}()"
        return (f"await {call}" if awaits else call), False

    def awaits_here(self, key: Key) -> bool:
        """Whether building ``key`` inline awaits, given the hoisted values are in hand."""
        if key in self.hoisted or key in self.graph.provided or key in self.inputs:
            return False
        binding = self.graph.lookup(key)
        if binding is None or not self.needs_async.get(key, False):
            return False
        if binding.is_async or (binding.lifetime != TRANSIENT and key not in self.fn_in):
            return True  # awaited itself, or a singleton read through its own function
        for param in binding.params:
            dep = self.resolve(param)
            if dep is not None and not param.lazy and self.awaits_here(dep):
                return True
        return False

    def hoist(self, binding: Binding, scope: str, seen: set[Key]) -> list[str]:
        """Lines awaiting the async values of ``binding``'s same-block subtree, deepest first."""
        lines: list[str] = []
        for param in binding.params:
            dep = self.resolve(param)
            if dep is None or param.lazy or dep in seen or not self.needs_async.get(dep, False):
                continue
            seen.add(dep)
            target = self.graph.lookup(dep)
            if target is None or target.lifetime != scope or dep not in self.fn_in:
                continue
            if not target.is_async:
                lines += self.hoist(target, scope, seen)
                continue
            local = self.hoisted[dep] = f"h{len(self.hoisted)}"
            k = self.key_expr(dep)
            lines.append(f"{local} = c[{k}] if {k} in c else await {self.fn_in[dep]}(s)")
        return lines

    def arg_parts(
        self, binding: Binding, depth: int, scope: str | None = None
    ) -> tuple[list[tuple[str | None, str]], bool]:
        """(keyword or None, code) per passed argument, and whether any calls untyped code."""
        parts: list[tuple[str | None, str]] = []
        untyped = False
        by_keyword = False
        for param in binding.params:
            dep = self.resolve(param)
            if dep is None and param.has_default:
                by_keyword = True
                continue
            code = "None"
            if dep is not None:
                code, dep_untyped = self.dep_expr(dep, param.lazy, depth, scope)
                untyped = untyped or dep_untyped
            by_keyword = by_keyword or not param.positional
            parts.append((param.name if by_keyword else None, code))
        return parts, untyped

    def args(self, binding: Binding, depth: int, scope: str | None = None) -> tuple[str, bool]:
        parts, untyped = self.arg_parts(binding, depth, scope)
        return _join(parts), untyped

    def callee(self, recipe: Recipe) -> str:
        if recipe.method is not None:
            assert recipe.module_class is not None
            return f"{self.modules[recipe.module_class]}.{recipe.method}"
        assert recipe.callee is not None
        return self.symbol(recipe.callee)

    def construct(
        self, binding: Binding, depth: int = 0, scope: str | None = None
    ) -> tuple[str, bool]:
        """The expression building a fresh (not yet entered) value."""
        recipe = self.read.recipes[binding.key]
        if recipe.expr is not None:
            code = "".join(self.piece(p, recipe) for p in recipe.expr)
            return (f"await {code}" if binding.kind is Kind.AWAITABLE else code), False
        args, untyped = self.args(binding, depth, scope)
        callee = self.callee(recipe)
        call = f"{callee}({args})"
        if binding.kind is Kind.ASYNC_FACTORY:
            call = f"await {call}"
        return call, untyped or not recipe.typed

    def piece(self, piece: str | ExprRef, recipe: Recipe) -> str:
        if isinstance(piece, str):
            return piece
        if piece.kind == "self":
            assert recipe.module_class is not None
            return self.modules[recipe.module_class]
        if piece.kind == "module":
            assert piece.module is not None
            return self.module(piece.module)
        assert piece.symbol is not None
        return self.symbol(piece.symbol)

    def create(self, binding: Binding, owner: str, scope: str | None = None) -> tuple[str, bool]:
        """Construct, then enter a resource into ``owner`` so it is cleaned up."""
        code, untyped = self.construct(binding, 0, scope)
        what = repr(cache_ident(binding.key))
        enter = {
            Kind.GENERATOR: "enter_gen",
            Kind.CONTEXT_MANAGER: "enter",
            Kind.ASYNC_GENERATOR: "aenter_agen",
            Kind.ASYNC_CONTEXT_MANAGER: "aenter",
        }.get(binding.kind)
        if enter is not None:
            code = f"{owner}.{enter}({code}, {what})"
            if binding.kind.is_async:
                code = f"await {code}"
        return code, untyped

    def key_expr(self, key: Key) -> str:
        """The key object as code; a named key is built once in ``wire()``'s setup."""
        if key.name is None:
            return self.key_obj(key)
        if key not in self.named_keys:
            var = self.names.claim(f"_k_{_fn_name(key)}")
            self.named_keys[key] = var
            self.key_setup.append(
                (var, f"_iq.NamedKey({self.key_obj(Key(key.ident))}, {key.name!r})")
            )
        return self.named_keys[key]

    # -- factories ----------------------------------------------------------------------------
    def factory(self, key: Key) -> Factory:
        binding = self.graph.lookup(key)
        assert binding is not None
        recipe = self.read.recipes[key]
        self.inlined = 0
        fn = self.fn[key]
        is_async = self.needs_async[key]
        lifetime = (
            SINGLETON if binding.kind in (Kind.INSTANCE, Kind.AWAITABLE) else binding.lifetime
        )
        scope_var, fn_in, scope = "", "", None
        if lifetime == SINGLETON:
            owner, form = "w.owner", "singleton"
            if not is_async and recipe.may_be_none:
                form = "singleton_cell"
        elif lifetime == TRANSIENT:
            owner, form = "w.transient_owner()", "transient"
        else:
            if lifetime not in self.scopes:
                self.scopes[lifetime] = self.names.claim(snake_case(lifetime) + "_ambient")
            scope_var, owner, form, scope = self.scopes[lifetime], "s", "scoped", lifetime
            fn_in = self.fn_in[key]
        prepare: tuple[str, ...] = ()
        ready_prepare: tuple[str, ...] | None = None
        ready_fn = ""
        if is_async and form == "scoped" and not binding.kind.is_async and recipe.expr is None:
            # await the arguments first, then check and build with no await in between
            assert scope is not None
            hoisted = self.hoist(binding, scope, set())
            parts, untyped = self.arg_parts(binding, 0, scope)
            self.hoisted = {}
            prepare = (*hoisted, *(f"a{i} = {code}" for i, (_, code) in enumerate(parts)))
            local = [(keyword, f"a{i}") for i, (keyword, _) in enumerate(parts)]
            create = f"{self.callee(recipe)}({_join(local)})"
            untyped = untyped or not recipe.typed
            if binding.kind.is_resource:
                enter = "enter_gen" if binding.kind is Kind.GENERATOR else "enter"
                create = f"s.{enter}({create}, {cache_ident(binding.key)!r})"
            form = "scoped_prepared"
            ready_prepare = self.ready_lines(binding, scope, recipe)
            if ready_prepare is not None:
                ready_fn = self.ready_fn[key] = self.names.claim(f"{fn}_ready")
        else:
            create, untyped = self.create(binding, owner, scope)
        raw, enter = "", ""
        if form == "scoped" and binding.kind.is_resource:
            raw = self.construct(binding, 0, scope)[0]
            enter = _ENTER_INLINE[binding.kind]
        needs_create_fn = is_async and form == "singleton"
        return Factory(
            form=form + ("_async" if is_async and form != "scoped_prepared" else ""),
            fn=fn,
            slot=self.slots.get(key) or self.cells.get(key, ""),
            create_fn=self.names.claim(f"{fn}_create") if needs_create_fn else "",
            returns=self.type_of(key, recipe),
            create=create,
            scope_var=scope_var,
            ignore=_UNTYPED if untyped else "",
            key=self.key_expr(key),
            fn_in=fn_in,
            resource=binding.kind.is_resource,
            prepare=prepare,
            scope_name=repr(scope) if scope else "''",
            ready_fn=ready_fn,
            ready_prepare=ready_prepare or (),
            raw=raw,
            enter=enter,
            what=repr(cache_ident(binding.key)),
        )

    def ready_lines(
        self, binding: Binding, scope: str | None, recipe: Recipe
    ) -> tuple[str, ...] | None:
        """Argument lines of ``x_ready(s, c)``: awaited arguments read from the block (or a
        built singleton slot) and returning None when one is not built yet; None when some
        awaited argument can only be awaited."""
        if recipe.may_be_none or binding.kind.is_resource:
            return None
        lines: list[str] = []
        i = -1
        for param in binding.params:
            dep = self.resolve(param)
            if dep is None and param.has_default:
                continue
            i += 1
            if dep is None or not self.needs_async.get(dep, False) or param.lazy:
                continue
            target = self.graph.lookup(dep)
            if target is not None and target.lifetime == scope and dep in self.fn_in:
                lines.append(f"a{i} = c.get({self.key_expr(dep)})")
            elif dep in self.slots:
                lines.append(f"a{i} = {self.slots[dep]}")
            else:
                return None
            lines.append(f"if a{i} is None:\n            return None")
        i = -1
        for param in binding.params:  # then the synchronous arguments, in order
            dep = self.resolve(param)
            if dep is None and param.has_default:
                continue
            i += 1
            if dep is not None and self.needs_async.get(dep, False) and not param.lazy:
                continue
            code = "None"
            if dep is not None:
                code, _ = self.dep_expr(dep, param.lazy, 0, scope)
            lines.append(f"a{i} = {code}")
        return tuple(lines)

    def provide(self, key: Key) -> Provide:
        binding = self.graph.lookup(key)
        assert binding is not None
        deps = []
        for param in binding.params:
            dep = self.resolve(param)
            if dep is not None:
                deps.append(f"({self.key_obj(dep)}, {dep.name!r})")
        fn = self.fn[key]
        is_async = self.needs_async[key]
        recipe = self.read.recipes[key]
        impl = "None" if recipe.expr is not None else self.callee(recipe)
        kind = Kind.INSTANCE if recipe.expr is not None else binding.kind
        return Provide(
            self.key_obj(key),
            repr(key.name),
            repr(binding.lifetime),
            "None" if is_async else fn,
            fn if is_async else "None",
            _tuple(deps),
            repr(kind.value),
            impl,
            _tuple(self.override_args(binding)) if recipe.expr is None else "()",
        )

    def override_args(self, binding: Binding) -> list[str]:
        """(param, key, name, positional) per passed argument, for rebuilding under overrides."""
        args: list[str] = []
        by_keyword = False
        for param in binding.params:
            dep = self.resolve(param)
            if dep is None:
                by_keyword = by_keyword or param.has_default
                continue
            by_keyword = by_keyword or not param.positional
            args.append(f"({param.name!r}, {self.key_obj(dep)}, {dep.name!r}, {not by_keyword})")
        return args


def _join(parts: list[tuple[str | None, str]]) -> str:
    return ", ".join(f"{keyword}={code}" if keyword else code for keyword, code in parts)


def _tuple(items: list[str]) -> str:
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def _fn_name(key: Key) -> str:
    base = key.ident.strip("'\"") if key.is_string else snake_case(key.ident.rsplit(".", 1)[-1])
    return base if key.name is None else f"{base}_{key.name}"


def plan_module(read: ReadResult, header: tuple[str, ...], version: str) -> ModulePlan:
    """Plan the generated module for a graph that validated without errors."""
    p = _Planner(read)
    graph = read.graph
    for key in sorted(graph.snapshot()):
        p.visit(key, set())
    for key in read.inputs:
        p.inputs[key] = p.names.claim(_fn_name(key))
    for key in sorted(p.order):
        p.fn[key] = p.names.claim(_fn_name(key))
    for key in sorted(p.order):
        binding = graph.lookup(key)
        assert binding is not None
        lifetime = (
            SINGLETON if binding.kind in (Kind.INSTANCE, Kind.AWAITABLE) else binding.lifetime
        )
        if lifetime == SINGLETON:
            p.slots[key] = p.names.claim(f"_{p.fn[key]}")
            if not p.needs_async[key] and p.read.recipes[key].may_be_none:
                del p.slots[key]  # a list cell holds values that may be None
                p.cells[key] = p.names.claim(f"_{p.fn[key]}")
        elif lifetime != TRANSIENT:
            p.fn_in[key] = p.names.claim(f"{p.fn[key]}_in")
    setup: list[tuple[str, str]] = []
    for symbol in sorted({r.module_class for r in read.recipes.values() if r.module_class}):
        p.modules[symbol] = p.names.claim(snake_case(symbol.short))
        setup.append((p.modules[symbol], f"{p.symbol(symbol)}()"))
    factories = [p.factory(key) for key in p.order]
    setup = [(var, f"w.ambient({name!r})") for name, var in sorted(p.scopes.items())] + setup
    setup = p.key_setup + setup
    for key, var in p.inputs.items():
        setup.append((var, f"w.input({p.key_obj(key)}, {key.name!r})"))
    provides = [p.provide(key) for key in sorted(p.order)]
    injects = []
    for func in read.injects:
        params = []
        for param in func.params:
            dep = p.resolve(param) or param.key
            if dep is None:
                continue
            params.append(f"({param.name!r}, {p.key_obj(dep)}, {dep.name!r}, {param.required})")
        body = "(" + ", ".join(params) + ("," if len(params) == 1 else "") + ")"
        injects.append((repr(func.qualname), body))
    declared = [f"({p.key_obj(k)}, {k.name!r})" for k in sorted(read.declared)]
    inputs = [f"({p.key_obj(k)}, {k.name!r})" for k in read.inputs]
    return ModulePlan(
        header,
        version,
        p.import_lines(stdlib=False),
        p.import_lines(stdlib=True),
        tuple(setup),
        tuple(factories),
        tuple(provides),
        tuple(injects),
        tuple(declared),
        tuple(inputs),
        any(f.form in ("singleton", "singleton_cell") for f in factories),
        any(f.form.startswith("scoped") for f in factories),
        any(f.form in ("singleton", "singleton_cell") for f in factories),
    )
