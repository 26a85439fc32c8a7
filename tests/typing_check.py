"""Checked by mypy --strict (see the Makefile): the container's API is typed for callers.

Returning ``Any`` from a function declared to return ``Service`` is an error under --strict, so
these functions only type-check because ``get``/``aget``/``try_get`` are typed by their key.
"""

from __future__ import annotations

from injectq import Current, InjectQ, inject


class Service:
    def __init__(self) -> None:
        self.name = "service"


def resolve(container: InjectQ) -> Service:
    return container.get(Service)


def resolve_named(container: InjectQ) -> Service:
    return container.get(Service, name="primary")


async def resolve_async(container: InjectQ) -> Service:
    return await container.aget(Service)


def maybe(container: InjectQ) -> Service | None:
    return container.try_get(Service)


@inject
def handler(service: Service) -> str:
    return service.name


def call_handler() -> str:
    return handler()  # type: ignore[call-arg]  # the argument is injected at run time


def current_service(handle: Current[Service]) -> Service:
    return handle.get()


async def current_service_async(handle: Current[Service]) -> Service:
    return await handle.aget()
