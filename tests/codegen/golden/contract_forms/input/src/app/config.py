from dataclasses import dataclass


@dataclass
class Settings:
    debug: bool = False


@dataclass
class DatabaseConfig:
    max_connections: int = 10
    timeout: int = 30
