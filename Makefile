# The two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON_SYS ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
# `make run PORT=8001` serves on another port; links in mail follow it.
PORT ?= 8000
DEV_ENV = DEBUG=1 DEMO_MODE=1 EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend SITE_URL=http://127.0.0.1:$(PORT)

.PHONY: run test lint pytest migrate messages screenshots system-packages clean

$(VENV)/bin/python:
	$(PYTHON_SYS) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.run-installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.run-installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

## make run: install, migrate, load demo data, serve web + worker on :8000 or PORT=... (Ctrl-C stops both)
run: $(VENV)/.run-installed
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py createcachetable
	$(DEV_ENV) $(PY) manage.py seed_demo
	@echo "Serving http://127.0.0.1:$(PORT) with background workers. Ctrl-C stops them all."
	@$(DEV_ENV) bash -c 'trap "trap - INT TERM EXIT; kill 0" INT TERM EXIT; \
		$(PY) manage.py run_worker --queue-name timers,default & \
		$(PY) manage.py run_worker --queue-name mail & \
		$(PY) manage.py runserver --noreload 127.0.0.1:$(PORT) & \
		wait -n'

## make test: everything CI runs (lint, migrations check, the whole suite incl. browser tests)
test: system-packages $(VENV)/.dev-installed node_modules/.installed lint pytest

system-packages:
	@if ! command -v chromium >/dev/null || ! command -v msgfmt >/dev/null || ! command -v ffmpeg >/dev/null || ! command -v faketime >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "Installing system packages (chromium, postgresql, nodejs, gettext, ffmpeg, faketime)"; bash .ci/system-packages; fi

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

pytest: $(VENV)/.dev-installed node_modules/.installed
	$(VENV)/bin/pytest -q $(PYTEST_ARGS)

## make screenshots: refresh the pictures in docs/ from the browser tests
screenshots: $(VENV)/.dev-installed node_modules/.installed
	UPDATE_SCREENSHOTS=1 $(VENV)/bin/pytest -q tests/browser

## make messages: refresh the Spanish catalogue after adding strings, then translate and compile
messages: $(VENV)/.dev-installed
	$(PY) manage.py makemessages -l es --no-obsolete --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=var --ignore=bench/.helpdesk-venv
	$(PY) manage.py compilemessages -l es --ignore=.venv --ignore=bench/.helpdesk-venv

clean:
	rm -rf $(VENV) node_modules staticfiles
