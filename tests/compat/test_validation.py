"""0.5's DependencyValidator and ValidationResult, on the one graph validator."""

from __future__ import annotations

import pytest

from injectq import DependencyValidator, InjectQ
from injectq.diagnostics.validation import (
    InvalidBindingError,
    MissingDependencyError,
    TypeMismatchError,
    ValidationError,
    ValidationResult,
)

from .services import (
    Base,
    CacheService,
    DatabaseService,
    NeedsBase,
    OrderService,
    Unrelated,
    UserService,
)

M = "tests.compat.services"


@pytest.fixture
def shop(container: InjectQ) -> InjectQ:
    for cls in (DatabaseService, CacheService, UserService, OrderService):
        container.bind(cls)
    return container


def test_complete_graph_is_valid(shop: InjectQ) -> None:
    """Every dependency registered: no errors, no warnings, 0.5's success line."""
    result = DependencyValidator(shop).validate()
    assert result.is_valid and not result.has_warnings
    assert str(result) == "✅ Validation passed"


def test_unregistered_dependency_is_missing_even_when_buildable(container: InjectQ) -> None:
    """As in 0.5, a dependency the container could auto-build still counts as not registered."""
    container.bind(UserService)
    result = DependencyValidator(container).validate()
    assert not result.is_valid
    assert all(isinstance(e, MissingDependencyError) for e in result.errors)
    assert [str(e) for e in result.errors] == [
        f"Service '{M}.UserService' depends on '{M}.CacheService' which is not registered",
        f"Service '{M}.UserService' depends on '{M}.DatabaseService' which is not registered",
    ]


def test_missing_dependency_is_reported_against_each_direct_owner(container: InjectQ) -> None:
    """A missing key needed at two levels is reported for each service that needs it directly."""
    container.bind(OrderService)
    container.bind(UserService)
    container.bind(CacheService)
    messages = [str(e) for e in DependencyValidator(container).validate().errors]
    assert messages == [
        f"Service '{M}.OrderService' depends on '{M}.DatabaseService' which is not registered",
        f"Service '{M}.UserService' depends on '{M}.DatabaseService' which is not registered",
    ]


def test_cycle_is_a_validation_error(container: InjectQ) -> None:
    """Two factories needing each other (by parameter name) form a reported cycle."""

    def create_a(service_b: object) -> str:
        return f"A with {service_b}"

    def create_b(service_a: object) -> str:
        return f"B with {service_a}"

    container.bind_factory("service_a", create_a)
    container.bind_factory("service_b", create_b)
    validator = DependencyValidator(container)
    result = validator.validate()
    assert [type(e) for e in result.errors] == [ValidationError]
    assert str(result.errors[0]).startswith(
        "Circular dependency detected: 'service_a' -> 'service_b' -> 'service_a'"
    )
    assert validator.find_potential_cycles() == [["service_a", "service_b"]]


def test_scope_leak_is_an_invalid_binding(container: InjectQ) -> None:
    """A singleton holding a request-scoped service is reported, as container.validate() does."""
    container.bind(DatabaseService, scope="request")
    container.bind(CacheService)
    container.bind(UserService)
    errors = DependencyValidator(container).validate().errors
    assert [type(e) for e in errors] == [InvalidBindingError]
    assert "request-scoped" in str(errors[0])


def test_binding_of_the_wrong_type_is_a_warning(container: InjectQ) -> None:
    """A key bound to a class that is not its subtype warns with TypeMismatchError."""
    container.bind(Base, Unrelated)
    container.bind(NeedsBase)
    result = DependencyValidator(container).validate()
    assert result.is_valid and result.has_warnings
    assert [type(w) for w in result.warnings] == [TypeMismatchError]
    assert str(result.warnings[0]).startswith(f"Type mismatch: {M}.NeedsBase expects {M}.Base")


def test_dependency_graph_and_chain_use_the_users_keys(shop: InjectQ) -> None:
    """get_dependency_graph / get_dependency_chain speak in the registered types."""
    validator = DependencyValidator(shop)
    graph = validator.get_dependency_graph()
    assert graph[UserService] == {DatabaseService, CacheService}
    assert graph[DatabaseService] == set()
    assert validator.get_dependency_chain(OrderService) == [
        OrderService,
        UserService,
        DatabaseService,
        CacheService,
    ]


def test_validator_reads_bindings_made_after_it_was_created(container: InjectQ) -> None:
    """The graph is read at each validate(), and set_container switches containers."""
    validator = DependencyValidator(container)
    container.bind(UserService)
    assert not validator.validate().is_valid
    other = InjectQ()
    other.bind(DatabaseService)
    validator.set_container(other)
    assert validator.container is other and validator.validate().is_valid


def test_validator_without_container_reports_it() -> None:
    """No container: one error, as 0.5."""
    result = DependencyValidator().validate()
    assert [str(e) for e in result.errors] == ["No container set for validation"]


def test_validation_result_text_matches_0_5() -> None:
    """str() lists numbered errors and warnings under 0.5's headings."""
    result = ValidationResult()
    result.errors.append(Exception("Test error"))
    result.warnings.append(Exception("Test warning"))
    assert str(result) == (
        "❌ Validation failed\n\nErrors (1):\n  1. Test error\n\nWarnings (1):\n  1. Test warning"
    )


def test_validation_error_classes_form_0_5_hierarchy() -> None:
    """The three specific errors derive from ValidationError, itself an InjectQError."""
    from injectq import InjectQError

    for cls in (MissingDependencyError, InvalidBindingError, TypeMismatchError):
        assert issubclass(cls, ValidationError)
    assert issubclass(ValidationError, InjectQError)
    assert str(ValidationError("Test error")) == "Test error"


def test_each_service_needing_a_missing_key_gets_its_own_error(container: InjectQ) -> None:
    """As 0.5, one MissingDependencyError per (service, missing dependency) pair."""

    class AuditService:
        def __init__(self, db: DatabaseService) -> None:
            self.db = db

    for cls in (AuditService, UserService, CacheService):
        container.bind(cls)
    messages = sorted(str(e) for e in DependencyValidator(container).validate().errors)
    audit = f"{M.replace('services', 'test_validation')}.{AuditService.__qualname__}"
    assert messages == [
        f"Service '{M}.UserService' depends on '{M}.DatabaseService' which is not registered",
        f"Service '{audit}' depends on '{M}.DatabaseService' which is not registered",
    ]


def test_unannotated_parameter_is_reported_as_missing(container: InjectQ) -> None:
    """A required parameter with no annotation cannot be resolved: the validator's own text."""

    class Legacy:
        def __init__(self, thing) -> None:  # type: ignore[no-untyped-def]  # the point of the test
            self.thing = thing

    container.bind(Legacy)
    [error] = DependencyValidator(container).validate().errors
    assert isinstance(error, MissingDependencyError)
    assert "parameter 'thing' of Legacy.__init__ has no annotation and no default" in str(error)
