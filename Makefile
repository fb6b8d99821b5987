# storage-backend. `make run` serves the API; `make test` runs the suite. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FLASK := $(BIN)/flask --app wsgi

.PHONY: run test lint format migrate rollback status openapi clean seed bench fuzz

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## Serve on 127.0.0.1:$${PORT:-8000}; starts an embedded PostgreSQL when none is configured
	$(BIN)/python -m app.serve

test: $(STAMP)  ## Run the test suite against ephemeral PostgreSQL (PG_BIN_DIR picks other binaries)
	$(BIN)/pytest $(PYTEST_ARGS)

fuzz: $(STAMP)  ## schemathesis over every operation, user and admin tokens, on a live server (< 5 min)
	FUZZ=1 $(BIN)/pytest -q -s tests/test_fuzz.py $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint sql migrations

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/sqlfluff fix sql migrations

migrate: $(STAMP)  ## Apply pending migrations to the configured database
	$(FLASK) db upgrade

rollback: $(STAMP)  ## Undo the last migration on the configured database
	$(FLASK) db rollback

status: $(STAMP)
	$(FLASK) db status

openapi: $(STAMP)  ## Write the OpenAPI document to openapi.json
	$(BIN)/python -m app.openapi openapi.json

seed: $(STAMP)  ## Sample data: the demo user (SEED_ARGS='--users N --days D --reset' scales it)
	$(FLASK) seed sample $(SEED_ARGS)

bench: $(STAMP)  ## Seed, serve with gunicorn, measure the seed's queries over HTTP (BENCH_USERS, BENCH_DAYS)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) *.egg-info
