"""Bindings written the 0.5 way: a binder, and a provider module."""

from __future__ import annotations

from examples.reports.services import (
    Clock,
    Formatter,
    HtmlFormatter,
    PlainFormatter,
    ReportService,
)
from injectq import Module, ModuleBinder, ProviderModule, provider


class FormatterModule(Module):
    def configure(self, binder: ModuleBinder) -> None:  # 0.5's style
        binder.bind(Formatter, PlainFormatter, name="plain")
        binder.bind(Formatter, HtmlFormatter, name="html")
        binder.bind(ReportService, ReportService, scope="transient")


class ClockProviders(ProviderModule):
    @provider(scope="singleton")
    def clock(self) -> Clock:
        return Clock("2026-11-27")
