"""Reading parameters and hints: the fast paths report what inspect and typing report."""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from typing import Annotated, Any, Optional, get_type_hints

import pytest

import injectq._runtime.introspect as introspect
from injectq import InjectQ, Named
from tests.services import Cache, Config, Database

Alias = list[int]


def every_kind(a, b: int = 1, /, c: str = "x", *args: int, d, e: float = 2.0, **kw: str):  # type: ignore[no-untyped-def]
    """Each kind of parameter, with and without defaults and annotations."""


def keyword_only(*, k: Database, j: Cache = Cache()) -> None:  # noqa: B008
    """Keyword-only parameters."""


def bare_names(db: Database, cache: Cache, count: int, label: str = "") -> None:
    """Annotations that are bare class names (strings under postponed evaluation)."""


def not_bare(items: Alias, maybe: Optional[Database], named: Annotated[Cache, Named("x")]) -> None:  # noqa: UP045
    """Annotations that need typing to evaluate."""


FUNCTIONS: list[Callable[..., Any]] = [every_kind, keyword_only, bare_names, not_bare, Config]


@pytest.mark.parametrize("fn", FUNCTIONS, ids=lambda f: f.__name__)
def test_parameters_read_from_code_match_inspect_signature(fn: Callable[..., Any]) -> None:
    """Names, kinds, defaults and raw annotations come out as inspect.signature has them."""
    target = fn.__init__ if isinstance(fn, type) else fn  # type: ignore[misc]  # a class's init
    expected = [
        (p.name, p.kind, p.default, p.annotation)
        for p in inspect.signature(target).parameters.values()
    ]
    assert introspect._from_code(target) == expected


@pytest.mark.skipif(sys.version_info < (3, 11), reason="3.10 always takes get_type_hints")
@pytest.mark.parametrize("fn", [bare_names, every_kind], ids=lambda f: f.__name__)
def test_bare_name_hints_match_get_type_hints(fn: Callable[..., Any]) -> None:
    """Bare class names resolve from the function's globals, as get_type_hints resolves them."""
    expected = get_type_hints(fn)
    expected.pop("return", None)
    assert introspect._simple_hints(fn) == expected


def test_other_annotations_are_left_to_get_type_hints() -> None:
    """Aliases, Optional and Annotated take the general path, which evaluates them."""
    assert introspect._simple_hints(not_bare) is None
    hints = introspect._hints(not_bare, not_bare)
    assert hints["items"] == list[int]
    assert hints["maybe"] == Optional[Database]  # noqa: UP045
    assert hints["named"] == Annotated[Cache, Named("x")]


def test_a_named_annotation_still_selects_the_named_binding() -> None:
    """The general path keeps Annotated qualifiers, so named bindings still resolve."""

    class Needs:
        def __init__(self, cache: Annotated[Cache, Named("hot")]) -> None:
            self.cache = cache

    container = InjectQ()
    hot = Cache()
    container.bind_instance(Cache, hot, name="hot")
    container.bind_instance(Cache, Cache())
    assert container.get(Needs).cache is hot
