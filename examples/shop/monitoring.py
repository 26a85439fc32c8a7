"""The guide's performance monitor."""

from __future__ import annotations


class PerformanceMonitor:
    def __init__(self) -> None:
        self.calls: dict[str, int] = {}

    def record(self, name: str) -> None:
        self.calls[name] = self.calls.get(name, 0) + 1

    def report(self) -> list[str]:
        return [f"{name}: {count} call(s)" for name, count in sorted(self.calls.items())]
