"""FastMCP: one request scope block per tool call; injected parameters stay out of the schema."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
from fastmcp import Client, FastMCP

from examples.shop.services import OrderService, ReportStream, UserService
from injectq import InjectQ
from injectq.integrations.fastmcp import (
    InjectMCP,
    InjectQMCPMiddleware,
    get_container_mcp,
    setup_mcp,
)
from tests.integrations.conftest import HANG, Flaky, session_lines


def shop_server(container: InjectQ) -> FastMCP:
    """An MCP server with one tool over the shop's request-scoped services."""
    mcp = FastMCP("shop")

    @mcp.tool
    async def register(
        name: str,
        users: UserService = InjectMCP(UserService),
        orders: OrderService = InjectMCP(OrderService),
        stream: ReportStream = InjectMCP(ReportStream),
    ) -> str:
        shared = orders.users is users and stream.session is users.session
        current = get_container_mcp() is container
        return f"{name} {users.register(name)} {users.session.id} {shared} {current}"

    setup_mcp(container, mcp)
    return mcp


async def call(mcp: FastMCP, tool: str, **arguments: Any) -> Any:
    """Call one tool through FastMCP's in-memory client, bounded in time."""

    async def go() -> Any:
        async with Client(mcp) as client:
            return await client.call_tool(tool, arguments, raise_on_error=False)

    return await asyncio.wait_for(go(), HANG)


def text_of(result: Any) -> str:
    return str(result.content[0].text)


async def test_each_tool_call_has_its_own_block(shop: InjectQ) -> None:
    """A call's services share one session; the next call gets a new one."""
    mcp = shop_server(shop)
    first = text_of(await call(mcp, "register", name="ada")).split()
    second = text_of(await call(mcp, "register", name="bob")).split()
    assert first[3:] == second[3:] == ["True", "True"]
    assert first[2] != second[2]
    assert [line.split()[2] for line in session_lines(shop)] == ["opened", "closed"] * 2


async def test_injected_parameters_are_not_in_the_input_schema(shop: InjectQ) -> None:
    """Clients see only the tool's own argument."""

    async def tools() -> Any:
        async with Client(shop_server(shop)) as client:
            return await client.list_tools()

    [tool] = await asyncio.wait_for(tools(), HANG)
    schema = getattr(tool, "input_schema", None) or tool.inputSchema  # MCP SDK 1.x or 2.x
    assert set(schema["properties"]) == {"name"} and schema["required"] == ["name"]


async def test_the_block_closes_when_the_tool_fails(shop: InjectQ) -> None:
    """A failing tool returns an error result and its session is closed."""
    mcp = FastMCP("broken")

    @mcp.tool
    async def broken(users: UserService = InjectMCP(UserService)) -> str:
        raise ValueError(f"tool failed in session {users.session.id}")

    setup_mcp(shop, mcp)
    assert (await call(mcp, "broken")).is_error
    assert [line.split()[2] for line in session_lines(shop)] == ["opened", "closed"]


async def test_a_teardown_error_is_logged_and_the_next_call_works(
    flaky: InjectQ, caplog: pytest.LogCaptureFixture
) -> None:
    """The call's result stands, the error is logged on injectq.fastmcp, the next call works."""
    mcp = FastMCP("flaky", middleware=[InjectQMCPMiddleware(container=flaky)])
    setup_mcp(flaky, mcp)  # keeps the one middleware already there

    @mcp.tool
    async def use(resource: Flaky = InjectMCP(Flaky)) -> str:
        return "ok"

    with caplog.at_level(logging.ERROR, logger="injectq.fastmcp"):
        first, second = await call(mcp, "use"), await call(mcp, "use")
    assert text_of(first) == text_of(second) == "ok"
    [record] = [r for r in caplog.records if r.name == "injectq.fastmcp"]
    assert record.exc_info is not None and isinstance(record.exc_info[1], OSError)
    assert Flaky.closes == 2
    assert sum(isinstance(m, InjectQMCPMiddleware) for m in mcp.middleware) == 1


async def test_a_tool_without_setup_mcp_fails_naming_it(caplog: pytest.LogCaptureFixture) -> None:
    """Without setup_mcp the call fails, without hanging, and the log names setup_mcp."""
    mcp = FastMCP("orphan")

    @mcp.tool
    async def orphan(users: UserService = InjectMCP(UserService)) -> str:
        raise AssertionError("never reached")

    with caplog.at_level(logging.ERROR, logger="injectq.fastmcp"):
        result = await call(mcp, "orphan")
    assert result.is_error and "setup_mcp" in caplog.text


async def test_resources_and_prompts_get_a_block_each(shop: InjectQ) -> None:
    """A resource read and a prompt run in blocks of their own; only 'name' is a prompt argument."""
    mcp = FastMCP("pages")

    @mcp.resource("shop://session")
    async def session(users: UserService = InjectMCP(UserService)) -> str:
        return str(users.session.id)

    @mcp.prompt
    async def greet(name: str, users: UserService = InjectMCP(UserService)) -> str:
        return f"hello {name} from session {users.session.id}"

    setup_mcp(shop, mcp)

    async def go() -> tuple[Any, Any, Any]:
        async with Client(mcp) as client:
            page = await client.read_resource("shop://session")
            prompt = await client.get_prompt("greet", {"name": "ada"})
            return page, prompt, await client.list_prompts()

    page, prompt, prompts = await asyncio.wait_for(go(), HANG)
    read_in = page[0].text
    assert prompt.messages[0].content.text == f"hello ada from session {int(read_in) + 1}"
    assert [argument.name for argument in prompts[0].arguments] == ["name"]
    assert [line.split()[2] for line in session_lines(shop)] == ["opened", "closed"] * 2
