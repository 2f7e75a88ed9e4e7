# The two commands a newcomer needs:   make run   and   make test
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed
# The demo's Wagtail Site (its full URLs in the admin) names the address `make run` serves.
export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test install setup lint format bench clean worker

run: setup  ## Install, migrate, create roles and demo content, print log-ins, serve at http://127.0.0.1:8000
	@$(PY) manage.py load_demo | tail -n 12
	@echo "Serving http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/), with the report worker (log: var/worker.log)"
	@# The background worker builds requested report files (and Wagtail's reference-index updates);
	@# its log goes to a file so the log-ins above stay readable. It stops with the server.
	@mkdir -p var
	$(PY) manage.py db_worker >>var/worker.log 2>&1 & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install  ## Run the whole test suite (SQLite, or PostgreSQL when DATABASE_URL is set)
	$(PY) -m pytest $(PYTEST_ARGS)

setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_roles >/dev/null
	$(PY) manage.py load_demo >/dev/null

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=python3.x)")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[test]"
	@touch $(STAMP)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

bench: install  ## Every benchmark (public pages, ledger draws, exports, load, fast entry), one summary table
	$(PY) bench/run_all.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var db.sqlite3 db.sqlite3-wal db.sqlite3-shm

worker: setup  ## Run the background worker that builds requested report files (django-tasks-db)
	$(PY) manage.py db_worker
