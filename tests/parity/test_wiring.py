"""Both modes wire the same object graph from the same declarations."""

from __future__ import annotations

import asyncio

import pytest

from injectq import DependencyNotFoundError, InjectionError, InjectQ, Module

from .conftest import Builder

AUTO_BUILT = {
    "app/services.py": """
        from injectq import singleton

        @singleton
        class Logger:
            pass

        class Service:
            def __init__(self, logger: Logger) -> None:
                self.logger = logger
    """
}


@pytest.mark.filterwarnings(
    "ignore:.*not planned by injectq-gen:RuntimeWarning"
)  # see test_lookups
def test_auto_built_class_shares_the_declared_singleton(build: Builder) -> None:
    """An unbound concrete class receives the one declared singleton, call after call."""
    container = build(AUTO_BUILT)
    services = build.app("services")
    first, second = container.get(services.Service), container.get(services.Service)
    assert first is not second
    assert first.logger is second.logger is container.get(services.Logger)


GUIDE_APPLICATION = {
    "app/services.py": """
        from injectq import Module, inject

        class DatabaseService:
            pass

        class Application:
            @inject
            def __init__(self, db: DatabaseService) -> None:
                self.db = db

        class ProductionModule(Module):
            def configure(self) -> None:
                self.bind(DatabaseService, DatabaseService).singleton()
    """
}


def test_guide_application_is_built_around_its_module(build: Builder) -> None:
    """The guide's unbound Application gets the module's DatabaseService singleton."""
    container = build(GUIDE_APPLICATION, modules=["app.services:ProductionModule"])
    services = build.app("services")
    app = container.get(services.Application)
    assert app.db is container.get(services.DatabaseService)


CONTAINER_PARAMETER = {
    "app/services.py": """
        from injectq import InjectQ, inject, singleton

        @singleton
        class Logger:
            pass

        @inject
        def handler(logger: Logger, container: InjectQ) -> tuple[Logger, InjectQ]:
            return logger, container
    """
}


def test_container_parameter_receives_the_active_container(build: Builder) -> None:
    """``container: InjectQ`` in an @inject function is the container resolving it."""
    container = build(CONTAINER_PARAMETER)
    services = build.app("services")
    with container.context():
        logger, received = services.handler()
    assert received is container
    assert logger is container.get(services.Logger)


ASYNC_CONTAINER_PARAMETER = {
    "app/services.py": """
        from injectq import InjectQ, inject, singleton

        @singleton
        class Logger:
            pass

        @inject
        async def handler(logger: Logger, container: InjectQ) -> tuple[Logger, InjectQ]:
            return logger, container
    """
}


def test_container_parameter_of_an_async_function_receives_the_active_container(
    build: Builder,
) -> None:
    """The same holds for an async @inject function."""
    container = build(ASYNC_CONTAINER_PARAMETER)
    services = build.app("services")

    async def call() -> tuple[object, object]:
        with container.context():
            return await services.handler()  # type: ignore[no-any-return]

    logger, received = asyncio.run(call())
    assert received is container and logger is container.get(services.Logger)


PROVIDERS = {
    "app/modules.py": """
        from typing import Annotated

        from injectq import Module, Named, provider

        class Greeting:
            def __init__(self, text: str) -> None:
                self.text = text

        class Greetings(Module):
            def configure(self) -> None:
                pass

            @provider
            def hello(self) -> Annotated[Greeting, Named("hi")]:
                return Greeting("hi")

            @provider
            def plain(self) -> Greeting:
                return Greeting("plain")
    """
}


def test_providers_on_a_plain_module_are_bound(build: Builder) -> None:
    """@provider methods of a Module bind their return type, named ones under their name."""
    container = build(PROVIDERS, modules=["app.modules:Greetings"])
    greeting = build.app("modules").Greeting
    assert container.get(greeting).text == "plain"
    assert container.get(greeting, name="hi").text == "hi"


BARE_SCOPED = {
    "app/services.py": """
        from injectq import scoped

        @scoped
        class UnitOfWork:
            pass
    """
}


def test_bare_scoped_means_the_request_scope(build: Builder) -> None:
    """Bare @scoped is one instance per request block in both modes."""
    container = build(BARE_SCOPED)
    unit = build.app("services").UnitOfWork
    with container.scope("request"):
        first = container.get(unit)
        assert container.get(unit) is first
    with container.scope("request"):
        assert container.get(unit) is not first


FAILING = {
    "app/services.py": """
        from injectq import Module, singleton, transient

        @singleton
        class Broken:
            def __init__(self) -> None:
                raise ValueError("no database")

        class Client:
            pass

        def make_client() -> Client:
            raise KeyError("token")

        class Mod(Module):
            def configure(self) -> None:
                self.bind_factory(Client, make_client)
    """
}


@pytest.mark.parametrize("name", ["Broken", "Client"])
def test_failing_constructor_raises_the_same_error_in_both_modes(
    build: Builder, mode: str, name: str
) -> None:
    """0.5's InjectionError, chained to the cause, with the same first line in both modes."""
    container = build(FAILING, modules=["app.services:Mod"])
    key = getattr(build.app("services"), name)
    with pytest.raises(InjectionError) as info:
        container.get(key)
    first_line = str(info.value).splitlines()[0]
    if name == "Broken":
        assert first_line == "Failed to instantiate <class 'app.services.Broken'>: no database"
        assert isinstance(info.value.__cause__, ValueError)
    else:
        assert first_line.startswith("Failed to invoke factory <function make_client")
        assert isinstance(info.value.__cause__, KeyError)

    async def aget() -> object:
        return await container.aget(key)

    with pytest.raises(InjectionError) as ainfo:
        asyncio.run(aget())
    assert str(ainfo.value).splitlines()[0] == first_line


FLAKY = {
    "app/services.py": """
        from injectq import inject, transient

        CALLS: list[int] = []

        @transient
        class Flaky:
            def __init__(self) -> None:
                CALLS.append(1)
                if len(CALLS) > 1:
                    raise ValueError("second call")

        @inject
        def handler(flaky: Flaky) -> Flaky:
            return flaky

        @transient
        class Fine:
            pass

        @inject
        def failing_handler(fine: Fine) -> Fine:
            raise RuntimeError("the handler's own error")
    """
}


def test_inject_reports_a_failing_dependency_the_same_after_its_first_call(
    build: Builder,
) -> None:
    """@inject's fast path (after a first call) raises 0.5's InjectionError, not the bare error;
    the function's own exceptions are left alone."""
    container = build(FLAKY)
    services = build.app("services")
    with container.context():
        services.handler()
        with pytest.raises(InjectionError) as info:
            services.handler()
        for _ in range(2):  # the first call, then the fast path
            with pytest.raises(RuntimeError, match="own error"):
                services.failing_handler()
    assert str(info.value).splitlines()[0] == (
        "Failed to instantiate <class 'app.services.Flaky'>: second call"
    )
    assert isinstance(info.value.__cause__, ValueError)


GREETERS = {
    "app/services.py": """
        from injectq import transient

        @transient
        class Greeter:
            def hi(self) -> str:
                return "real"

        @transient
        class Welcome:
            def __init__(self, greeter: Greeter) -> None:
                self.greeter = greeter
    """
}


def _fake_greeter(greeter: type) -> type:
    class Fake(greeter):  # type: ignore[misc, valid-type]  # a subclass of the app's class
        def hi(self) -> str:
            return "fake"

    return Fake


def test_rebinding_a_declared_key_takes_effect(build: Builder) -> None:
    """bind() after first use re-plans the key and everything that depends on it."""
    container = build(GREETERS)
    services = build.app("services")
    assert container.get(services.Welcome).greeter.hi() == "real"
    container.bind(services.Greeter, _fake_greeter(services.Greeter))
    assert container.get(services.Welcome).greeter.hi() == "fake"


def test_installing_a_module_of_fakes_applies_its_bindings(build: Builder) -> None:
    """A test module the generator never read binds its fakes as bind() would."""
    container = build(GREETERS)
    services = build.app("services")
    fake = _fake_greeter(services.Greeter)

    class Fakes(Module):
        def configure(self) -> None:  # type: ignore[override]  # the guide's module style
            self.bind(services.Greeter, fake)

    container.install(Fakes())
    assert container.get(services.Welcome).greeter.hi() == "fake"


def test_overrides_reach_aget_before_first_resolution(build: Builder) -> None:
    """An override applies to an async resolution of a dependant not built yet."""
    container = build(GREETERS)
    services = build.app("services")
    fake = _fake_greeter(services.Greeter)()

    async def welcome() -> str:
        with container.override(services.Greeter, fake):
            return str((await container.aget(services.Welcome)).greeter.hi())

    assert asyncio.run(welcome()) == "fake"
    assert container.get(services.Welcome).greeter.hi() == "real"


def test_unused_container_type_is_the_public_class(build: Builder) -> None:
    """Both modes' containers are InjectQ instances (application type checks keep working)."""
    assert isinstance(build(GREETERS), InjectQ)


REPORTS = {
    "app/services.py": """
        from injectq import Inject, singleton

        @singleton
        class Report:
            def __init__(self, report_title: str) -> None:
                self.title = report_title

        class Footer:
            def __init__(self, text: str = Inject("report_title")) -> None:
                self.text = text
    """
}


@pytest.mark.filterwarnings(
    "ignore:.*not planned by injectq-gen:RuntimeWarning"
)  # see test_lookups
@pytest.mark.parametrize("owner", ["Report", "Footer"])
def test_an_input_that_was_not_set_is_named_in_the_first_line(build: Builder, owner: str) -> None:
    """An unset input is named first; once set, the class resolves, the same in both modes."""
    container = build(REPORTS, inputs=["'report_title'"])
    needs_input = getattr(build.app("services"), owner)
    with pytest.raises(DependencyNotFoundError) as caught:
        container.get(needs_input)
    first, *rest = str(caught.value).splitlines()
    assert first == "input 'report_title' was not set"
    assert "  hint: set it at startup with container['report_title'] = value" in rest
    container["report_title"] = "Q3"
    assert _text_of(container.get(needs_input)) == "Q3"


def _text_of(built: object) -> object:
    """The input a built Report or Footer holds."""
    return getattr(built, "title", None) or getattr(built, "text", None)
