"""Bindings named like the generated code's own locals (item, pending, ...) still resolve."""

from __future__ import annotations

import asyncio

from tests.reliability.conftest import App

SOURCE = """
from collections.abc import AsyncIterator, Iterator

from injectq import resource, scoped, singleton


@singleton
class Item:
    pass


@singleton
class Pending:
    pass


class Handle:
    pass


@resource("request")
def open_handle(item: Item, pending: Pending) -> Iterator[Handle]:
    yield Handle()


class Channel:
    pass


@resource("request")
async def open_channel(item: Item, pending: Pending) -> AsyncIterator[Channel]:
    yield Channel()
"""


def test_dependencies_named_like_generated_locals_resolve_in_resources(app: App) -> None:
    """Singletons Item and Pending feed a sync and an async block resource in both modes."""
    container, module = app(SOURCE)
    with container.scope("request"):
        assert isinstance(container.get(module.Handle), module.Handle)

    async def main() -> None:
        async with container.scope("request"):
            assert isinstance(await container.aget(module.Channel), module.Channel)

    asyncio.run(main())
