"""Runs shop work through Taskiq (in-memory broker) and FastMCP (in-memory client), printing it.

Run as a module in either container mode; ``test_shop_web.py`` compares the two printouts
and runs the generated mode with reflection forbidden.
"""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastmcp import Client, FastMCP
from taskiq import InMemoryBroker

from examples.shop.events import EventLog
from examples.shop.modules import CacheProviders, ProductionModule
from examples.shop.services import OrderService, ReportStream, UserService
from injectq import InjectQ
from injectq.integrations.fastmcp import InjectMCP, setup_mcp
from injectq.integrations.taskiq import InjectTaskiq, setup_taskiq

container = InjectQ.get_instance()
container.install(ProductionModule())
container.install(CacheProviders())
broker = InMemoryBroker()
mcp = FastMCP("shop")


@broker.task
async def place_order(
    name: str,
    users: Annotated[UserService, InjectTaskiq(UserService)],
    orders: Annotated[OrderService, InjectTaskiq(OrderService)],
) -> str:
    return orders.place(users.register(name), "book", 12.5)


@mcp.tool
async def report(stream: ReportStream = InjectMCP(ReportStream)) -> str:
    return "; ".join(f"{name} {float(total):.2f}" for name, total in await stream.totals())  # type: ignore[arg-type]


async def main() -> None:
    setup_taskiq(container, broker)
    setup_mcp(container, mcp)
    await broker.startup()
    for name in ("ada", "grace"):
        sent = await place_order.kiq(name)  # type: ignore[call-overload]  # the rest is injected
        print((await sent.wait_result(timeout=15)).return_value)
    await broker.shutdown()
    async with Client(mcp) as client:
        print((await client.call_tool("report", {})).content[0].text)
    for line in container.get(EventLog).lines:
        print(line)


if __name__ == "__main__":
    asyncio.run(main())
