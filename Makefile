# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-requirements
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test lint format install messages migrate demo clean prod-smoke screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	cp requirements.txt $(STAMP)

install: $(STAMP)

messages: install
	@if command -v msgfmt >/dev/null 2>&1; then \
		DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=staticfiles -v 0; \
	else echo "msgfmt fehlt: verwende die eingecheckten .mo-Dateien"; fi

# This checkout's own settings: development mode, so that plain
# `python manage.py ...` works here too. Never copied to production.
.env:
	printf '# Local development settings (not committed)\nDEBUG=true\n' > .env

run: install messages .env
	DEBUG=true $(BIN)/python manage.py migrate --no-input
	DEBUG=true $(BIN)/python manage.py load_demo
	@echo ""
	@echo "  KI-Allianz Community Management läuft auf http://$(HOST):$(PORT)/"
	@echo "  Demo-Zugänge: office, admin, cm-<region> (z. B. cm-karlsruhe)"
	@echo "  Passwort: $${DEMO_PASSWORD:-kiallianz-demo}"
	@echo ""
	DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install messages lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The production stack on this machine (PostgreSQL, Redis, gunicorn, Celery
# worker and beat, DEBUG off), probed end to end and stopped again.
prod-smoke: install messages
	$(BIN)/python deploy/prod_smoke.py

# docs/screenshots/*.png from the demo data (temporary database and server,
# chromium through Playwright); the README's gallery shows them.
screenshots: install messages
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
