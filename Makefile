# Two entry points: `make site` builds the demo site, `make test` runs every test.
# Both set up everything they need on a fresh machine (system packages, venv, validators).

VENV ?= .venv
PY := $(VENV)/bin/python
SYSTEM_STAMP := $(VENV)/.system-ready
# Material 9.8 prints an end-of-life notice (a print, not a log warning) at every build; it is
# known and recorded in the README, so we silence it to keep build output readable.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve lint setup system

# The same output as `mkdocs build --strict`, with the languages spread over every core.
site: setup
	$(VENV)/bin/tidings build --strict --site-dir site

test: setup
	$(PY) -m pytest

# `make serve LANGUAGES=zh,en STORY=tea-village` renders only those languages and that story.
serve: setup
	TIDINGS_BUILD_ONLY=$(LANGUAGES) TIDINGS_PREVIEW=$(STORY) $(VENV)/bin/mkdocs serve

lint: setup
	$(VENV)/bin/ruff check plugins tests scripts
	MYPYPATH=plugins $(VENV)/bin/mypy

setup: $(VENV)/.installed $(SYSTEM_STAMP)

system $(SYSTEM_STAMP): scripts/install-system.sh scripts/validators/package-lock.json
	bash scripts/install-system.sh
	@mkdir -p $(VENV) && touch $(SYSTEM_STAMP)

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@
