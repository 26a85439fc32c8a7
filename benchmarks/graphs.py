"""The fixed workload graphs: plain classes, no library imports.

Every library under test wires exactly these classes. Each workload owns its classes, so
a library that marks classes (for example with a lifetime attribute) cannot leak a choice
from one workload into another.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

# W1: one singleton ---------------------------------------------------------------------


class Config:
    def __init__(self) -> None:
        self.debug = False


# W2: a transient root over 10 classes, depth 4, every node transient -------------------


class Leaf1:
    def __init__(self) -> None:
        pass


class Leaf2:
    def __init__(self) -> None:
        pass


class Leaf3:
    def __init__(self) -> None:
        pass


class Leaf4:
    def __init__(self) -> None:
        pass


class Mid1:
    def __init__(self, a: Leaf1, b: Leaf2) -> None:
        self.a = a
        self.b = b


class Mid2:
    def __init__(self, a: Leaf2, b: Leaf3) -> None:
        self.a = a
        self.b = b


class Mid3:
    def __init__(self, a: Leaf3, b: Leaf4) -> None:
        self.a = a
        self.b = b


class Upper1:
    def __init__(self, a: Mid1, b: Mid2) -> None:
        self.a = a
        self.b = b


class Upper2:
    def __init__(self, a: Mid2, b: Mid3) -> None:
        self.a = a
        self.b = b


class TreeRoot:
    def __init__(self, a: Upper1, b: Upper2) -> None:
        self.a = a
        self.b = b


W2_CLASSES: tuple[type, ...] = (
    Leaf1,
    Leaf2,
    Leaf3,
    Leaf4,
    Mid1,
    Mid2,
    Mid3,
    Upper1,
    Upper2,
    TreeRoot,
)

# W3: a transient root, 3 singletons and 4 transients (root included), depth 3 ----------


class Settings:
    def __init__(self) -> None:
        self.url = "sqlite://"


class Pool:
    def __init__(self) -> None:
        self.size = 4


class Cache:
    def __init__(self) -> None:
        self.data: dict[str, object] = {}


class Repository:
    def __init__(self, settings: Settings, pool: Pool) -> None:
        self.settings = settings
        self.pool = pool


class Service:
    def __init__(self, pool: Pool, cache: Cache) -> None:
        self.pool = pool
        self.cache = cache


class Auditor:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings


class MixedRoot:
    def __init__(self, repo: Repository, service: Service, auditor: Auditor) -> None:
        self.repo = repo
        self.service = service
        self.auditor = auditor


W3_SINGLETONS: tuple[type, ...] = (Settings, Pool, Cache)
W3_TRANSIENTS: tuple[type, ...] = (Repository, Service, Auditor, MixedRoot)

# W4 / W5: a request scope with a session resource ---------------------------------------


class AppSettings:
    def __init__(self) -> None:
        self.name = "bench"


class AppCache:
    def __init__(self) -> None:
        self.data: dict[str, object] = {}


class AppMetrics:
    def __init__(self) -> None:
        self.count = 0


class Session:
    """A database session that records whether (and how often) it was closed."""

    def __init__(self) -> None:
        self.close_count = 0

    @property
    def closed(self) -> bool:
        return self.close_count > 0

    def close(self) -> None:
        self.close_count += 1


def session_resource() -> Iterator[Session]:
    """The generator resource: the code after ``yield`` runs when the scope is left."""
    session = Session()
    try:
        yield session
    finally:
        session.close()


async def async_session_resource() -> AsyncIterator[Session]:
    """The async-generator resource for W5."""
    session = Session()
    try:
        yield session
    finally:
        session.close()


class Users:
    def __init__(self, session: Session, settings: AppSettings) -> None:
        self.session = session
        self.settings = settings


class Orders:
    def __init__(self, session: Session, cache: AppCache) -> None:
        self.session = session
        self.cache = cache


class Audit:
    def __init__(self, session: Session, metrics: AppMetrics) -> None:
        self.session = session
        self.metrics = metrics


class Payments:
    def __init__(self, session: Session, settings: AppSettings) -> None:
        self.session = session
        self.settings = settings


class Notices:
    def __init__(self, session: Session, cache: AppCache) -> None:
        self.session = session
        self.cache = cache


class Handler:
    def __init__(
        self, users: Users, orders: Orders, audit: Audit, payments: Payments, notices: Notices
    ) -> None:
        self.users = users
        self.orders = orders
        self.audit = audit
        self.payments = payments
        self.notices = notices
        self.session_open_at_build = not users.session.closed

    def services(self) -> tuple[Users, Orders, Audit, Payments, Notices]:
        return (self.users, self.orders, self.audit, self.payments, self.notices)


W4_SINGLETONS: tuple[type, ...] = (AppSettings, AppCache, AppMetrics)
W4_SCOPED: tuple[type, ...] = (Users, Orders, Audit, Payments, Notices, Handler)

# W7: a function with three injected dependencies ----------------------------------------


class Env:
    def __init__(self) -> None:
        self.region = "eu"


class Clock:
    def __init__(self) -> None:
        self.tick = 0


class Mailer:
    def __init__(self, env: Env) -> None:
        self.env = env


def handle(env: Env, mailer: Mailer, clock: Clock) -> tuple[Env, Mailer, Clock]:
    """The body every W7 variant calls: ``Env`` is a singleton, the others transient."""
    return (env, mailer, clock)
