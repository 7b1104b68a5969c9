# The one entry point. `make run` serves the site; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test

.DEFAULT_GOAL := help
.PHONY: help install install-dev lock audit release migrate run serve test test-fast test-browser test-live test-postgres fuzz screenshots bench lint format check ci clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed: run make with PYTHON=python3.11 (or newer)")'
	$(PYTHON) -m venv $(VENV)

# Installed from the locks: every package of the tree pinned, each file checked by hash.
$(VENV)/.runtime: requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

$(VENV)/.dev: requirements.lock requirements-dev.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	@touch $@ $(VENV)/.runtime

install: $(VENV)/.runtime ## Create .venv with the runtime requirements (requirements.lock)
install-dev: $(VENV)/.dev ## Create .venv with the test and lint requirements too

# pip-tools and pip-audit in a venv of their own: neither is needed to run or test the site.
TOOLS := .venv-tools
$(TOOLS)/.ready:
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check pip-tools==7.7.0 pip-audit==2.10.1
	@touch $@

# From PyPI itself, so the locks hold the hash of every platform's file, not a mirror's
# few; a machine-wide pip constraint file is ignored.
COMPILE := PIP_CONSTRAINT= $(TOOLS)/bin/pip-compile --quiet --generate-hashes --strip-extras \
	--allow-unsafe --no-emit-index-url --no-emit-find-links --index-url https://pypi.org/simple

lock: $(TOOLS)/.ready ## Pin the whole tree with hashes: requirements*.lock from requirements*.txt
	$(COMPILE) --output-file requirements.lock requirements.txt
	$(COMPILE) --output-file requirements-dev.lock requirements-dev.txt

audit: $(TOOLS)/.ready ## Known vulnerabilities in the locked packages, or plainly that it could not check
	@$(TOOLS)/bin/pip-audit --strict --disable-pip --require-hashes --progress-spinner off \
		-r requirements-dev.lock > $(TOOLS)/audit.log 2>&1; status=$$?; cat $(TOOLS)/audit.log; \
	if [ $$status -ne 0 ] && grep -qiE "could not be audited|connection|resolve|timed out|HTTPError" $(TOOLS)/audit.log; then \
		echo "make audit: COULD NOT CHECK. No advisory database answered for every package (above), so nothing here says they are safe. Run it where PyPI's JSON API (pypi.org/pypi/<name>/<version>/json) can be reached."; \
		exit 2; \
	fi; exit $$status

release: $(VENV)/.runtime ## Migrate, then load the shipped articles: once, however many servers start
	$(BIN)/python manage.py release

migrate: release ## The same as make release

run: release ## Serve the site on http://127.0.0.1:8000 (SQLite unless DATABASE_URL is set)
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

serve: $(VENV)/.runtime ## Production: gunicorn on 127.0.0.1:8000 (needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS)
	DJANGO_DEBUG=0 $(BIN)/python manage.py check --deploy
	DJANGO_DEBUG=0 $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DJANGO_DEBUG=0 $(BIN)/python manage.py release
	DJANGO_DEBUG=0 exec $(BIN)/gunicorn --config gunicorn.conf.py twitchsite.wsgi

# Progress by file, and the ten slowest tests at the end.
PYTEST := $(BIN)/python -m pytest --durations=10

test: $(VENV)/.dev ## Run the whole test suite (what CI runs)
	$(PYTEST)

test-fast: $(VENV)/.dev ## The suite without browser, live-server or fuzz tests (about a minute)
	$(PYTEST) -m "not browser and not live and not fuzz and not screenshots"

test-browser: $(VENV)/.dev ## Only the browser tests (needs Debian's chromium)
	BROWSER_TESTS_REQUIRED=1 $(PYTEST) -m "browser and not screenshots"

test-live: $(VENV)/.dev ## Only the tests that start a real server on loopback
	$(PYTEST) -m live

fuzz: $(VENV)/.dev ## Fuzz every URL and form with many thousands of random requests
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -m fuzz

# The benchmark's tools from Debian's packages, installed when missing (with sudo unless root).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

bench: $(VENV)/.runtime ## Benchmark the site side by side with wrk and nginx (docs/performance.md)
	@command -v wrk >/dev/null && command -v redis-server >/dev/null && \
		{ command -v nginx >/dev/null || test -x /usr/sbin/nginx; } || { \
		echo "Installing wrk, nginx and redis-server from Debian's packages"; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx redis-server >/dev/null; }
	$(BIN)/python bench/run.py

screenshots: $(VENV)/.dev ## Save PNGs of the main pages into docs/screenshots (needs chromium)
	BROWSER_TESTS_REQUIRED=1 $(BIN)/python -m pytest -m screenshots

# The browser tests check pages, which do not depend on the database: they run once, on SQLite.
test-postgres: $(VENV)/.dev ## Run the suite but the browser tests against PostgreSQL (POSTGRES_URL)
	DATABASE_URL=$(POSTGRES_URL) $(PYTEST) -m "not browser and not screenshots"

lint: $(VENV)/.dev ## ruff: lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev ## ruff: fix what can be fixed and format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(VENV)/.dev ## Django's system checks and a check for missing migrations
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

ci: lint check test test-postgres ## What CI runs

clean: ## Remove the virtual environment and caches (keeps the database)
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis staticfiles
