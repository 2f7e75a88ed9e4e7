# The two commands a newcomer needs:   make run   and   make test
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed
# The demo's Wagtail Site (its full URLs in the admin) names the address `make run` serves.
export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test install setup lint format bench clean worker docs

run: setup  ## Install, migrate, create roles and demo content, print log-ins, serve at http://$(HOST):$(PORT)
	@echo "Serving http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/), with the report worker (log: var/worker.log)"
	@# The background worker builds requested report files (and Wagtail's reference-index updates);
	@# its log goes to a file so the log-ins above stay readable. It stops with the server.
	@mkdir -p var
	$(PY) manage.py voca_worker >>var/worker.log 2>&1 & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install  ## Run the whole test suite (SQLite, or PostgreSQL when DATABASE_URL is set)
	@# Browser tests drive Debian's chromium: installed here when we may (root with apt), else
	@# the run ends by saying how many were skipped and the command that enables them.
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get install -y -q chromium >/dev/null || echo "Could not install chromium; browser tests will be skipped"; \
	fi
	$(PY) -m pytest $(PYTEST_ARGS)

setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_roles >/dev/null
	@# Loaded once, here: what it did and the log-ins at the real address are printed once.
	@$(PY) manage.py load_demo --address http://$(HOST):$(PORT)

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

docs: install  ## Build the documentation site into var/site (strict: a broken link or missing page fails)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict

bench: install  ## Every benchmark (public pages, ledger draws, exports, load, fast entry), one summary table
	$(PY) bench/run_all.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var db.sqlite3 db.sqlite3-wal db.sqlite3-shm

worker: setup  ## Run the background worker that builds requested report files (django-tasks-db)
	$(PY) manage.py voca_worker
