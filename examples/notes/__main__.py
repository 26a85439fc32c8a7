"""Run the notes example (generated mode: INJECTQ_CONTAINER=generated.notes_container)."""

from __future__ import annotations

import asyncio

from examples.notes import handlers
from examples.notes.services import Journal
from injectq import InjectQ


def main() -> list[str]:
    container = InjectQ.get_instance()
    lines: list[str] = []
    for texts in (["buy milk", "write tests"], ["ship it"]):
        with container.scope("request"):
            for text in texts:
                handlers.add_note(text)
            lines.extend(handlers.list_notes())
            journal = container.get(Journal)
            lines.append(f"journal: {', '.join(journal.entries)}")
    lines.append(f"count: {asyncio.run(handlers.count_notes())}")
    return lines


if __name__ == "__main__":
    for line in main():
        print(line)
