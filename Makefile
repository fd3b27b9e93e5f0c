# The two commands: `make run` and `make test`. Everything else is here to serve them.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CATALOGUE := locale/th/LC_MESSAGES/django.mo
DEV_ENV := DEBUG=1

.PHONY: run serve test install messages system-check lint format serve-worker makemessages clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV). On Debian/Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(STAMP) $(CATALOGUE)

# The Thai catalogue, compiled from its source: a clean clone has none (the .mo is not kept in
# git), and without it every page and `manage.py report` would speak English.
$(CATALOGUE): locale/th/LC_MESSAGES/django.po $(STAMP)
	$(DEV_ENV) $(BIN)/python manage.py compile_catalogues
	@touch $@

messages: install
	$(DEV_ENV) $(BIN)/python manage.py compile_catalogues

system-check: install
	@$(BIN)/python -m config.system_check

run: install system-check messages
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py seed_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/ with a worker beside it (Ctrl-C stops both)"
	$(DEV_ENV) $(BIN)/python -m config.processes run --port $(PORT)

# Production-like: DEBUG off, migrate, collectstatic, then gunicorn, a Celery worker and beat,
# stopped together (README, "Production"). HOST=0.0.0.0 to answer beyond this machine.
HOST ?= 127.0.0.1
serve: install system-check messages
	$(BIN)/python -m config.processes serve --host $(HOST) --port $(PORT)

test: install messages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# A Celery worker alone, e.g. on another machine with CELERY_BROKER_URL=redis://…
serve-worker: install
	$(BIN)/celery -A config worker --loglevel=INFO

# Refresh the catalogues after changing user-facing strings (needs GNU gettext).
makemessages: install
	$(DEV_ENV) $(BIN)/python manage.py makemessages --locale th --no-obsolete --no-location --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'tests/*'

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 var
