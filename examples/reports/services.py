"""Formatters under names, a clock from a provider, and a service that needs them lazily."""

from __future__ import annotations

from typing import Annotated

from injectq import Lazy, Named


class Formatter:
    def render(self, title: str, rows: list[str]) -> list[str]:
        raise NotImplementedError


class PlainFormatter(Formatter):
    def __init__(self) -> None:
        self.bullet = "*"

    def render(self, title: str, rows: list[str]) -> list[str]:
        return [title.upper(), *(f"{self.bullet} {row}" for row in rows)]


class HtmlFormatter(Formatter):
    def __init__(self) -> None:
        self.tag = "li"

    def render(self, title: str, rows: list[str]) -> list[str]:
        return [f"<h1>{title}</h1>", *(f"<{self.tag}>{row}</{self.tag}>" for row in rows)]


class Clock:
    def __init__(self, today: str) -> None:
        self.today = today


class ReportService:
    def __init__(
        self,
        report_title: str,
        plain: Annotated[Formatter, Named("plain")],
        html: Annotated[Formatter, Named("html")],
        clock: Lazy[Clock],
    ) -> None:
        self.title = report_title
        self.plain = plain
        self.html = html
        self.clock = clock

    def report(self, rows: list[str]) -> list[str]:
        dated = [*rows, f"as of {self.clock.get().today}"]
        return [*self.plain.render(self.title, dated), *self.html.render(self.title, dated)]
