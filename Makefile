# Kennisbrug — every gate CI runs is a target here.
# `make run` and `make test` do all the setup on a fresh machine.

SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
PY := $(UV) run --frozen python
MANAGE := $(PY) src/manage.py
PG_URL ?= postgres://postgres@127.0.0.1:5432/kennisbrug
PYTEST_ARGS ?=

.PHONY: install browser-deps run serve totp test test-sqlite test-postgres test-api-fuzz test-e2e check lint format migrations-check \
        messages messages-check types schema schema-check bench bench-web demo clean

$(UV):
	python3 -m pip install --quiet --user uv || python3 -m pip install --quiet uv

install: $(UV)
	$(UV) sync --frozen --quiet

## browser-deps: axe-core for the browser tests' accessibility checks (npm; not needed by `make run`)
browser-deps: node_modules/.package-lock.json

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --silent

## run: install, migrate, load reference and demo data, serve on http://127.0.0.1:8000 (SQLite)
##      with the task worker in the background (log: var/worker.log)
run: install
	DJANGO_DEBUG=1 $(MANAGE) migrate --noinput
	DJANGO_DEBUG=1 $(MANAGE) load_reference_data
	DJANGO_DEBUG=1 $(MANAGE) demo_data
	DJANGO_DEBUG=1 $(MANAGE) matching rebuild
	DJANGO_DEBUG=1 $(MANAGE) demo_logins
	@# the task worker (mail, index updates, exports, daily jobs) runs beside the server and stops with it
	DJANGO_DEBUG=1 $(MANAGE) run_huey > var/worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_DEBUG=1 $(MANAGE) runserver 127.0.0.1:8000

## totp: the current authenticator code of a demo staff account (development only), e.g.
##       make totp EMAIL=secretariaat@demo.kennisbrug.eu
EMAIL ?= secretariaat@demo.kennisbrug.eu
totp: install
	@DJANGO_DEBUG=1 $(MANAGE) demo_logins --totp "$(EMAIL)"

## serve: production mode with gunicorn on http://127.0.0.1:8000 (DEBUG off, PostgreSQL from
## DATABASE_URL, default $(PG_URL)); see README "Production" and docs/operations.md
serve: install
	DATABASE_URL="$${DATABASE_URL:-$(PG_URL)}" bash scripts/serve

## test: install and run the whole suite on SQLite and on PostgreSQL
test: install browser-deps test-sqlite test-postgres

test-sqlite: install browser-deps
	$(UV) run --frozen pytest $(PYTEST_ARGS)

test-postgres: install browser-deps
	DATABASE_URL=$(PG_URL) $(UV) run --frozen pytest $(PYTEST_ARGS)

## test-api-fuzz: a longer Schemathesis run over every API operation on PostgreSQL (about 19,000
##                requests; the ordinary suite sends about 17,000 per database)
test-api-fuzz: install
	DATABASE_URL=$(PG_URL) SCHEMATHESIS_EXAMPLES=30 SCHEMATHESIS_MIN_REQUESTS=15000 \
		$(UV) run --frozen pytest tests/api/test_schemathesis.py -p no:randomly $(PYTEST_ARGS)

## test-e2e: only the browser tests (Chromium + axe-core)
test-e2e: install browser-deps
	$(UV) run --frozen pytest -m e2e $(PYTEST_ARGS)

## check: lint, format, migrations, messages, types and schema drift
check: install lint migrations-check messages-check types schema-check

lint: install
	$(UV) run --frozen ruff check src bench tests scripts conftest.py
	$(UV) run --frozen ruff format --check src bench tests scripts conftest.py
	PYTHONPATH=src $(UV) run --frozen lint-imports  # the import contracts in pyproject.toml

format: install
	$(UV) run --frozen ruff check --fix src bench tests scripts conftest.py
	$(UV) run --frozen ruff format src bench tests scripts conftest.py

migrations-check: install
	DJANGO_DEBUG=1 $(MANAGE) makemigrations --check --dry-run

## messages: update the Dutch catalogues from the code and compile them
messages: install
	$(PY) scripts/messages.py update

messages-check: install
	$(PY) scripts/messages.py check

types: install
	$(UV) run --frozen mypy

## schema: regenerate the committed OpenAPI schema
schema: install
	DJANGO_DEBUG=1 $(MANAGE) spectacular --file docs/openapi.yaml --validate --fail-on-warn

schema-check: install
	DJANGO_DEBUG=1 $(MANAGE) spectacular --file var/openapi.yaml --validate --fail-on-warn
	diff -u docs/openapi.yaml var/openapi.yaml

## bench: speed and quality benchmarks; figures are printed, not asserted
bench: install
	$(PY) bench/run.py

## bench-web: requests/s and p50/p99 of the production server on PostgreSQL (demo data x10,
##            database kb_bench, wrk on 127.0.0.1; about 3 minutes); see docs/operations.md
bench-web: install
	@command -v wrk >/dev/null 2>&1 || { command -v apt-get >/dev/null 2>&1 && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || true
	$(PY) bench/web_throughput.py

clean:
	rm -rf var/kennisbrug.sqlite3* var/index staticfiles
