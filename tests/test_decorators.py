"""Class decorators and @resource registration."""

from collections.abc import Iterator

import pytest

from injectq import BindingError, InjectQ, register_as, resource, scoped, singleton, transient
from tests.services import MemoryRepository, Repository


def test_singleton_and_transient_register_in_the_current_container(current: InjectQ) -> None:
    """@singleton shares one instance; @transient builds a new one each time."""

    @singleton
    class One:
        def __init__(self) -> None: ...

    @transient
    class Many:
        def __init__(self) -> None: ...

    assert current.get(One) is current.get(One)
    assert current.get(Many) is not current.get(Many)


def test_decorators_accept_an_explicit_container() -> None:
    """container= targets a specific container."""
    own = InjectQ()

    class Thing:
        def __init__(self) -> None: ...

    singleton(Thing, container=own)
    assert own.has(Thing)


def test_bare_scoped_means_request(current: InjectQ) -> None:
    """Bare @scoped keeps the class a class and binds it in the request scope."""

    @scoped
    class PerRequest:
        def __init__(self) -> None: ...

    assert isinstance(PerRequest, type)
    with current.scope("request"):
        first = current.get(PerRequest)
        assert current.get(PerRequest) is first
    with current.scope("request"):
        assert current.get(PerRequest) is not first


def test_scoped_with_name(current: InjectQ) -> None:
    """@scoped("action") binds in the action scope."""

    @scoped("action")
    class PerAction:
        def __init__(self) -> None: ...

    with current.scope("action"):
        assert current.get(PerAction) is current.get(PerAction)


def test_register_as_binds_the_interface(current: InjectQ) -> None:
    """@register_as(Interface) binds the interface to the decorated class."""
    register_as(Repository)(MemoryRepository)
    assert isinstance(current.get(Repository), MemoryRepository)


def test_decorators_refuse_non_classes(current: InjectQ) -> None:
    """A class decorator on a function is a BindingError."""
    with pytest.raises(BindingError):
        singleton(lambda: None)  # type: ignore[arg-type]


def test_resource_function_is_bound_under_the_type_it_yields(current: InjectQ) -> None:
    """@resource binds a generator under its yielded type; cleanup runs at scope end."""
    events: list[str] = []

    class Connection:
        def __init__(self) -> None:
            events.append("open")

    @resource(scope="request")
    def connect() -> Iterator[Connection]:
        connection = Connection()
        yield connection
        events.append("close")

    with current.scope("request"):
        assert current.get(Connection) is current.get(Connection)
    assert events == ["open", "close"]
    assert connect._is_resource  # type: ignore[attr-defined]
