"""Construction expressions: a singleton read once per expression, and only where that is safe."""

from __future__ import annotations

import pytest

from injectq_codegen._plan._expressions import share_reads
from injectq_codegen._plan._names import Namer

A = "_a if _a is not None else a()"
B = "_b if _b is not None else b()"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (f"X(Y({A}, {B}), Z({A}), {B})", f"X(Y((y := {A}), (y_2 := {B})), Z(y), y_2)"),
        (f"X({A}, Y({B}), {A}, {A})", f"X((y := {A}), Y({B}), y, y)"),
    ],
    ids=["two shared reads", "one shared, one single"],
)
def test_repeated_reads_are_named_where_first_evaluated(code: str, expected: str) -> None:
    """The first use (leftmost, evaluated first) binds the name; later uses read it."""
    assert share_reads(code, Namer(()).claim) == expected


@pytest.mark.parametrize(
    "code",
    [
        f"X({A}, {B})",
        f"c[K] if K in c else c.setdefault(K, X({A}, {A}))",
        f"X(Y({A}) if flag else None, {A})",
    ],
    ids=["no repeats", "a block read guards the build", "a user conditional"],
)
def test_reads_are_left_alone_without_repeats_or_beside_other_conditionals(code: str) -> None:
    """A read inside a branch may not run, so nothing after it may rely on its name."""
    assert share_reads(code, Namer(()).claim) == code


def test_the_rewritten_expression_builds_the_same_value() -> None:
    """Evaluated, the shared form calls each singleton getter once and passes the same values."""
    calls: list[str] = []

    def a() -> str:
        calls.append("a")
        return "A"

    namespace = {"_a": None, "a": a, "X": lambda *args: args}
    plain = eval(f"X({A}, X({A}), {A})", dict(namespace))
    shared_calls = len(calls)
    shared = eval(share_reads(f"X({A}, X({A}), {A})", Namer(()).claim), dict(namespace))
    assert plain == shared == ("A", ("A",), "A")
    assert shared_calls == 3 and len(calls) - shared_calls == 1
