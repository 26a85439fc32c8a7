# Everything runs from a local virtual environment that `make` creates on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ACCEL := $(VENV)/.accel
PYTEST_FLAGS ?= -n 2  # two workers: the suite runs twice (compiled, then pure)
ACCEL_SOURCES := build_accel.py injectq/_runtime/accel.py injectq/_runtime/blocks.py \
	injectq/_runtime/dispatch.py

.PHONY: run serve test lint typecheck pytest accel wheel-compiled bench stress clean

run: $(STAMP)  ## generate the example app's container and run the app in production mode
	$(BIN)/injectq-gen
	INJECTQ_CONTAINER=generated.shop_container:Container $(BIN)/python -m examples.shop

serve: $(STAMP)  ## serve the example app over HTTP and WebSocket in production mode (PORT=8000)
	$(BIN)/injectq-gen
	INJECTQ_CONTAINER=generated.shop_container:Container $(BIN)/python -m examples.shop.web

test: lint typecheck pytest  ## the whole test suite: ruff, mypy --strict, pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)  ## mypy --strict on the packages, the examples and the README's tour as user code
	$(BIN)/mypy injectq injectq_codegen generated examples tests/typing_check.py tests/readme_tour.py
	$(BIN)/python -m tests.readme_tour
	$(BIN)/mypy --config-file tests/mypy_plugin.ini tests/typing_plugin_check.py

pytest: $(ACCEL)  ## the suite against the compiled accelerator, then against the pure modules
	$(BIN)/python -m pytest $(PYTEST_FLAGS)
	INJECTQ_PURE=1 $(BIN)/python -m pytest $(PYTEST_FLAGS)

accel: $(ACCEL)  ## build the compiled accelerator in place (once, and again when its sources change)

$(ACCEL): $(STAMP) $(ACCEL_SOURCES)
	$(BIN)/python build_accel.py
	touch $(ACCEL)

wheel-compiled: $(STAMP)  ## build the compiled (platform) wheel and check it runs compiled
	$(BIN)/python -m tests.accel.compiled_wheel

stress: $(STAMP)  ## full-size reliability runs (100k blocks, 32 threads, 100 tasks, fork and kill loops)
	$(BIN)/python -m tests.reliability.stress

bench: $(ACCEL)
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	$(BIN)/python -m benchmarks

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache
	rm -f injectq/_runtime/*.so
