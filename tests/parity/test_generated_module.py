"""What only the generated container does: refuse stale code, replace InjectQ() when active."""

from __future__ import annotations

import importlib
import sys

import pytest

import injectq
from injectq import InjectQ, InjectQError

from .conftest import Builder

NOTIFIERS = {
    "app/services.py": """
        from injectq import Module

        class Notifier:
            pass

        class Email(Notifier):
            pass

        class Sms(Notifier):
            pass

        class Alerts:
            def __init__(self, email: Notifier, sms: Notifier) -> None:
                self.email, self.sms = email, sms

        class Mod(Module):
            def configure(self) -> None:
                self.bind(Notifier, Email, name="email")
                self.bind(Notifier, Sms, name="sms")
                self.bind("email", Email)
                self.bind("sms", Sms)
                self.bind(Alerts, Alerts)
    """
}


def _edit(builder: Builder, old: str, new: str) -> None:
    path = builder.root / "src" / "app" / "services.py"
    path.write_text(path.read_text().replace(old, new))
    sys.modules.pop("app.services", None)
    sys.modules.pop("container", None)
    importlib.invalidate_caches()


@pytest.mark.parametrize(
    ("old", "new", "change"),
    [
        ("email: Notifier, sms: Notifier", "sms: Notifier, email: Notifier", "(email, sms)"),
        ("sms: Notifier) -> None", "sms: Notifier, push: Notifier) -> None", "push"),
    ],
    ids=["swapped", "added"],
)
def test_stale_generated_module_refuses_to_wire(
    generator: Builder, old: str, new: str, change: str
) -> None:
    """A constructor whose parameters changed since generation fails at creation, by name."""
    generator(NOTIFIERS, modules=["app.services:Mod"])
    _edit(generator, old, new)
    module = importlib.import_module("container")
    with pytest.raises(InjectQError) as info:
        module.Container().get(importlib.import_module("app.services").Alerts)
    message = str(info.value)
    assert "container" in message and "app.services.Alerts" in message
    assert change in message and "injectq-gen" in message


def test_activated_generated_container_replaces_injectq(generator: Builder) -> None:
    """While active, InjectQ() builds the generated class; subclasses are left alone."""
    generator(NOTIFIERS, modules=["app.services:Mod"])
    container_class = importlib.import_module("container").Container

    class Custom(InjectQ):
        pass

    previous = InjectQ._instance
    injectq.use_generated("container")
    try:
        created = InjectQ()
        assert type(created) is container_class
        created.install(importlib.import_module("app.services").Mod())  # already wired: no-op
        alerts = created.get(importlib.import_module("app.services").Alerts)
        assert type(alerts.email).__name__ == "Email"
        assert type(Custom()) is Custom
        with InjectQ.test_mode() as test_container:
            assert type(test_container) is container_class
    finally:
        injectq.use_generated(None)  # type: ignore[arg-type]  # deactivates
        InjectQ._instance = previous
    assert type(InjectQ()) is InjectQ


def test_activated_injectq_receives_its_arguments(generator: Builder) -> None:
    """InjectQ(modules=[...]) under activation builds the generated class with those arguments."""
    generator(NOTIFIERS, modules=["app.services:Mod"])
    services = importlib.import_module("app.services")
    injectq.use_generated("container")
    try:
        created = InjectQ(modules=[services.Mod()], allow_override=False)
        assert created.allow_override is False
        assert type(created.get(services.Alerts).sms).__name__ == "Sms"
    finally:
        injectq.use_generated(None)


def test_environment_activates_until_use_generated_none(
    generator: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """INJECTQ_CONTAINER swaps InjectQ() and get_instance(); use_generated(None) turns it off."""
    generator(NOTIFIERS, modules=["app.services:Mod"])
    container_class = importlib.import_module("container").Container
    monkeypatch.setenv("INJECTQ_CONTAINER", "container:Container")
    InjectQ.reset_instance()
    assert type(InjectQ()) is container_class
    assert type(InjectQ.get_instance()) is container_class
    injectq.use_generated(None)
    assert type(InjectQ()) is InjectQ
    assert type(InjectQ.get_instance()) is InjectQ


def test_generated_module_still_wires_after_a_compatible_change(generator: Builder) -> None:
    """A new parameter with a default leaves the generated call valid: no staleness error."""
    generator(NOTIFIERS, modules=["app.services:Mod"])
    _edit(generator, "sms: Notifier) -> None", "sms: Notifier, retries: int = 3) -> None")
    module = importlib.import_module("container")
    alerts = module.Container().get(importlib.import_module("app.services").Alerts)
    assert type(alerts.email).__name__ == "Email" and type(alerts.sms).__name__ == "Sms"


PLAIN = {
    "app/services.py": """
        from injectq import singleton

        @singleton
        class Pool:
            def __init__(self) -> None:
                pass

        @singleton
        class Repo:
            def __init__(self, pool: Pool) -> None:
                self.pool = pool
    """
}


def test_a_call_listed_only_by_provide_names_is_checked_for_staleness(generator: Builder) -> None:
    """A constructor described by ``names=`` alone (not in ``w.expect``) is still checked."""
    generator(PLAIN)
    written = (generator.root / "gen" / "container.py").read_text()
    assert 'names=("pool",)' in written and '(Repo, ("pool",), 1)' not in written
    _edit(generator, "pool: Pool) -> None", "pool: Pool, size: int) -> None")
    module = importlib.import_module("container")
    with pytest.raises(InjectQError, match=r"app\.services\.Repo.*\(pool, size\)"):
        module.Container().get(importlib.import_module("app.services").Repo)
