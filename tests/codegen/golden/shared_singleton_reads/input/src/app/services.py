"""A transient tree that needs the same singletons in several places: each is read once."""

from injectq import singleton, transient


@singleton
class Settings:
    def __init__(self) -> None:
        self.url = "sqlite://"


@singleton
class Pool:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings


@transient
class Repository:
    def __init__(self, settings: Settings, pool: Pool) -> None:
        self.settings = settings
        self.pool = pool


@transient
class Auditor:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings


@transient
class Handler:
    def __init__(self, repo: Repository, auditor: Auditor, pool: Pool) -> None:
        self.repo = repo
        self.auditor = auditor
        self.pool = pool
