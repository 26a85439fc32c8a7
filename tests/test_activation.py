"""Activation errors: a mistyped generated container names where the spec came from."""

from __future__ import annotations

from pathlib import Path

import pytest

import injectq
from injectq import InjectQ, InjectQError


def test_environment_typo_in_module_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """INJECTQ_CONTAINER naming a missing module raises InjectQError with the variable and value."""
    monkeypatch.setenv("INJECTQ_CONTAINER", "generatd.shop_container:Container")
    with pytest.raises(InjectQError) as caught:
        InjectQ()
    message = str(caught.value)
    assert "INJECTQ_CONTAINER='generatd.shop_container:Container'" in message
    assert "no module named 'generatd.shop_container'" in message


def test_environment_typo_in_class_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """INJECTQ_CONTAINER naming a missing class raises InjectQError with the variable and value."""
    monkeypatch.setenv("INJECTQ_CONTAINER", "injectq:Contaner")
    with pytest.raises(InjectQError) as caught:
        InjectQ()
    message = str(caught.value)
    assert "INJECTQ_CONTAINER='injectq:Contaner'" in message
    assert "has no class 'Contaner'" in message


def test_use_generated_typo_names_the_call() -> None:
    """use_generated() with a missing module raises InjectQError naming the call and the spec."""
    with pytest.raises(InjectQError, match=r"use_generated\('no_such_container'\): no module"):
        injectq.use_generated("no_such_container")
    assert type(InjectQ()) is InjectQ  # the failed call activated nothing


def test_missing_import_inside_the_container_module_is_not_hidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A container module whose own import fails raises that ModuleNotFoundError unchanged."""
    module = tmp_path / "broken_container.py"
    module.write_text("import not_installed_dependency\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError, match="not_installed_dependency"):
        injectq.use_generated("broken_container")
