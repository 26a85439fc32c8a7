# Everything runs from a local virtual environment that `make` creates on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest bench stress clean

run: $(STAMP)  ## generate the example app's container and run the app in production mode
	$(BIN)/injectq-gen
	INJECTQ_CONTAINER=generated.shop_container:Container $(BIN)/python -m examples.shop

test: lint typecheck pytest  ## the whole test suite: ruff, mypy --strict, pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy injectq injectq_codegen generated tests/typing_check.py

pytest: $(STAMP)
	$(BIN)/python -m pytest

stress: $(STAMP)  ## full-size reliability runs (100k blocks, 32 threads, 100 tasks, fork and kill loops)
	$(BIN)/python -m tests.reliability.stress

bench: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	$(BIN)/python -m benchmarks

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache
