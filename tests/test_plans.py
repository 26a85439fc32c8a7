"""Resolution plans: computed once, reused, and invalidated exactly where a re-bind reaches."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest

import injectq._runtime.introspect as introspect
from injectq import InjectionError, InjectQ, inject
from tests.services import Cache, Config, Database, MemoryRepository, Repository, UserService


def _counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count the reflection entry points: parameter listing and type hints."""
    calls = {"parameters": 0, "hints": 0}
    real_listed, real_hints = introspect._listed, introspect._hints

    def listed(*args: Any, **kwargs: Any) -> Any:
        calls["parameters"] += 1
        return real_listed(*args, **kwargs)

    def hints(*args: Any, **kwargs: Any) -> Any:
        calls["hints"] += 1
        return real_hints(*args, **kwargs)

    monkeypatch.setattr(introspect, "_listed", listed)
    monkeypatch.setattr(introspect, "_hints", hints)
    return calls


def test_second_resolution_does_not_reflect(
    container: InjectQ, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Signatures and hints are read on the first resolution only (the patch sees the first)."""
    calls = _counting(monkeypatch)
    container.bind(Database, Database, scope="transient")
    container.get(UserService)
    assert calls["parameters"] > 0 and calls["hints"] > 0
    before = dict(calls)
    container.get(UserService)
    container.get(UserService)
    assert calls == before


def test_inject_analyses_once(current: InjectQ, monkeypatch: pytest.MonkeyPatch) -> None:
    """@inject reads the function's parameters on the first call only."""
    calls = _counting(monkeypatch)

    @inject
    def handler(cache: Cache) -> Cache:
        return cache

    handler()
    before = dict(calls)
    assert before["parameters"] > 0
    handler()
    assert calls == before


def test_rebinding_after_resolution_takes_effect(container: InjectQ) -> None:
    """Re-binding a resolved key replaces the cached singleton."""
    container["k"] = "v1"
    assert container["k"] == "v1"
    container["k"] = "v2"
    assert container["k"] == "v2"


def test_rebinding_reaches_dependents_and_only_them(container: InjectQ) -> None:
    """Dependents of the changed key are rebuilt; unrelated singletons stay the same object."""
    container.bind(Repository, MemoryRepository)
    container.bind(Cache, Cache)

    class Service:
        def __init__(self, repo: Repository) -> None:
            self.repo = repo

    container.bind(Service, Service)
    service, cache = container.get(Service), container.get(Cache)
    replacement = MemoryRepository()
    container.bind_instance(Repository, replacement)
    assert container.get(Service) is not service
    assert container.get(Service).repo is replacement
    assert container.get(Cache) is cache


def test_binding_a_name_key_later_changes_name_matched_parameters(container: InjectQ) -> None:
    """A plan that fell back to the type is rebuilt once a same-named string key appears."""

    class Client:
        def __init__(self, config: Config) -> None:
            self.config = config

    container.bind(Client, Client, scope="transient")
    assert isinstance(container.get(Client).config, Config)
    special = Config()
    container["config"] = special
    assert container.get(Client).config is special


def test_type_checking_import_resolves_when_importable(container: InjectQ) -> None:
    """A name imported only under TYPE_CHECKING is resolved at first use if importable."""
    from tests.typing_only import UsesCache

    assert isinstance(container.get(UsesCache).cache, Cache)


def test_type_checking_import_that_is_not_importable_is_explained(container: InjectQ) -> None:
    """Otherwise the error names the annotation and says to import it at runtime."""
    from tests.typing_only import UsesPhantom

    with pytest.raises(InjectionError, match=r"'Phantom'.*import it at runtime"):
        container.get(UsesPhantom)


def test_plans_are_reused_not_rebuilt(container: InjectQ) -> None:
    """The same plan object serves every resolution of a key."""
    container.get(UserService)
    plan = container._plans[UserService]
    with mock.patch.object(
        type(container._table.compiler), "_compile", side_effect=AssertionError("recompiled")
    ):
        container.get(UserService)
    assert container._plans[UserService] is plan


def test_every_resolver_shape_composes_into_valid_python() -> None:
    """Each mode, kind and way of reading an argument composes into a function that compiles."""
    import itertools

    from injectq._runtime.resolvers import _compile

    sync_kinds = ["class", "factory", "generator", "context_manager", "instance"]
    sync_args = [(), ((None, "sync"),), ((None, "single"), ("k", "same"))]
    sync_modes = ["transient", "singleton", "scoped", "scoped_resource", "custom"]
    for mode, kind, shape in itertools.product(sync_modes, sync_kinds, sync_args):
        assert callable(_compile(False, mode, kind, shape))
    async_kinds = [*sync_kinds, "async_factory", "async_generator", "async_context_manager"]
    async_args = [
        (),
        ((None, "sync"), (None, "single"), (None, "async_single")),
        ((None, "async_try"), (None, "async_within"), ("k", "async_same")),
        ((None, "async"), ("k", "async_try")),
    ]
    for mode, kind, shape in itertools.product(
        ["transient", "singleton", "scoped"], [*async_kinds, "awaitable"], async_args
    ):
        assert callable(_compile(True, mode, kind, shape))
