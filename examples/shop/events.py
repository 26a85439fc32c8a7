"""An in-memory event log, so both container modes can be compared line by line."""

from __future__ import annotations


class EventLog:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def record(self, line: str) -> None:
        self.lines.append(line)
