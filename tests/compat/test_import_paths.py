"""0.5's import paths: utils submodules, modules.base, testing.utilities, decorator submodules."""

from __future__ import annotations

import importlib
import subprocess
import sys
from typing import Optional

import pytest

import injectq
from injectq import Inject, InjectQ


def test_import_injectq_does_not_load_diagnostics_or_components() -> None:
    """The lazy top-level names load their package on first access only."""
    code = (
        "import sys, injectq\n"
        "lazy = ('injectq.diagnostics', 'injectq.components')\n"
        "print(any(m in sys.modules for m in lazy))\n"
        "injectq.DependencyVisualizer, injectq.ComponentState\n"
        "print(all(m in sys.modules for m in lazy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["False", "True"]


def test_lazy_top_level_names_are_the_package_objects() -> None:
    """injectq.X is injectq.diagnostics.X / injectq.components.X, and listed in __all__."""
    from injectq import components, diagnostics

    for name in ("DependencyValidator", "DependencyVisualizer", "DependencyProfiler"):
        assert getattr(injectq, name) is getattr(diagnostics, name) and name in injectq.__all__
    for name in components.__all__:
        assert getattr(injectq, name) is getattr(components, name) and name in injectq.__all__
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        injectq.Nope  # noqa: B018


@pytest.mark.parametrize(
    ("module", "names"),
    [
        (
            "injectq.utils.exceptions",
            "AlreadyRegisteredError BindingError CircularDependencyError "
            "DependencyNotFoundError InjectionError InjectQError ScopeError",
        ),
        (
            "injectq.utils.types",
            "BindingDict ServiceFactory ServiceInstance ServiceKey get_type_name "
            "is_concrete_type is_generic_type normalize_type format_type_name",
        ),
        (
            "injectq.utils.protocols",
            "AnyFactory AnyProvider AnyResourceProvider AsyncFactory AsyncProvider "
            "AsyncResourceProvider Configurable Factory Injectable InjectableAsyncFunction "
            "InjectableCallable InjectableFunction Provider Resolvable ResourceProvider ScopeAware",
        ),
        (
            "injectq.utils.helpers",
            "ThreadLocalStorage format_type_name get_class_constructor_dependencies "
            "get_function_dependencies is_injectable_class is_injectable_function safe_issubclass",
        ),
        ("injectq.utils.logging", "logger"),
        ("injectq.modules.base", "ConfigurationModule Module ProviderModule SimpleModule provider"),
        (
            "injectq.testing.utilities",
            "MockFactory TestModule create_test_module mock_factory override_dependency "
            "pytest_container_fixture test_container",
        ),
        ("injectq.decorators.inject", "Inject inject"),
        ("injectq.decorators.singleton", "register_as scoped singleton transient"),
        (
            "injectq.decorators.resource",
            "ResourceLifecycle SyncResourceLifecycle AsyncResourceLifecycle ResourceManager "
            "ResourceError resource managed_resource async_managed_resource get_resource_manager",
        ),
        (
            "injectq.decorators",
            "Inject inject register_as resource scoped singleton transient "
            "managed_resource async_managed_resource get_resource_manager",
        ),
    ],
)
def test_0_5_module_exports_its_names(module: str, names: str) -> None:
    """Each 0.5 module path imports and has every name 0.5 exported there."""
    loaded = importlib.import_module(module)
    assert [n for n in names.split() if not hasattr(loaded, n)] == []


def test_utils_reexports_are_the_runtime_objects() -> None:
    """The 0.5 paths are the same objects as the top-level names, never copies."""
    from injectq.decorators.inject import inject
    from injectq.decorators.singleton import singleton
    from injectq.modules.base import Module
    from injectq.testing.utilities import override_dependency
    from injectq.utils import AlreadyRegisteredError, DependencyNotFoundError, logger

    assert (inject, singleton, Module) == (injectq.inject, injectq.singleton, injectq.Module)
    assert override_dependency is injectq.testing.override_dependency
    assert DependencyNotFoundError is injectq.DependencyNotFoundError
    assert logger is injectq.logger and AlreadyRegisteredError.__module__ == "injectq._errors"


def test_importing_a_decorator_submodule_keeps_the_decorator() -> None:
    """injectq.decorators.resource stays the function after its 0.5 submodule is imported."""
    import injectq.decorators
    import injectq.decorators.inject
    import injectq.decorators.resource
    import injectq.decorators.singleton

    assert injectq.decorators.resource is injectq.resource
    assert injectq.decorators.inject is injectq.inject
    assert injectq.decorators.singleton is injectq.singleton


def test_class_decorator_from_0_5_path_registers(current: InjectQ) -> None:
    """@singleton imported from injectq.decorators.singleton binds on the current container."""
    from injectq.decorators.singleton import singleton

    @singleton
    class Settings:
        def __init__(self) -> None:
            self.debug = True

    assert current.get(Settings) is current.get(Settings)


class Database:
    def __init__(self) -> None:
        self.url = "sqlite://"


class Repo:
    def __init__(self, db: Database, cache: Optional[dict[str, int]] = None) -> None:  # noqa: UP045
        self.db = db


def test_dependency_helpers_read_parameters_like_the_container() -> None:
    """get_*_dependencies map each typed parameter to its key (Optional/generics reduced)."""
    from injectq.utils.helpers import (
        get_class_constructor_dependencies,
        get_function_dependencies,
    )

    def handler(repo: Repo, limit: int, name: str = "x", db: Database = Inject(Database)) -> None:
        pass

    assert get_class_constructor_dependencies(Repo) == {"db": Database, "cache": dict}
    assert get_function_dependencies(handler) == {
        "repo": Repo,
        "limit": int,
        "name": str,
        "db": Database,
    }


def test_type_helpers_follow_0_5() -> None:
    """normalize_type, is_generic_type, get_type_name, safe_issubclass, is_injectable_class."""
    from injectq.utils import (
        ThreadLocalStorage,
        get_type_name,
        is_concrete_type,
        is_generic_type,
        is_injectable_class,
        normalize_type,
        safe_issubclass,
    )

    assert normalize_type(Optional[Repo]) is Repo  # noqa: UP045
    assert normalize_type(Repo | None) is Repo
    assert normalize_type(list[int]) is list and normalize_type("Repo") == "Repo"
    assert normalize_type(int | str) is int
    assert is_generic_type(list[int]) and not is_generic_type(list)
    assert is_concrete_type(Repo) and not is_concrete_type(list[int])
    assert get_type_name(Repo) == "Repo"
    assert safe_issubclass(Repo, object) and not safe_issubclass("Repo", object)
    assert is_injectable_class(Repo) and not is_injectable_class(str)
    storage = ThreadLocalStorage()
    storage.set("k", 1)
    assert storage.get("k") == 1
    storage.delete("k")
    assert storage.get("k", "gone") == "gone"
