"""``injectq-gen explain CODE``: what a finding's code means, an example, and the fix.

The README's table of codes is checked against this table, so the two cannot drift apart.
"""

from __future__ import annotations

import sys
import textwrap
from dataclasses import dataclass

__all__ = ["EXPLANATIONS", "codes", "explain"]


@dataclass(frozen=True, slots=True)
class Explanation:
    """One code: what it means, a small example that triggers it, and the fix."""

    meaning: str
    example: str
    fix: str


EXPLANATIONS: dict[str, Explanation] = {  # by slug: codes live in the code tables
    "missing-binding": Explanation(
        "A key is needed (a parameter of a constructor, factory or root) but nothing binds it, "
        "and it is not a class the container can build on its own.",
        "class Service:\n    def __init__(self, repo: Repo) -> None: ...  # Repo is not bound",
        "Bind the key in a module (self.bind(Repo, SqlRepo)), decorate the class (@singleton), "
        "add a @provider returning it, or declare it under [tool.injectq] inputs.",
    ),
    "cycle": Explanation(
        "Keys depend on each other in a circle, so none of them can be built first.",
        "class A:\n    def __init__(self, b: B) -> None: ...\n"
        "class B:\n    def __init__(self, a: A) -> None: ...",
        "Break the circle: take Lazy[A] in B (resolved on first use), or move the shared part "
        "into a third service both depend on.",
    ),
    "scope-leak": Explanation(
        "A longer-lived service (a singleton) keeps a shorter-lived one (request-scoped), "
        "directly, through transients, or through Lazy[T]: every later request sees the first "
        "request's instance.",
        '@scoped("request")\nclass UnitOfWork: ...\n\n@singleton\nclass Committer:\n'
        "    def __init__(self, unit: UnitOfWork) -> None: ...",
        "Take Current[UnitOfWork] (resolved in the current scope on every get()), or give the "
        "holder the shorter lifetime too.",
    ),
    "sync-needs-async": Explanation(
        "A synchronous path (get, a sync @inject function) needs a key whose resolution awaits "
        "an async factory or resource that is not a singleton.",
        "@inject\ndef handler(session: Session) -> None: ...  # Session comes from an async "
        "factory",
        "Make the caller async (aget, async def), or make the factory synchronous. An async "
        "singleton is fine once aget has built it.",
    ),
    "abstract-binding": Explanation(
        "A key is bound to a class with abstract methods, which cannot be instantiated.",
        "class Repo(ABC):\n    @abstractmethod\n    def get(self) -> str: ...\n\n"
        "self.bind(Repo, Repo)",
        "Bind the interface to a concrete implementation: self.bind(Repo, SqlRepo).",
    ),
    "duplicate-binding": Explanation(
        "The same key is bound twice; the later binding wins. A warning unless "
        "allow_override = false, then an error.",
        "self.bind(Clock, SystemClock)\nself.bind(Clock, FakeClock)",
        "Remove one of the bindings, or bind the second under a name (name=...).",
    ),
    "unused-binding": Explanation(
        "A binding that no root reaches: no @inject function, framework endpoint, configured "
        "root, get/aget call with a literal key, or other binding depends on it. A warning "
        "(an error under --strict).",
        "self.bind(Mailer, SmtpMailer)  # nothing asks for Mailer",
        "Remove the binding, list the key under [tool.injectq] roots when code outside the "
        "scanned packages resolves it, or set report_unused = false.",
    ),
    "missing-input": Explanation(
        "A key declared under [tool.injectq] inputs is needed, but its value was not set on the "
        "container before it was resolved.",
        "inputs = [\"'db_url'\"]  # and container['db_url'] = ... is never run",
        "Set it at startup: container['db_url'] = os.environ['DB_URL'].",
    ),
    "unsupported-form": Explanation(
        "A declaration the static reader cannot follow: made under if/for/while/with/try, with "
        "a computed key, scope or name, a lambda or a local variable.",
        "if DEBUG:\n    @singleton\n    class Clock: ...",
        "Declare it unconditionally, with literal keys, scopes and names; put a runtime choice "
        "inside a @provider's body.",
    ),
    "syntax-error": Explanation(
        "A source file does not parse. Findings that only follow from it are not reported "
        "until it does.",
        "class Clock(:\n    pass",
        "Fix the syntax error at the line Python reports (python -m py_compile FILE).",
    ),
    "unresolved-name": Explanation(
        "A name in a declaration or annotation (a string annotation included) does not refer "
        "to anything the reader can find.",
        'def __init__(self, clock: "Clok") -> None: ...',
        "Fix the spelling (the message names the nearest match) or import the name at module "
        "level (under TYPE_CHECKING is fine).",
    ),
    "unreadable-class": Explanation(
        "A class that must be read (an implementation, a module) is not in the source roots, "
        "or cannot be built as declared.",
        "self.bind(Client, httpx.Client)  # third-party code is not read",
        "Bind an instance, or add a @provider that builds it.",
    ),
    "config-error": Explanation(
        "The [tool.injectq] settings name something that does not exist (a module, class or "
        "package), or are malformed.",
        'modules = ["app.modules:ProductionModul"]',
        "Fix the setting; the message says what was looked for and the nearest match.",
    ),
}


def codes() -> dict[str, str]:
    """Every code, validator's and reader's, with its slug, in code order."""
    from ._diagnostics import Code
    from ._runtime import CODES

    table = {**CODES, **{c.value: c.slug for c in Code}}
    return dict(sorted(table.items()))


def _render(code: str, slug: str) -> str:
    item = EXPLANATIONS[slug]
    example = "\n".join(f"    {line}" if line else "" for line in item.example.splitlines())
    meaning = textwrap.fill(item.meaning, 88)
    fix = textwrap.fill(item.fix, 88, initial_indent="    ", subsequent_indent="    ")
    return f"{code} {slug}\n\n{meaning}\n\nExample:\n{example}\n\nFix:\n{fix}\n"


def explain(code: str | None) -> int:
    """Print one code's explanation (exit 0), or the list of codes when none is given."""
    table = codes()
    if code is None:
        sys.stdout.write("".join(f"{known}  {slug}\n" for known, slug in table.items()))
        return 0
    slug = table.get(code.upper())
    if slug is None:
        sys.stderr.write(
            f"injectq-gen: error: unknown code {code!r}; known codes: {', '.join(table)}\n"
        )
        return 2
    sys.stdout.write(_render(code.upper(), slug))
    return 0
