"""Run the reports example (generated mode: INJECTQ_CONTAINER=generated.reports_container)."""

from __future__ import annotations

from examples.reports.modules import ClockProviders, FormatterModule
from examples.reports.services import ReportService
from injectq import InjectQ


def main() -> list[str]:
    container = InjectQ.get_instance()
    container["report_title"] = "Weekly sales"  # an input: it exists only at runtime
    container.install(FormatterModule())
    container.install(ClockProviders())
    first = container.get(ReportService)
    second = container.get(ReportService)
    lines = first.report(["north: 12", "south: 7"])
    lines.append(f"transient: {first is not second}")
    lines.append(f"shared clock: {first.clock.get() is second.clock.get()}")
    return lines


if __name__ == "__main__":
    for line in main():
        print(line)
