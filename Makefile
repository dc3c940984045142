# giamngheo — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The suite runs on every core (pytest-xdist); `make test PYTEST_ARGS=` runs it in one process.
PYTEST_ARGS ?= -n auto
STAMP := $(VENV)/.installed
SYSTEM_STAMP := var/.system-packages
export DJANGO_SETTINGS_MODULE ?= giamngheo.settings.dev

.PHONY: run dev test lint bench install system-packages messages clean-db smoke

$(PY):
	$(PYTHON) -m venv $(VENV)

# Plain pip, pinned with hashes: the lock file is the single source of installed versions.
$(STAMP): requirements.lock | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

# Debian packages the tests need: Chromium for the browser tests (Playwright drives it, since a
# test tool's own browser download cannot work here), fonts with Vietnamese glyphs (Times New
# Roman's metric twin Liberation Serif for official documents), gettext, LibreOffice (DOCX → PDF)
# with its Python bridge (python3-uno: the converter kept running, `manage.py pdf_server`) and
# poppler (PDF → PNG, text); espeak-ng (offline Vietnamese speech for commune radio bulletins)
# and ffmpeg (WAV → loudness-normalised MP3, duration and loudness measured).
system-packages: $(SYSTEM_STAMP)
$(SYSTEM_STAMP):
	@mkdir -p var
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	fc-list 2>/dev/null | grep -qi "Liberation Serif" || missing="$$missing fonts-liberation"; \
	fc-list 2>/dev/null | grep -qi "Noto Sans" || missing="$$missing fonts-noto-core"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui"; \
	/usr/bin/python3 -c "import uno" 2>/dev/null || missing="$$missing python3-uno"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v espeak-ng >/dev/null || missing="$$missing espeak-ng"; \
	command -v ffmpeg >/dev/null || missing="$$missing ffmpeg"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@touch $(SYSTEM_STAMP)

messages: $(STAMP) system-packages
	@if [ -d locale ]; then $(PY) manage.py compilemessages --ignore=.venv -v 0; fi

# The production shape on the embedded default (settings.local): gunicorn sync workers with DEBUG
# off and whitenoise, the django-tasks worker and the scheduler, started (and stopped by Ctrl-C)
# together by honcho from the Procfile, each log line prefixed by its process.
RUN_SETTINGS ?= giamngheo.settings.local
run: export DJANGO_SETTINGS_MODULE = $(RUN_SETTINGS)
run: export GIAMNGHEO_PORT = $(PORT)
run: install system-packages messages
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_demo
	$(PY) manage.py collectstatic --noinput -v 0
	@echo "Serving http://127.0.0.1:$(PORT)/ (web, worker, scheduler; e-mails sent are files in $${GIAMNGHEO_VAR_DIR:-var}/mail/). Ctrl-C stops all."
	exec $(VENV)/bin/honcho --no-colour --env /dev/null -f Procfile start

# Development: Django's auto-reloading server (DEBUG on, e-mail on the console) with the worker.
dev: export GIAMNGHEO_PORT = $(PORT)
dev: install system-packages messages
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py load_demo
	exec $(VENV)/bin/honcho --no-colour --env /dev/null -f Procfile.dev start

test: install system-packages messages
	DJANGO_SETTINGS_MODULE=giamngheo.settings.test $(PY) -m pytest -q $(PYTEST_ARGS)

lint: install system-packages
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-logo
	$(VENV)/bin/djlint giamngheo/templates giamngheo/*/templates --lint
	DJANGO_SETTINGS_MODULE=giamngheo.settings.test $(PY) manage.py makemigrations --check --dry-run -v 1
	@if [ -d locale ]; then $(PY) manage.py compilemessages --ignore=.venv -v 0; fi

bench: install system-packages messages
	$(PY) bench/run.py

clean-db:
	rm -f var/db.sqlite3 var/db.sqlite3-wal var/db.sqlite3-shm
