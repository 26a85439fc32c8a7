"""The registrations of a generated module: ``w.provide`` arguments, ``@inject`` plans and
the calls ``w.expect`` lists for the staleness check."""

from __future__ import annotations

from .._read import InjectFunction, Recipe
from .._runtime import Binding, Key, Kind
from ._expressions import Expressions
from ._module_plan import Provide

__all__ = ["Registrations", "as_tuple", "declaration"]


class Registrations(Expressions):
    """What ``wire()`` registers besides the factory functions."""

    def provide(self, key: Key) -> Provide:
        """The ``w.provide(...)`` registration of ``key``: only what differs from the defaults."""
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
                options.append(f"deps={as_tuple(deps)}")
            kind = Kind.AWAITABLE if binding.kind is Kind.AWAITABLE else Kind.INSTANCE
            options.append(f"kind={kind.value!r}")
        else:
            impl = self.callee(recipe)
            if binding.kind is not Kind.CLASS:
                options.append(f"kind={binding.kind.value!r}")
            if impl != key_obj or binding.kind is not Kind.CLASS:
                options.append(f"impl={impl}")
            options += self.override_args(binding)
        declared = declaration(recipe, callee_first=True)
        if declared:  # validate() of the generated container shows each hop's file:line
            options.append(f"location={declared!r}")
        return Provide(
            key_obj,
            repr(key.name),
            repr(binding.lifetime),
            "None" if is_async else fn,
            fn if is_async else "None",
            "".join(f", {option}" for option in options),
        )

    def inject_plan(self, func: InjectFunction) -> tuple[str, str]:
        """An ``@inject`` function's plan: (qualname, its injected parameters) as code."""
        params = []
        for param in func.params:
            dep = self.resolve(param) or param.key
            if dep is None:
                continue
            params.append(f"({param.name!r}, {self.key_obj(dep)}, {dep.name!r}, {param.required})")
        return repr(func.qualname), as_tuple(params) if params else "()"

    def expected_calls(self) -> list[str]:
        """Per class or factory called, ``(callable, parameter names, how many passed by
        position)`` as code: the generated container checks them against the code objects."""
        calls: dict[str, str] = {}
        for key in sorted(self.order):
            binding = self.graph.lookup(key)
            recipe = self.read.recipes[key]
            if binding is None or recipe.expr is not None:
                continue
            if self.checked_by_provide(binding):
                continue
            callee = self.callee(recipe)
            names = tuple(param.name for param in binding.params)
            positional = 0
            for param in binding.params:
                if not param.positional or (param.has_default and self.resolve(param) is None):
                    break
                positional += 1
            calls.setdefault(
                callee, f"({callee}, {as_tuple([repr(n) for n in names])}, {positional})"
            )
        return list(calls.values())

    def checked_by_provide(self, binding: Binding) -> bool:
        """Whether ``w.provide``'s ``names=`` are every parameter, each passed by position: the
        container checks the callable against them, so ``w.expect`` need not list it."""
        written = self.override_args(binding)
        if written == ["names=()"]:
            return True
        return len(written) == 2 and len(self.deps_of(binding)) == len(binding.params)

    def deps_of(self, binding: Binding) -> list[Key]:
        """The keys ``binding``'s resolved parameters depend on."""
        return [d for d in (self.resolve(p) for p in binding.params) if d is not None]

    def override_args(self, binding: Binding) -> list[str]:
        """``args=`` (and ``names=``) of ``w.provide``: (param, key, name, positional) per passed
        argument, for rebuilding under overrides; written as ``args=(K1, K2), names=('a', 'b')``
        when every one is a plain positional key (no qualifier, no handle).

        A handle parameter's key is written as the handle (``_iq.Lazy[K]``, ``_iq.Current[K]``)
        so the rebuilt value is a handle too.
        """
        args: list[tuple[str, str, str | None, bool]] = []
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
            args.append((param.name, key, dep.name, not by_keyword))
        if not args:
            return [] if binding.params else ["names=()"]
        if all(name is None and positional for _, key, name, positional in args):
            keys = as_tuple([key for _, key, _, _ in args])
            return [f"args={keys}", f"names={as_tuple([repr(p) for p, _, _, _ in args])}"]
        listed = [f"({p!r}, {k}, {n!r}, {pos})" for p, k, n, pos in args]
        return [f"args={as_tuple(listed)}"]


def declaration(recipe: Recipe, *, callee_first: bool) -> str:
    """``module:qualname`` of the declaring body, or of what the binding calls when that is
    first (or the only one): no line number, so a comment-only edit changes nothing."""
    callee = recipe.callee
    called = f"{callee.module}:{callee.qualname}" if callee else ""
    return (called or recipe.declared) if callee_first else (recipe.declared or called)


def as_tuple(items: list[str]) -> str:
    """Items as the code of a tuple."""
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
