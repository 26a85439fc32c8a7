"""Request handlers: plain functions whose dependencies are injected."""

from __future__ import annotations

from examples.notes.services import Formatter, Journal, Store
from injectq import Inject, inject


@inject
def add_note(text: str, store: Store, journal: Journal) -> int:
    note_id = next(store.ids)
    store.notes[note_id] = text
    journal.entries.append(f"added {note_id}")
    return note_id


@inject
def list_notes(store: Store, formatter: Formatter, journal: Journal = Inject[Journal]) -> list[str]:
    journal.entries.append("listed")
    return [formatter.line(f"{i}: {text}") for i, text in sorted(store.notes.items())]


@inject
async def count_notes(store: Store) -> int:
    return len(store.notes)
