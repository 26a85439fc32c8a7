"""Both modes and injectq-gen report the same problems, each with a path from a root."""

from __future__ import annotations

from injectq import GraphError

from .conftest import Builder


def _report(build: Builder, mode: str, files: dict[str, str], *flags: str) -> tuple[int, str]:
    """Runtime: what validate() raises; generated: what injectq-gen prints."""
    if mode == "generated":
        return build.generate(files, (), (), *flags)
    container = build(files)
    try:
        container.validate()
    except GraphError as error:
        return 1, "\n".join(problem.problem.render() for problem in error.problems)
    return 0, ""


MISSING_BEHIND_A_ROOT = {
    "app/services.py": """
        from injectq import singleton

        class Clock:
            pass

        @singleton
        class Auditor:
            def __init__(self, clock: Clock) -> None:
                self.clock = clock

        @singleton
        class Zeta:
            def __init__(self, auditor: Auditor) -> None:
                self.auditor = auditor
    """
}


def test_missing_binding_path_starts_at_the_binding_nothing_depends_on(
    build: Builder, mode: str
) -> None:
    """The path runs from the root (Zeta), not from whatever sorts first (Auditor)."""
    code, text = _report(build, mode, MISSING_BEHIND_A_ROOT)
    assert code == 1
    assert "IQ001" in text
    assert text.index("Zeta") < text.index("Auditor") < text.index("clock: Clock")
    assert text.count("services.py:") >= 2  # the file:line of each hop


NAMED_LOOKUPS = {
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
        def send(container: InjectQ, kind: str = "email") -> Handler:
            return container.get(Handler, name=kind)
    """
}


def test_named_bindings_looked_up_by_get_are_used(generator: Builder) -> None:
    """get(K, name=computed) in scanned code counts every named K as used (--strict passes)."""
    code, text = generator.generate(NAMED_LOOKUPS, ["app.services:Mod"], (), "--strict")
    assert code == 0, text
    assert "IQ007" not in text


LAZY_LEAK = {
    "app/services.py": """
        from injectq import Lazy, scoped, singleton

        @scoped("request")
        class UnitOfWork:
            pass

        @singleton
        class Committer:
            def __init__(self, unit: Lazy[UnitOfWork]) -> None:
                self.unit = unit
    """
}


def test_lazy_scoped_held_by_a_singleton_is_a_scope_leak(build: Builder, mode: str) -> None:
    """Lazy resolves once, so a singleton holding Lazy[scoped] leaks; the hint names Current."""
    code, text = _report(build, mode, LAZY_LEAK)
    assert code == 1
    assert "IQ003" in text and "Current[UnitOfWork]" in text
