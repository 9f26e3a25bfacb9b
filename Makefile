# Two commands for a newcomer: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Development defaults; production sets these in its environment (see .env.example).
export DEBUG ?= 1
export PYTHONUNBUFFERED := 1

.PHONY: run test install install-dev browser fonts redis lint typecheck messages bench clean

# What production runs (requirements.lock); tests and linters add requirements-dev.lock.
$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.lock
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.lock
	$(VENV)/bin/pip install --quiet -r requirements.lock -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.dev-installed

run: install fonts
	mkdir -p var
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_rvase
	$(PY) manage.py seed_demo
	@echo "Reseau is starting on http://127.0.0.1:$(PORT)/ (background jobs run beside it)."
	@trap 'kill 0' INT TERM EXIT; \
	  $(PY) manage.py run_huey --workers 2 & \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Debian's Chromium drives the browser tests; install it when it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Khmer and Lao glyphs in printed programmes (WeasyPrint) come from Debian's fonts;
# without them the PDF still prints, with boxes for those scripts.
fonts:
	@fc-list 2>/dev/null | grep -q "Khmer OS" && fc-list | grep -q "Phetsarath" || { \
	  echo "Installing Debian's Khmer and Lao fonts for printed programmes…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq fonts-khmeros fonts-lao >/dev/null; } \
	  || echo "Could not install fonts-khmeros and fonts-lao: Khmer and Lao names will print as boxes in PDFs."; }

# The tests of two job workers at once start a redis-server of their own (on a free port).
redis:
	@command -v redis-server >/dev/null 2>&1 || { \
	  echo "Installing Debian's redis-server for the job-queue tests…"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq redis-server >/dev/null; }

# One worker per core (pytest-xdist); each worker has its own test database.
test: install-dev browser fonts redis
	$(PY) -m pytest -n auto

# ruff, its formatter, and the import contracts of docs/architecture.md (pyproject: [tool.importlinter]).
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: install-dev
	$(VENV)/bin/mypy .

# Refresh the French catalogue after changing user-visible strings (needs GNU gettext).
messages: install-dev
	$(PY) manage.py makemessages --locale fr --no-obsolete --no-location --ignore ".venv/*" --ignore "var/*" --ignore "*/tests/*" --ignore "tests/*" --ignore "bench/*"
	$(PY) manage.py compilemessages --locale fr --ignore ".venv/*"

bench: install-dev
	$(PY) bench/member_directory.py
	$(PY) bench/event_feed.py
	$(PY) bench/programme_pdf.py
	$(PY) bench/first_page.py --check

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
