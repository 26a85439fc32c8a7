"""Repeated ``@inject`` calls that pass nothing take a precompiled path; it must build exactly
what resolving through the container builds, in both modes."""

from __future__ import annotations

from .conftest import Builder

HANDLER = {
    "app/services.py": """
        from injectq import Module, inject

        class Env:
            pass

        class Settings:
            pass

        class Clock:
            pass

        class Mailer:
            def __init__(self, env: Env, *, settings: Settings) -> None:
                self.env = env
                self.settings = settings

        class Mod(Module):
            def configure(self) -> None:
                self.bind(Env, Env).singleton()
                self.bind(Settings, Settings).singleton()
                self.bind(Clock, Clock).transient()
                self.bind(Mailer, Mailer).transient()

        @inject
        def handle(env: Env, mailer: Mailer, clock: Clock) -> tuple[Env, Mailer, Clock]:
            return env, mailer, clock
    """
}


def test_repeated_inject_calls_build_fresh_transients_around_the_singleton(
    build: Builder,
) -> None:
    """Every call gets the one Env, a new Mailer holding it (and the one Settings, passed by
    keyword) and a new Clock."""
    container = build(HANDLER, modules=["app.services:Mod"])
    services = build.app("services")
    with container.context():
        calls = [services.handle() for _ in range(4)]
    env = container.get(services.Env)
    assert all(call[0] is env and call[1].env is env for call in calls)
    assert len({id(call[1]) for call in calls}) == 4
    assert len({id(call[2]) for call in calls}) == 4
    settings = container.get(services.Settings)
    assert all(call[1].settings is settings for call in calls)


def test_repeated_inject_calls_follow_overrides_and_close(build: Builder) -> None:
    """A Mailer built on the precompiled path gets an overridden Env, and a new one after
    close(), never the Env it was first built around."""
    container = build(HANDLER, modules=["app.services:Mod"])
    services = build.app("services")
    fake = services.Env()
    with container.context():
        first = services.handle()[1].env
        assert services.handle()[1].env is first
        with container.override(services.Env, fake):
            assert services.handle()[1].env is fake
        assert services.handle()[1].env is first
        container.close()
        after = services.handle()[1].env
        assert after is not first and services.handle()[1].env is after
