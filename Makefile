# Rental Service Desk. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The running address, for the links the demo's and the server's notifications carry.
SERVING := RSD_HOST=$(HOST) RSD_PORT=$(PORT)
# Test processes (pytest-xdist): one per core, at most 4; WORKERS=0 runs in this process.
WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ "$$n" -gt 4 ] && n=4; echo $$n)
# More pytest options for `make test`, e.g. PYTEST_ARGS="-x tests/forms" or "--durations=20".
PYTEST_ARGS ?=

.DEFAULT_GOAL := help

.PHONY: help
help: ## Show this list
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/activate: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(BIN)/activate

.PHONY: venv
venv: $(BIN)/activate ## Build the virtual environment from requirements.txt

.PHONY: migrate
migrate: venv ## Apply database migrations
	$(MANAGE) migrate --noinput

.PHONY: demo
demo: migrate ## Load the demo data (safe to run again)
	$(SERVING) $(MANAGE) load_demo

.PHONY: run
run: demo ## Build, migrate, load the demo data and serve on http://127.0.0.1:8000/
	$(SERVING) $(MANAGE) runserver $(HOST):$(PORT)

.PHONY: test
test: venv ## Run every test, on WORKERS processes; PostgreSQL and browser tests skip when missing
	$(BIN)/pytest -n $(WORKERS) $(PYTEST_ARGS)

# Rows of the search benchmark (make bench SCALE=1000000).
SCALE ?= 100000

.PHONY: bench
bench: venv ## Measure listing queries and times, search, job and import throughput (medians); SCALE=rows
	SCALE=$(SCALE) $(BIN)/pytest tests/bench -m bench -s -q -p no:cacheprovider

.PHONY: language
language: venv ## Every admin page of every role in zh-Hant and zh-Hans: English or the other script fails
	$(BIN)/pytest -n $(WORKERS) -m language tests/browser/test_language.py

.PHONY: lint
lint: venv ## Check style and common mistakes
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

.PHONY: format
format: venv ## Format the code and fix what can be fixed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

.PHONY: messages
messages: venv ## Extract translatable strings into site/locale, then compile them (needs gettext)
	$(MANAGE) makemessages -l zh_Hant -l zh_Hans --ignore '.venv/*' --ignore 'tests/*' --no-obsolete
	$(MANAGE) compilemessages --ignore '.venv/*'

.PHONY: periodic
periodic: venv ## Run the periodic jobs once (cron runs this in production)
	$(MANAGE) run_periodic_jobs

.PHONY: worker
worker: venv ## Run a background worker for queued tasks
	$(MANAGE) db_worker
