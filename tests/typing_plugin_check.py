"""Checked by mypy --strict with the ``injectq.mypy`` plugin (``tests/mypy_plugin.ini``).

An ``@inject`` function keeps its parameters, each optional: leaving injected arguments out
type-checks, and a wrong argument is an error. Each ``type: ignore`` below marks an error the
plugin must report; ``warn_unused_ignores`` fails the check when it no longer does.
"""

from __future__ import annotations

from typing_extensions import assert_type

from injectq import InjectQ, inject


class Service:
    name = "service"


class Clock:
    def now(self) -> str:
        return "now"


@inject
def handler(service: Service, clock: Clock, *, prefix: str) -> str:
    return prefix + service.name + clock.now()


@inject(container=InjectQ())
def handler_with_container(service: Service) -> int:
    return len(service.name)


@inject
async def async_handler(service: Service) -> str:
    return service.name


class Endpoint:
    @inject
    def __init__(self, service: Service) -> None:
        self.service = service

    @inject
    def run(self, clock: Clock) -> str:
        return clock.now()

    @staticmethod
    @inject
    def build(service: Service) -> Service:
        return service

    @classmethod
    @inject
    def make(cls, service: Service) -> Endpoint:
        return cls(service)


async def calls_leaving_arguments_out() -> None:
    assert_type(handler(), str)
    assert_type(handler(Service(), prefix="> "), str)
    assert_type(handler(Service(), Clock(), prefix="> "), str)
    assert_type(handler_with_container(), int)
    assert_type(await async_handler(), str)
    assert_type(Endpoint().run(), str)
    assert_type(Endpoint.build(), Service)
    assert_type(Endpoint.make(), Endpoint)


async def calls_the_plugin_rejects() -> None:
    handler("not a service")  # type: ignore[arg-type]  # the plugin keeps the parameter types
    handler(colour="red")  # type: ignore[call-arg]  # and the parameter names
    handler_with_container(Clock())  # type: ignore[arg-type]  # @inject(container=...) too
    await async_handler(1)  # type: ignore[arg-type]  # async functions too
    Endpoint(Clock())  # type: ignore[arg-type]  # __init__ too
    Endpoint().run(Service())  # type: ignore[arg-type]  # methods too
