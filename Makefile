# LKS Workforce. `make run` and `make test` work on a fresh machine: they install what they need.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy
# Compile dependencies to bytecode at install, and let Python cache our own: some machines set
# PYTHONDONTWRITEBYTECODE, which otherwise makes every start recompile Django (seconds each time).
export UV_COMPILE_BYTECODE := 1
unexport PYTHONDONTWRITEBYTECODE

UV := $(shell uv --version >/dev/null 2>&1 && command -v uv || echo .tools/bin/uv)
RUN := $(UV) run --frozen
PG_URL ?= postgres://postgres@127.0.0.1:5432/lksworkforce
CHROMIUM := /usr/bin/chromium-headless-shell
PORT ?= 8000

.PHONY: help assets install run serve test lint types layers migrations-check test-sqlite test-postgres test-browser check-deploy bench postgres browser clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build/static/css/nhsuk-service.css: lksworkforce/core/styles/nhsuk-service.scss node_modules/.installed
	@mkdir -p $(@D)
	npx sass --no-source-map --style=compressed --quiet-deps --load-path=node_modules $< $@

assets: build/static/css/nhsuk-service.css ## Build the NHS design-system CSS for this service

install: .venv/.synced node_modules/.installed assets ## Install Python and front-end dependencies (idempotent)

# The task worker (emails, long work) runs beside the web server and stops with it.
SERVE := $(RUN) lksw db_worker --no-startup-delay & worker=$$!; trap 'kill $$worker' EXIT; \
	$(RUN) lksw runserver 127.0.0.1:$(PORT)

run: install ## Set up a SQLite database with demo data and serve http://127.0.0.1:8000 (with the task worker)
	@mkdir -p var
	$(RUN) lksw prepare_demo
	$(SERVE)

serve: install ## Serve without touching data (with the task worker)
	$(SERVE)

test: install lint types layers migrations-check test-sqlite test-postgres test-browser check-deploy ## Every quality gate
	@echo "All quality gates passed."

lint: install ## ruff: lint and format check
	$(RUN) ruff check .
	$(RUN) ruff format --check .

types: install ## mypy with django-stubs
	$(RUN) mypy lksworkforce tests benchmarks

layers: install ## import-linter: the layer rules of docs/architecture.md (contracts in pyproject.toml)
	$(RUN) lint-imports --no-logo

migrations-check: install ## Fail if a model change has no migration
	DJANGO_SETTINGS_MODULE=lksworkforce.config.settings.test $(RUN) lksw makemigrations --check --dry-run

test-sqlite: install browser ## The suite on SQLite (browser tests excluded)
	$(RUN) pytest -q -n 2 -m "not browser" -p no:cacheprovider

test-postgres: install postgres browser ## The suite on PostgreSQL (a throwaway test database)
	DATABASE_URL=$(PG_URL) $(RUN) pytest -q -n 2 -m "not browser" -p no:cacheprovider --create-db

test-browser: install browser ## Pages in headless Chromium, checked with axe (WCAG 2.2 AA)
	$(RUN) pytest -q -m browser -p no:cacheprovider

check-deploy: install ## Production settings pass Django's deployment checks
	SECRET_KEY="$$(head -c 48 /dev/urandom | base64)" ALLOWED_HOSTS=lksworkforce.example.nhs.uk \
	DJANGO_SETTINGS_MODULE=lksworkforce.config.settings.production \
	$(RUN) lksw check --deploy --fail-level WARNING

bench: install ## Performance figures, as ratios against baselines measured in the same run
	$(RUN) python -m benchmarks

postgres: ## Start the local PostgreSQL cluster if it is down
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in $$(seq 1 20); do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done; echo "PostgreSQL did not start" >&2; exit 1

browser: ## Install Debian's headless Chromium (browser tests) and pdftotext (PDF checks) if missing
	@test -x $(CHROMIUM) -a -x /usr/bin/pdftotext || { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium-headless-shell fonts-liberation2 poppler-utils; }

clean: ## Remove installed dependencies and local data
	rm -rf .venv node_modules var .tools build
