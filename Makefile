# Two commands for a newcomer: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Development defaults; production sets these in its environment (see .env.example).
export DEBUG ?= 1
export PYTHONUNBUFFERED := 1

.PHONY: run test install browser lint typecheck messages bench clean

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.lock
	touch $@

install: $(VENV)/.installed

run: install
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

test: install browser
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .

typecheck: install
	$(VENV)/bin/mypy .

# Refresh the French catalogue after changing user-visible strings (needs GNU gettext).
messages: install
	$(PY) manage.py makemessages --locale fr --no-obsolete --no-location --ignore ".venv/*" --ignore "var/*"
	$(PY) manage.py compilemessages --locale fr --ignore ".venv/*"

bench: install
	$(PY) bench/member_directory.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
