"""The plan: everything a generated module contains, decided here so templates only print.

From the validated graph it computes the factory functions in dependency order, their names and
forms, cleanup owners for resources, the registrations and injection plans, and the sorted,
aliased imports. How each value is written as an expression is ``_exprs.py``'s part.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._read import ReadResult, Recipe
from .._runtime import SINGLETON, TRANSIENT, Binding, Key, Kind
from ._expressions import Expressions, cache_ident, fn_name, join, share_reads
from ._names import snake_case

__all__ = ["Factory", "ModulePlan", "Provide", "cache_ident", "plan_module"]

_UNTYPED = "  # type: ignore[no-untyped-call]"
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
    options: str  # ", kind=..., impl=..., args=..." where they differ from the defaults


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
    modules: tuple[str, ...] = ()  # the configured modules, as code: installing them is a no-op


class _Planner(Expressions):
    """The factories, registrations and injection plans of one generated module."""

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
            create = f"{self.callee(recipe)}({join(local)})"
            untyped = untyped or not recipe.typed
            if binding.kind.is_resource:
                enter = "enter_gen" if binding.kind is Kind.GENERATOR else "enter"
                create = f"s.{enter}({create}, {cache_ident(binding.key)!r})"
            form = "scoped_prepared"
            ready_prepare = self.ready_lines(binding, scope, recipe)
            if ready_prepare is not None:
                ready_fn = self.ready_fn[key] = self.names.claim(f"{fn}_ready")
        else:
            self.once = lifetime == SINGLETON  # runs once: read other singletons by a call
            create, untyped = self.create(binding, owner, scope)
            self.once = False
            create = share_reads(create, self.names.claim)
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
                code, _ = self.dep_expr(dep, param.lazy, 0, scope, current=param.current)
            lines.append(f"a{i} = {code}")
        return tuple(lines)

    def provide(self, key: Key) -> Provide:
        binding = self.graph.lookup(key)
        assert binding is not None
        fn = self.fn[key]
        is_async = self.needs_async[key]
        recipe = self.read.recipes[key]
        key_obj = self.key_obj(key)
        options: list[str] = []  # only what differs from Wiring.provide's defaults
        if recipe.expr is not None:  # an instance expression: no constructor to rebuild
            deps = [f"({self.key_obj(d)}, {d.name!r})" for d in self.deps_of(binding)]
            if deps:
                options.append(f"deps={_tuple(deps)}")
            options.append(f"kind={Kind.INSTANCE.value!r}")
        else:
            impl = self.callee(recipe)
            if binding.kind is not Kind.CLASS:
                options.append(f"kind={binding.kind.value!r}")
            if impl != key_obj or binding.kind is not Kind.CLASS:
                options.append(f"impl={impl}")
            args = self.override_args(binding)
            if args:
                options.append(f"args={_tuple(args)}")
        if binding.location:  # validate() of the generated container shows each hop's file:line
            options.append(f"location={binding.location!r}")
        return Provide(
            key_obj,
            repr(key.name),
            repr(binding.lifetime),
            "None" if is_async else fn,
            fn if is_async else "None",
            "".join(f", {option}" for option in options),
        )

    def deps_of(self, binding: Binding) -> list[Key]:
        return [d for d in (self.resolve(p) for p in binding.params) if d is not None]

    def override_args(self, binding: Binding) -> list[str]:
        """(param, key, name, positional) per passed argument, for rebuilding under overrides.

        A handle parameter's key is written as the handle (``_iq.Lazy[K]``, ``_iq.Current[K]``)
        so the rebuilt value is a handle too.
        """
        args: list[str] = []
        by_keyword = False
        for param in binding.params:
            dep = self.resolve(param)
            if dep is None:
                by_keyword = by_keyword or param.has_default
                continue
            by_keyword = by_keyword or not param.positional
            key = self.key_obj(dep)
            if param.lazy and dep != self.read.container_key and dep not in self.inputs:
                key = f"_iq.{'Current' if param.current else 'Lazy'}[{key}]"
            args.append(f"({param.name!r}, {key}, {dep.name!r}, {not by_keyword})")
        return args


def _tuple(items: list[str]) -> str:
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def plan_module(
    read: ReadResult, header: tuple[str, ...], version: str, modules: tuple[str, ...] = ()
) -> ModulePlan:
    """Plan the generated module for a graph that validated without errors.

    ``modules`` are the configured module specs (``"package.module:Name"``) it was read from.
    """
    p = _Planner(read)
    graph = read.graph
    for key in sorted(graph.snapshot()):
        p.visit(key, set())
    for key in read.inputs:
        p.inputs[key] = p.names.claim(fn_name(key))
    for key in sorted(p.order):
        p.fn[key] = p.names.claim(fn_name(key))
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
        tuple(repr(spec) for spec in modules),
    )
