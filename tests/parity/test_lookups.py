"""Keys scanned code looks up (get/aget/try_get/atry_get) are uses and roots of the graph."""

from __future__ import annotations

import warnings
from pathlib import Path

from .conftest import Builder

NAMED_LITERAL = {
    "app/services.py": """
        from injectq import InjectQ, Module, inject

        class Handler:
            pass

        class Email(Handler):
            pass

        class Sms(Handler):
            pass

        class Mod(Module):
            def configure(self) -> None:
                self.bind(Handler, Email, name="email")
                self.bind(Handler, Sms, name="sms")

        @inject
        def send(container: InjectQ) -> Handler:
            return container.get(Handler, name="email")
    """
}


def test_a_literal_name_marks_only_that_binding_used(generator: Builder) -> None:
    """get(K, name="email") uses the email binding; the sms one is still reported unused."""
    code, text = generator.generate(NAMED_LITERAL, ["app.services:Mod"], (), "--strict")
    assert code == 1
    assert text.count("IQ007") == 1
    assert "'sms'" in text and "'email'" not in text


LOOKED_UP = {
    "app/services.py": """
        from injectq import InjectQ, singleton

        @singleton
        class Logger:
            pass

        class Report:
            def __init__(self, logger: Logger) -> None:
                self.logger = logger

        class Plain:
            pass

        async def main(container: InjectQ) -> tuple[Report, Plain | None]:
            return await container.aget(Report), container.try_get(Plain)
    """
}


def _generated_text(root: Path) -> str:
    return (root / "gen" / "container.py").read_text(encoding="utf-8")


def test_a_looked_up_unbound_class_is_planned_around_the_declared_singleton(
    build: Builder, tmp_path: Path
) -> None:
    """aget(Report) in scanned code: Report is built with the one declared Logger."""
    container = build(LOOKED_UP)
    services = build.app("services")
    report = container.get(services.Report)
    assert report is not container.get(services.Report)
    assert report.logger is container.get(services.Logger)
    if build.mode == "generated":
        assert "Report(" in _generated_text(tmp_path)


def test_a_looked_up_class_without_its_own_init_is_not_planned(generator: Builder) -> None:
    """0.5's rule: a class without its own __init__ is not auto-built, so it is not planned."""
    code, text = generator.generate(LOOKED_UP)
    assert code == 0, text
    assert "Plain(" not in _generated_text(generator.root)


UNSEEN = {
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


def test_a_class_the_generator_never_planned_warns_once_naming_it(build: Builder) -> None:
    """Generated mode introspects an unplanned class with a warning saying how to declare it;
    the runtime builds it silently. Both share the declared singleton."""
    container = build(UNSEEN)
    services = build.app("services")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = container.get(services.Service)
        container.get(services.Service)
    unseen = [w for w in caught if "not planned by injectq-gen" in str(w.message)]
    assert len(unseen) == (1 if build.mode == "generated" else 0)
    if unseen:
        assert str(unseen[0].message).startswith("Service was not planned")
        assert "declare it" in str(unseen[0].message)
        assert unseen[0].filename == __file__
    assert first.logger is container.get(services.Logger)


NAME_FIRST = {
    "app/services.py": """
        from injectq import inject

        class Settings:
            def __init__(self) -> None:
                self.url = "sqlite://"

        @inject
        def connect(db_url: Settings) -> object:
            return db_url
    """
}


def test_a_root_parameter_matched_by_name_does_not_plan_its_annotated_class(
    generator: Builder,
) -> None:
    """Name first, as the runtime: db_url is the input, so Settings is neither planned nor
    reported unused."""
    code, text = generator.generate(NAME_FIRST, (), ["'db_url'"], "--strict")
    assert code == 0, text
    assert "Settings(" not in _generated_text(generator.root)
