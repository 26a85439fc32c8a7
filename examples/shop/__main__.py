"""Run the shop. Production mode: INJECTQ_CONTAINER=generated.shop_container:Container."""

from __future__ import annotations

import asyncio

from examples.shop.app import Application
from examples.shop.modules import CacheProviders, ProductionModule
from injectq import InjectQ


async def main() -> list[str]:
    container = InjectQ.get_instance()
    container.install(ProductionModule())
    container.install(CacheProviders())
    async with container:
        app = container.get(Application)
        await app.run()
    return app.events.lines


if __name__ == "__main__":
    mode = type(InjectQ.get_instance()).__name__
    for line in asyncio.run(main()):
        print(line)
    print(f"mode: {'generated' if mode != 'InjectQ' else 'runtime'}")
