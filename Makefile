# Two entry points: `make site` builds the demo site, `make test` runs every test.
# Both set up everything they need on a fresh machine (system packages, venv, validators).

VENV ?= .venv
PY := $(VENV)/bin/python
SYSTEM_STAMP := $(VENV)/.system-ready
# Material 9.8 prints an end-of-life notice (a print, not a log warning) at every build; it is
# known and recorded in the README, so we silence it to keep build output readable.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve lint setup system mutate lock

# The same output as `mkdocs build --strict`, with the languages spread over every core.
site: setup
	$(VENV)/bin/tidings build --strict --site-dir site

test: setup
	$(PY) -m pytest

# `make serve LANGUAGES=zh,en STORY=rural-tea-village` renders only those languages and that story.
serve: setup
	TIDINGS_BUILD_ONLY=$(LANGUAGES) TIDINGS_PREVIEW=$(STORY) $(VENV)/bin/mkdocs serve

# The rule set is in pyproject.toml ([tool.ruff.lint], [tool.mypy]); tests and scripts are strict too.
lint: setup
	$(VENV)/bin/ruff check plugins tests scripts
	$(VENV)/bin/ruff format --check plugins tests scripts
	MYPYPATH=plugins $(VENV)/bin/mypy
	MYPYPATH=plugins:tests:scripts $(VENV)/bin/mypy --strict tests scripts

# Mutation testing (mutmut 3) of the checks that keep untrusted translations out; not part of
# `make test`. mutmut only understands ./, src/ or source/ layouts, so it runs in mutants/ on a
# fresh copy with plugins/ as src/ (settings in pyproject.toml, [tool.mutmut]); the repository
# is not written to, and `mutmut apply` there only changes the copy. Results: scripts/MUTATION.md.
MUTATE_DIR := mutants
MUTMUT := $(abspath $(VENV))/bin/mutmut
MUTANTS := 'tidings.catalogs.checks.*' 'tidings.catalogs.rendered.*' 'tidings.characters.*' 'tidings.confine.*' \
	'tidings.snippets.feeds.x_spreadsheet_text__mutmut_*' 'tidings.mkdocs_plugins.support.x_front_matter__mutmut_*'

mutate: setup $(VENV)/.mutate-installed
	rm -rf $(MUTATE_DIR) && mkdir $(MUTATE_DIR)
	cp -R plugins $(MUTATE_DIR)/src && cp -R tests $(MUTATE_DIR)/tests
	cp pyproject.toml mkdocs.yml $(MUTATE_DIR)/
	find $(MUTATE_DIR) -name __pycache__ -prune -exec rm -rf {} +
	cd $(MUTATE_DIR) && $(MUTMUT) run $(MUTANTS)
	@echo "Mutants not killed (see one with: cd $(MUTATE_DIR) && $(MUTMUT) show NAME):"
	@cd $(MUTATE_DIR) && $(MUTMUT) results | sed '/: not checked$$/d'
	@echo "Mutants per module (snippets.feeds and support: only the function named):"
	@cd $(MUTATE_DIR) && $(MUTMUT) results --all true | sed -E -e 's/^ *//' -e '/: not checked$$/d' \
		-e 's/^(tidings\.(snippets\.feeds|mkdocs_plugins\.support)\.x_[a-z_]+)__mutmut_[0-9]+:/\1:/' \
		-e 's/^(tidings\.(catalogs\.checks|catalogs\.rendered|characters|confine))\.[^:]*:/\1:/' \
		| sort | uniq -c | awk '{ n = $$1; m = $$2; sub(/:$$/, "", m); $$1 = $$2 = ""; sub(/^ +/, ""); printf "    %-46s %-10s %4d\n", m, $$0, n }'

setup: $(VENV)/.installed $(SYSTEM_STAMP)

system $(SYSTEM_STAMP): scripts/install-system.sh scripts/validators/package-lock.json
	bash scripts/install-system.sh
	@mkdir -p $(VENV) && touch $(SYSTEM_STAMP)

# The exact versions tested (.ci/requirements-dev.txt, made by `make lock`), then Tidings itself.
LOCK := .ci/requirements-dev.txt
$(VENV)/.installed: pyproject.toml $(LOCK)
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

# Pin every Python dependency (uv's resolver; see ARCHITECTURE.md "Pinned dependencies").
# Versions already pinned are kept; after editing pyproject.toml run `make lock`, to upgrade
# everything `make lock UPGRADE=--upgrade`, one package `make lock UPGRADE="--upgrade-package babel"`.
# .ci/requirements-site.txt (what the site workflow installs) is constrained to the dev lock.
UV_COMPILE = $(VENV)/bin/uv pip compile pyproject.toml --universal --python-version 3.11 --quiet
lock: $(VENV)/.installed
	$(PY) -m pip install --quiet "uv>=0.9,<1"
	$(UV_COMPILE) --extra test $(UPGRADE) -o .ci/requirements-dev.txt
	$(UV_COMPILE) --extra check -c .ci/requirements-dev.txt -o .ci/requirements-site.txt

$(VENV)/.mutate-installed: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test,mutate]'
	touch $@
