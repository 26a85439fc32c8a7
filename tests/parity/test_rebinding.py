"""bind() and install() after creation take effect alike in both modes (issue 9, item 7)."""

from __future__ import annotations

import pytest

from injectq import GraphError, Module

from .conftest import Builder

SERVICES = {
    "app/services.py": """
        from injectq import Module, singleton, transient

        class Clock:
            pass

        @transient
        class Greeter:
            def hi(self) -> str:
                return "real"

        @singleton
        class Welcome:
            def __init__(self, greeter: Greeter) -> None:
                self.greeter = greeter

        class Config:
            def __init__(self, text: str) -> None:
                self.text = text

        @singleton
        class Banner:
            def __init__(self, config: Config) -> None:
                self.config = config

        class Mod(Module):
            def configure(self) -> None:
                self.bind(Config, Config("production"))
    """,
    "app/fakes.py": """
        from app.services import Clock, Greeter

        class NeedsClock(Greeter):
            def __init__(self, clock: Clock) -> None:
                self.clock = clock
    """,
}


def _fake(greeter: type, text: str = "fake") -> type:
    class Fake(greeter):  # type: ignore[misc, valid-type]  # a subclass of the app's class
        def hi(self) -> str:
            return text

    return Fake


def test_rebinding_rebuilds_a_singleton_built_before(build: Builder) -> None:
    """A dependant singleton built with the old binding is built again with the new one."""
    container = build(SERVICES, modules=["app.services:Mod"])
    services = build.app("services")
    before = container.get(services.Welcome)
    container.bind(services.Greeter, _fake(services.Greeter))
    after = container.get(services.Welcome)
    assert after is not before and after.greeter.hi() == "fake"
    assert container.get(services.Welcome) is after


def test_rebinding_before_first_use_takes_effect(build: Builder) -> None:
    """A bind() made before anything was resolved wins over the declared binding."""
    container = build(SERVICES, modules=["app.services:Mod"])
    services = build.app("services")
    container.bind_instance(services.Config, services.Config("test"))
    assert container.get(services.Banner).config.text == "test"


def test_the_builder_changes_the_lifetime_of_a_declared_key(build: Builder) -> None:
    """bind(K, K).transient() on a declared singleton makes it transient, as at runtime."""
    container = build(SERVICES, modules=["app.services:Mod"])
    services = build.app("services")
    assert container.get(services.Welcome) is container.get(services.Welcome)
    container.bind(services.Welcome, services.Welcome).transient()
    assert container.get(services.Welcome) is not container.get(services.Welcome)


def test_overrides_still_reach_a_rebound_key_s_dependants(build: Builder) -> None:
    """After a rebind, an override of the rebound key reaches what depends on it."""
    container = build(SERVICES, modules=["app.services:Mod"])
    services = build.app("services")
    container.bind(services.Greeter, _fake(services.Greeter))
    with container.override(services.Greeter, _fake(services.Greeter, "override")()):
        assert container.get(services.Welcome).greeter.hi() == "override"
    assert container.get(services.Welcome).greeter.hi() == "fake"


def test_installing_a_module_the_generator_read_keeps_its_instances(generator: Builder) -> None:
    """Generated only: the configured module is wired already, so installing it is a no-op."""
    container = generator(SERVICES, modules=["app.services:Mod"])
    services = generator.app("services")
    banner = container.get(services.Banner)
    container.install(services.Mod())
    assert container.get(services.Banner) is banner


def test_installing_a_module_of_fakes_applies_instances_and_lifetimes(build: Builder) -> None:
    """A test module binding an instance and a lifetime applies both, as its bind() calls do."""
    container = build(SERVICES, modules=["app.services:Mod"])
    services = build.app("services")
    test_config = services.Config("test")

    class Fakes(Module):
        def configure(self) -> None:  # type: ignore[override]  # the guide's module style
            self.bind_instance(services.Config, test_config)
            self.bind(services.Banner, services.Banner).transient()

    container.install(Fakes())
    banner = container.get(services.Banner)
    assert banner.config is test_config
    assert container.get(services.Banner) is not banner


def test_validate_reports_a_rebind_s_missing_dependency_in_both_modes(build: Builder) -> None:
    """validate() after a rebind finds the same problem, by code and key, in both modes."""
    container = build(SERVICES, modules=["app.services:Mod"])
    services = build.app("services")
    container.bind(services.Greeter, build.app("fakes").NeedsClock)
    with pytest.raises(GraphError) as info:
        container.validate()
    found = [(p.problem.code, str(p.problem.key)) for p in info.value.problems]
    assert found == [("IQ001", "app.services.Clock")]
    path = info.value.problems[0].problem.path
    assert path[0].owner == "Welcome.__init__"  # the root
    files = [(s.location or "").rpartition("/")[2].partition(":")[0] for s in path]
    assert files == ["services.py", "test_rebinding.py"]  # the file:line of each binding


AUTOMATIC = {
    "app/services.py": """
        from injectq import singleton

        class Clock:
            def __init__(self) -> None:
                pass

        @singleton
        class Alarm:
            def __init__(self, clock: Clock) -> None:
                self.clock = clock
    """
}


def test_a_class_only_built_automatically_is_not_a_declared_binding(build: Builder) -> None:
    """Generated mode refuses to bind a class it built without a declaration; runtime binds."""
    from injectq import BindingError

    container = build(AUTOMATIC)
    services = build.app("services")
    container.get(services.Alarm)
    if build.mode == "generated":
        with pytest.raises(BindingError, match="not declared when this container was generated"):
            container.bind(services.Clock, services.Clock)
    else:
        container.bind(services.Clock, services.Clock)
        assert isinstance(container.get(services.Clock), services.Clock)


TITLED = {
    "app/services.py": """
        from injectq import singleton

        @singleton
        class Report:
            def __init__(self, report_title: str) -> None:
                self.title = report_title

        @singleton
        class Page:
            def __init__(self, report: Report) -> None:
                self.report = report
    """
}


def test_setting_an_input_again_rebuilds_the_singleton_that_read_it(build: Builder) -> None:
    """container[K] = v a second time rebuilds a singleton built from the first value."""
    container = build(TITLED, inputs=["'report_title'"])
    services = build.app("services")
    container["report_title"] = "Q3"
    first = container.get(services.Report)
    assert first.title == "Q3" and container.get(services.Page).report is first
    container["report_title"] = "Q4"
    second = container.get(services.Report)
    assert second.title == "Q4"
    assert container.get(services.Report) is second
    assert container.get(services.Page).report is second  # what uses it is rebuilt too
