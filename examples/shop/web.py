"""The shop served over HTTP and WebSocket with FastAPI: ``make serve``.

Every request and every WebSocket connection runs in its own request scope block, so each
gets its own ``Session`` (closed after the response is sent). Production mode, as for
``python -m examples.shop``: ``INJECTQ_CONTAINER=generated.shop_container:Container``.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import APIRouter, FastAPI, WebSocket, WebSocketDisconnect
from pydantic import BaseModel

from examples.shop.events import EventLog
from examples.shop.modules import CacheProviders, ProductionModule
from examples.shop.services import OrderService, ReportStream, UserService
from injectq import InjectQ
from injectq.integrations.fastapi import InjectFastAPI, setup_fastapi

router = APIRouter()


class Order(BaseModel):
    name: str
    item: str
    total: float


@router.post("/orders")
def place_order(
    order: Order,
    users: Annotated[UserService, InjectFastAPI(UserService)],
    orders: Annotated[OrderService, InjectFastAPI(OrderService)],
) -> dict[str, object]:
    """Register the customer and place the order, in one session."""
    user_id = users.register(order.name)
    return {
        "user": user_id,
        "order": orders.place(user_id, order.item, order.total),
        "session": users.session.id,
        "one_session": orders.session is users.session,
    }


@router.get("/report")
async def report(stream: Annotated[ReportStream, InjectFastAPI(ReportStream)]) -> list[str]:
    """Totals per customer, through the async report stream resource."""
    return [f"{name} spent {float(total):.2f}" for name, total in await stream.totals()]  # type: ignore[arg-type]


@router.get("/events")
def events(log: Annotated[EventLog, InjectFastAPI(EventLog)]) -> list[str]:
    """What happened so far: sessions opened and closed, orders placed."""
    return log.lines


@router.websocket("/customers")
async def customers(
    websocket: WebSocket, users: Annotated[UserService, InjectFastAPI(UserService)]
) -> None:
    """Each name received is registered; one session serves the whole connection."""
    await websocket.accept()
    try:
        while True:
            name = await websocket.receive_text()
            user_id = users.register(name)
            await websocket.send_text(f"{name} is user {user_id} (session {users.session.id})")
    except WebSocketDisconnect:
        return


def create_app(container: InjectQ | None = None) -> FastAPI:
    """The shop's FastAPI application, served from ``container`` (default: the global one)."""
    container = InjectQ.get_instance() if container is None else container
    container.install(ProductionModule())
    container.install(CacheProviders())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await container.aclose()

    app = FastAPI(title="shop", lifespan=lifespan)
    app.include_router(router)
    setup_fastapi(container, app)
    return app


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(create_app(), host="127.0.0.1", port=int(os.environ.get("PORT", "8000")))
