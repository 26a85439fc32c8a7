"""The shop example's container in both modes, built from the same declarations."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from injectq import InjectQ


@pytest.fixture(params=["runtime", "generated"])
def shop(request: pytest.FixtureRequest) -> Iterator[InjectQ]:
    """The shop's runtime container (its modules installed) or its generated container."""
    if request.param == "runtime":
        from examples.shop.modules import CacheProviders, ProductionModule

        container = InjectQ([ProductionModule(), CacheProviders()])
    else:
        from generated.shop_container import Container

        container = Container()
    yield container
    container.close()
