"""Checked by mypy --strict (see the Makefile): InjectQ's API is typed for the code that uses it.

Returning ``Any`` from a function declared to return ``Service`` is an error under --strict, so
these functions only type-check because ``get``/``aget``/``try_get`` are typed by their key.
``assert_type`` fails the check when a type is not exactly the one stated (``Any`` included), and
the project's ``warn_unused_ignores`` makes any ``type: ignore`` here that is no longer needed an
error too.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Protocol

from typing_extensions import assert_type

from injectq import (
    Current,
    Inject,
    InjectQ,
    Module,
    ModuleBinder,
    ProviderModule,
    inject,
    provider,
)
from injectq.decorators import Inject as DecoratorsInject


class Service:
    def __init__(self) -> None:
        self.name = "service"


class Clock:
    def now(self) -> str:
        return "now"


class Repository(ABC):
    @abstractmethod
    def load(self) -> str: ...


class Notifier(Protocol):
    def send(self, text: str) -> None: ...


def resolve(container: InjectQ) -> Service:
    return container.get(Service)


def resolve_named(container: InjectQ) -> Service:
    return container.get(Service, name="primary")


async def resolve_async(container: InjectQ) -> Service:
    return await container.aget(Service)


def maybe(container: InjectQ) -> Service | None:
    return container.try_get(Service)


def resolve_abstract(container: InjectQ) -> Repository:
    return container.get(Repository)


async def resolve_abstract_async(container: InjectQ) -> Repository:
    assert_type(await container.atry_get(Repository), Repository | None)
    return await container.aget(Repository)


def resolve_protocol(container: InjectQ) -> Notifier | None:
    assert_type(container.get(Notifier), Notifier)
    return container.try_get(Notifier)


def resolve_string_key(container: InjectQ) -> None:
    url = container.get("url")
    assert_type(url, Any)


def current_service(handle: Current[Service]) -> Service:
    return handle.get()


async def current_service_async(handle: Current[Service]) -> Service:
    return await handle.aget()


# Modules: both configure() styles override Module.configure without an error.


class BinderStyleModule(Module):
    def configure(self, binder: ModuleBinder) -> None:
        binder.bind(Service, Service)


class GuideStyleModule(Module):
    def configure(self) -> None:
        self.bind("url", "sqlite://")
        self.bind(Service, Service).singleton()
        self.bind(Clock, Clock).scoped()


class ProvidersWithConfigure(ProviderModule):
    def configure(self) -> None:
        self.bind(Service, Service)

    @provider(scope="singleton")
    def clock(self) -> Clock:
        return Clock()

    @provider
    def service(self) -> Service:
        return Service()


def install_both(container: InjectQ) -> None:
    container.install(BinderStyleModule())
    container.install(GuideStyleModule())
    container.install(ProvidersWithConfigure())


def providers_keep_their_types(module: ProvidersWithConfigure) -> None:
    assert_type(module.clock(), Clock)
    assert_type(module.service(), Service)


# @inject: injected arguments may be left out, and the result keeps its type.


@inject
def handler(service: Service, clock: Clock) -> str:
    return service.name + clock.now()


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


def call_handlers() -> None:
    assert_type(handler(), str)
    assert_type(handler(Service()), str)
    assert_type(handler(Service(), Clock()), str)
    assert_type(handler(clock=Clock()), str)
    assert_type(handler_with_container(), int)
    assert_type(Endpoint().run(), str)
    assert_type(Endpoint(Service()).run(Clock()), str)


async def await_handlers() -> None:
    assert_type(await async_handler(), str)
    assert_type(await async_handler(Service()), str)


# Inject[T] and Inject(T) defaults stand for a T.


def with_defaults(
    service: Service = Inject[Service],
    clock: Clock = Inject(Clock),
    repository: Repository = Inject[Repository],
    notifier: Notifier = Inject(Notifier),
    url: str = Inject["url"],
    other: Service = DecoratorsInject[Service],
) -> str:
    return service.name + clock.now() + repository.load() + url + other.name


def inject_types() -> None:
    assert_type(Inject[Service], Service)
    assert_type(Inject(Clock), Clock)
    assert_type(Inject[Repository], Repository)
    assert_type(Inject(Notifier), Notifier)
    assert_type(DecoratorsInject(Service), Service)
