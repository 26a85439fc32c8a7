"""Configuration read at startup."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DatabaseConfig:
    path: str = ":memory:"
    max_connections: int = 4
    min_connections: int = 1
    command_timeout: int = 60
