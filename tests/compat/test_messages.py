"""0.5's error texts and keyword names, which 0.5 users' tests compare and pass."""

from __future__ import annotations

from typing import Any

import pytest

from examples.shop.events import EventLog
from injectq import BindingError, InjectQ, register_as, scoped, singleton, transient
from injectq.testing import TestModule, override_dependency

from .services import Base, DatabaseService


def not_a_class() -> None:
    """A function: the class decorators refuse it."""


@pytest.mark.parametrize(
    ("decorate", "message"),
    [
        (singleton, "@singleton can only be applied to classes"),
        (transient, "@transient can only be applied to classes"),
        (scoped("request"), "@scoped('request') can only be applied to classes"),
        (register_as(Base), f"@register_as({Base}) can only be applied to classes"),
    ],
)
def test_class_decorators_refuse_functions_with_0_5_messages(
    shop: InjectQ, decorate: Any, message: str
) -> None:
    """Each decorator names itself in 0.5's words, register_as with its service type."""
    with shop.context(), pytest.raises(BindingError) as caught:
        decorate(not_a_class)
    assert str(caught.value) == message


def test_binding_none_names_the_key(container: InjectQ) -> None:
    """bind(X, None) and bind_instance(X, None) say which key got None."""
    for bind in (container.bind, container.bind_instance):
        with pytest.raises(BindingError) as caught:
            bind(DatabaseService, None)
        assert str(caught.value) == f"Implementation cannot be None for {DatabaseService}"


def test_binding_a_string_key_to_nothing_is_refused(container: InjectQ) -> None:
    """Only a class can be bound to itself; a string key needs an implementation."""
    with pytest.raises(BindingError) as caught:
        container.bind("database")
    assert str(caught.value) == "Must provide implementation for non-class service key: database"


def test_override_accepts_0_5_keyword(shop: InjectQ) -> None:
    """container.override(key, override_value=...) is 0.5's spelling of value=."""
    fake = EventLog()
    with shop.override(EventLog, override_value=fake):
        assert shop.get(EventLog) is fake
    with shop.override(EventLog, value=fake):
        assert shop.get(EventLog) is fake
    assert shop.get(EventLog) is not fake


def test_override_needs_exactly_one_value(container: InjectQ) -> None:
    """Both spellings at once, or neither, is a TypeError naming them."""
    with pytest.raises(TypeError, match="both 'value' and 'override_value'"):
        container.override(DatabaseService, 1, override_value=2)
    with pytest.raises(TypeError, match="missing required argument: 'value'"):
        container.override(DatabaseService)


def test_override_dependency_accepts_0_5_keyword(container: InjectQ) -> None:
    """override_dependency(key, override_value=..., container=...) as in 0.5."""
    fake = DatabaseService()
    container.bind(DatabaseService)
    with override_dependency(DatabaseService, override_value=fake, container=container):
        assert container.get(DatabaseService) is fake
    assert container.get(DatabaseService) is not fake


def test_test_module_bind_value_accepts_0_5_keyword(container: InjectQ) -> None:
    """TestModule.bind_value(service_type=..., value=...) beside bind_value(key=...)."""
    module = TestModule().bind_value(service_type="dsn", value="sqlite://")
    module.bind_value(key="pool_size", value=4)
    container.install_module(module)
    assert (container.get("dsn"), container.get("pool_size")) == ("sqlite://", 4)
