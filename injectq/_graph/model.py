"""The graph model shared by the runtime container and the build-time generator.

A graph is a set of :class:`Binding` objects indexed by :class:`Key`. The runtime container builds
it by introspecting live declarations; ``injectq_codegen`` builds the same model from source text.
Both hand it to :func:`injectq._graph.validate`.
"""

from __future__ import annotations

import enum

from .._errors import shown_location
from . import SINGLETON, TRANSIENT, is_scoped, normalize_scope
from .record import Record

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any

__all__ = [
    "SINGLETON",
    "TRANSIENT",
    "Binding",
    "Duplicate",
    "Graph",
    "Key",
    "Kind",
    "Param",
    "is_scoped",
    "normalize_scope",
]


class Key(Record):
    """A key of the graph: a qualified type name or a quoted string, plus an optional name.

    ``ident`` is ``"package.module.Class"`` for a type and ``"'text'"`` for a string key, so a key
    built from a live type equals the key the static reader builds from its qualified name.
    """

    __slots__ = ("ident", "name")

    def __init__(self, ident: str, name: str | None = None) -> None:
        self.ident = ident
        self.name = name

    def __eq__(self, other: object) -> bool:  # Record's, spelled out: keys index every table
        if other.__class__ is not Key:
            return NotImplemented
        assert isinstance(other, Key)
        return self.ident == other.ident and self.name == other.name

    def __hash__(self) -> int:
        return hash((self.ident, self.name))

    @classmethod
    def of(cls, obj: object, name: str | None = None) -> Key:
        """The key of a live type, string or other hashable."""
        if isinstance(obj, str):
            return cls(repr(obj), name)
        if isinstance(obj, type):
            return cls(f"{obj.__module__}.{obj.__qualname__}", name)
        return cls(repr(obj), name)

    @classmethod
    def string(cls, text: str) -> Key:
        """The key of a string (a value bound by name)."""
        return cls(repr(text))

    @property
    def order(self) -> tuple[str, str]:
        """Sort order: by ident, the unnamed key first, then by name."""
        return self.ident, "" if self.name is None else f"={self.name}"

    def __lt__(self, other: Key) -> bool:
        return self.order < other.order

    @property
    def is_string(self) -> bool:
        """Whether the key is a quoted string rather than a type."""
        return self.ident[:1] in ("'", '"')

    @property
    def short(self) -> str:
        """The last dotted component, used to find near misses."""
        return self.ident.rsplit(".", 1)[-1]

    def __str__(self) -> str:
        base = self.ident
        if base.startswith("builtins."):
            base = base[len("builtins.") :]
        return base if self.name is None else f"{base}[name={self.name!r}]"


class Kind(str, enum.Enum):
    """How a binding produces its value."""

    CLASS = "class"
    INSTANCE = "instance"
    FACTORY = "factory"
    ASYNC_FACTORY = "async_factory"
    GENERATOR = "generator"
    ASYNC_GENERATOR = "async_generator"
    CONTEXT_MANAGER = "context_manager"
    ASYNC_CONTEXT_MANAGER = "async_context_manager"
    AWAITABLE = "awaitable"

    @property
    def is_async(self) -> bool:
        """Whether producing the value needs ``await``."""
        return self in _ASYNC_KINDS

    @property
    def is_resource(self) -> bool:
        """Whether the value is a resource with a teardown."""
        return self in _RESOURCE_KINDS


_ASYNC_KINDS = frozenset(
    {Kind.ASYNC_FACTORY, Kind.ASYNC_GENERATOR, Kind.ASYNC_CONTEXT_MANAGER, Kind.AWAITABLE}
)
_RESOURCE_KINDS = frozenset(
    {Kind.GENERATOR, Kind.ASYNC_GENERATOR, Kind.CONTEXT_MANAGER, Kind.ASYNC_CONTEXT_MANAGER}
)


class Param(Record):
    """One injectable parameter of a constructor, factory, provider or ``@inject`` function.

    Resolution matches by name first (a string key equal to ``name``), then by ``key``.
    ``lazy`` marks a deferred handle (``Lazy[T]``, or ``Current[T]`` when ``current`` is set):
    the dependency is not resolved when the owner is built.
    """

    __slots__ = (  # noqa: RUF023  # field order: the repr and the constructor's
        "name",
        "key",
        "has_default",
        "optional",
        "lazy",
        "explicit",
        "positional",
        "default",
        "annotation",
        "current",
    )
    _hidden = frozenset({"default", "annotation"})

    def __init__(
        self,
        name: str,
        key: Key | None,
        has_default: bool = False,
        optional: bool = False,
        lazy: bool = False,
        explicit: bool = False,
        positional: bool = True,
        default: Any = None,
        annotation: Any = None,
        current: bool = False,
    ) -> None:
        self.name = name
        self.key = key
        self.has_default = has_default
        self.optional = optional
        self.lazy = lazy
        self.explicit = explicit  # Inject[T] default or Annotated[..., Named(...)]: never by name
        self.positional = positional
        self.default = default
        self.annotation = annotation
        self.current = current  # with lazy: Current[T], resolved again on every get()

    @property
    def required(self) -> bool:
        """Whether resolution fails without a binding (no default, not optional)."""
        return not (self.has_default or self.optional)


class Binding(Record):
    """How one key is provided.

    ``factory_table`` marks 0.5's factory registry (``bind_factory`` / ``factories[...]``), which
    wins over a plain binding on the same key. ``obj`` is the live implementation in runtime mode
    and ``None`` in the static model; it never takes part in equality.
    """

    __slots__ = (  # noqa: RUF023  # field order: the repr and the constructor's
        "key",
        "kind",
        "lifetime",
        "params",
        "target",
        "location",
        "factory_table",
        "abstract",
        "obj",
    )
    _hidden = frozenset({"obj"})

    def __init__(
        self,
        key: Key,
        kind: Kind,
        lifetime: str,
        params: tuple[Param, ...] = (),
        target: str = "",
        location: str | None = None,
        factory_table: bool = False,
        abstract: bool = False,
        obj: Any = None,
    ) -> None:
        self.key = key
        self.kind = kind
        self.lifetime = lifetime
        self.params = params
        self.target = target
        self.location = location
        self.factory_table = factory_table
        self.abstract = abstract
        self.obj = obj

    @property
    def is_async(self) -> bool:
        """Whether producing the value needs ``await``."""
        return self.kind.is_async

    def with_params(self, params: tuple[Param, ...]) -> Binding:
        """The same binding with its parameters analysed (cheaper than ``replace``)."""
        return Binding(
            self.key,
            self.kind,
            self.lifetime,
            params,
            self.target,
            self.location,
            self.factory_table,
            self.abstract,
            self.obj,
        )

    def describe(self) -> str:
        """A one-line summary: key, target, lifetime and location."""
        location = shown_location(self.location)
        where = f" at {location}" if location else ""
        return f"{self.key} -> {self.target or self.kind.value} ({self.lifetime}){where}"


class Duplicate(Record):
    """A key bound twice; the later binding wins, as at runtime."""

    __slots__ = ("key", "first", "second")  # noqa: RUF023  # field order

    def __init__(self, key: Key, first: str | None, second: str | None) -> None:
        self.key = key
        self.first = first
        self.second = second


class Graph(Record):
    """Bindings and factories by key, the keys provided from outside, and recorded duplicates."""

    __slots__ = ("bindings", "factories", "provided", "duplicates", "auto")  # noqa: RUF023
    __hash__ = None  # type: ignore[assignment]  # mutable: compared, never hashed

    def __init__(
        self,
        bindings: dict[Key, Binding] | None = None,
        factories: dict[Key, Binding] | None = None,
        provided: frozenset[Key] = frozenset(),
        duplicates: list[Duplicate] | None = None,
        auto: Callable[[Key], Binding | None] | None = None,
    ) -> None:
        self.bindings: dict[Key, Binding] = {} if bindings is None else bindings
        self.factories: dict[Key, Binding] = {} if factories is None else factories
        self.provided = provided
        self.duplicates: list[Duplicate] = [] if duplicates is None else duplicates
        self.auto = auto

    def add(self, binding: Binding) -> None:
        """Add a binding; a key bound twice is recorded as a duplicate (the later wins)."""
        table = self.factories if binding.factory_table else self.bindings
        previous = table.get(binding.key)
        if previous is not None:
            self.duplicates.append(Duplicate(binding.key, previous.location, binding.location))
        table[binding.key] = binding

    def lookup(self, key: Key) -> Binding | None:
        """The binding that resolves ``key``: a factory first, then a binding, then auto-built."""
        found = self.factories.get(key) or self.bindings.get(key)
        if found is None and self.auto is not None and key not in self.provided:
            found = self.auto(key)
        return found

    def has(self, key: Key) -> bool:
        """Whether the key is bound, a factory, or provided from outside."""
        return key in self.provided or key in self.factories or key in self.bindings

    def all_keys(self) -> list[Key]:
        """Every bound key, sorted."""
        return sorted(set(self.bindings) | set(self.factories))

    def resolve_param(self, param: Param) -> Key | None:
        """The key a parameter resolves to (name first, then type), or None when unresolvable."""
        if not param.explicit:
            by_name = Key.string(param.name)
            if self.has(by_name):
                return by_name
        if param.key is None:
            return None
        if self.has(param.key) or self.lookup(param.key) is not None:
            return param.key
        return None

    def snapshot(self) -> Mapping[Key, Binding]:
        """Every effective binding (factories win), for comparing two graphs."""
        merged = dict(self.bindings)
        merged.update(self.factories)
        return merged
