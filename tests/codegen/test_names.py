"""Name generation for generated modules: keyword-safe and collision-checked."""

from __future__ import annotations

import pytest

from injectq_codegen._plan._names import Namer, safe_identifier, snake_case


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UserService", "user_service"),
        ("HTTPClient", "http_client"),
        ("DB", "db"),
        ("Cache2", "cache2"),
        ("already_snake", "already_snake"),
    ],
)
def test_snake_case_splits_words(text: str, expected: str) -> None:
    """Class names become snake_case words, acronyms kept together."""
    assert snake_case(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("db-url", "db_url"),
        ("2fa", "_2fa"),
        ("handler:{x}", "handler_x"),
        ("", "key"),
        ("_private", "_private"),
    ],
)
def test_safe_identifier_makes_valid_names(text: str, expected: str) -> None:
    """Any key text becomes a valid Python identifier."""
    assert safe_identifier(text) == expected
    assert expected.isidentifier()


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        (["class"], ["class_2"]),
        (["match", "type"], ["match_2", "type_2"]),
        (["list", "wire", "lock"], ["list_2", "wire_2", "lock_2"]),
        (["memo", "memo", "memo"], ["memo", "memo_2", "memo_3"]),
        (["memo_2", "memo", "memo"], ["memo_2", "memo", "memo_3"]),
        (["cache", "store", "value"], ["cache_2", "store_2", "value_2"]),
        (["Container", "_iq", "annotations"], ["Container_2", "_iq_2", "annotations_2"]),
    ],
)
def test_namer_never_reuses_or_shadows(claims: list[str], expected: list[str]) -> None:
    """Keywords, soft keywords, builtins, shape and template names and taken names get a
    suffix."""
    namer = Namer()
    assert [namer.claim(c) for c in claims] == expected
