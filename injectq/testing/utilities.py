"""0.5's ``injectq.testing.utilities`` import path of the testing helpers."""

from ._helpers import (
    MockFactory,
    TestModule,
    create_test_module,
    mock_factory,
    override_dependency,
    pytest_container_fixture,
    test_container,
)

__all__ = [
    "MockFactory",
    "TestModule",
    "create_test_module",
    "mock_factory",
    "override_dependency",
    "pytest_container_fixture",
    "test_container",
]
