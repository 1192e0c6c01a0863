# Two commands: `make run` (set up and serve with demo data) and `make test` (set up and test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	KANSRIJK_ENV=$${KANSRIJK_ENV:-development} $(BIN)/kansrijk db upgrade
	KANSRIJK_ENV=$${KANSRIJK_ENV:-development} $(BIN)/kansrijk seed --size utrecht --seed 7 --if-empty
	KANSRIJK_ENV=$${KANSRIJK_ENV:-development} $(BIN)/kansrijk serve --host 127.0.0.1 --port 5000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

test: lint
	$(BIN)/pytest

bench: install
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.recruitment
	$(BIN)/python -m bench.placement_scale
	$(BIN)/python -m bench.db_run
	$(BIN)/python -m bench.scenario
	$(BIN)/python -m bench.weekly
	$(BIN)/python -m bench.web
	$(BIN)/python -m bench.startup
	$(BIN)/python -m bench.import_preview
	$(BIN)/python -m bench.load  # needs TEST_DATABASE_URL (a PostgreSQL server); says so otherwise

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache test-artifacts
