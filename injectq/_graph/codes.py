"""The one table of problem codes: every finding of the validator carries one of these."""

from __future__ import annotations

__all__ = [
    "ABSTRACT_BINDING",
    "CODES",
    "CYCLE",
    "DUPLICATE_BINDING",
    "MISSING_BINDING",
    "MISSING_INPUT",
    "SCOPE_LEAK",
    "SYNC_NEEDS_ASYNC",
    "UNUSED_BINDING",
]

MISSING_BINDING = "IQ001"
CYCLE = "IQ002"
SCOPE_LEAK = "IQ003"
SYNC_NEEDS_ASYNC = "IQ004"
ABSTRACT_BINDING = "IQ005"
DUPLICATE_BINDING = "IQ006"
UNUSED_BINDING = "IQ007"
MISSING_INPUT = "IQ008"

CODES = {
    MISSING_BINDING: "missing-binding",
    CYCLE: "cycle",
    SCOPE_LEAK: "scope-leak",
    SYNC_NEEDS_ASYNC: "sync-needs-async",
    ABSTRACT_BINDING: "abstract-binding",
    DUPLICATE_BINDING: "duplicate-binding",
    UNUSED_BINDING: "unused-binding",
    MISSING_INPUT: "missing-input",
}
"""Code -> slug, as printed after the code (``IQ001 missing-binding: ...``)."""
