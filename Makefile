# PA Employer: one-command set-up, run and test.
#   make run    set everything up, then open the app on a demo employer file
#   make test   set everything up, then run the whole test suite (offscreen)
# Both are safe to run again: each step is skipped when already done.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-run
DEV    := $(VENV)/.installed-dev
DEMO   ?= demo/demo.paemployer
JOBS   ?= 2
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
# Steps must run in the order written (system libraries before the venv, venv before use).
.NOTPARALLEL:
.PHONY: guides help venv dev sysdeps sysdeps-test sysdeps-gui run demo test lint bench soak bundle clean distclean rules-pack

help:
	@echo "make run     set up, then start PA Employer on a demo employer file ($(DEMO))"
	@echo "make test    set up, then run the whole test suite"
	@echo "make lint    ruff (lint and format check), mypy on core and services, import contracts"
	@echo "make bench   run the benchmarks"
	@echo "make bundle  build the Linux program folder and dist/pa-employer-VERSION-linux-x86_64.tar.gz, then smoke-test it"
	@echo "make soak    kill 1,000 real writes and fuzz the importers, then print what was found"
	@echo "make rules-pack  write resources/manifest.toml's hashes and the rules pack dist/pa-employer-rules-VERSION.zip"
	@echo "make guides  rebuild docs/guide-employers.md and docs/guide-advisers.md from the help pages"
	@echo "make venv    only create/update the virtual environment in $(VENV) (make dev: with the development tools)"
	@echo "make clean   remove build output and caches (make distclean also removes $(VENV) and demo/)"

# System libraries Qt needs (Debian/Ubuntu): installed when root, else the command is printed.
sysdeps:
	@PYTHON="$(PYTHON)" bash scripts/ensure-system-libs.sh

sysdeps-test:
	@PYTHON="$(PYTHON)" bash scripts/ensure-system-libs.sh --test

sysdeps-gui:
	@PYTHON="$(PYTHON)" bash scripts/ensure-system-libs.sh --gui

venv: $(STAMP)

# What running needs: the program and its dependencies, nothing else. (Re)installed when
# pyproject.toml or setup.py changes. A half-made venv (no pip in it, e.g. after
# python3-venv was missing) is repaired in place by running venv again over it.
$(STAMP): pyproject.toml setup.py
	@if ! $(BIN)/python -m pip --version >/dev/null 2>&1; then \
	  echo "Creating the virtual environment in $(VENV)"; \
	  $(PYTHON) -m venv $(VENV); \
	fi
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --progress-bar off -e .
	@touch $@

# The development tools on top (pytest, hypothesis, ruff, mypy, import-linter): make test,
# make lint and make bench.
dev: $(DEV)

$(DEV): $(STAMP)
	$(BIN)/python -m pip install --progress-bar off -e '.[dev]'
	@touch $@

# The Linux bundle (installers/README.md): PyInstaller from the `bundle` extra, the
# one-folder build, the tarball with its install script, then the smoke test away from here.
BUNDLE_STAMP := $(VENV)/.installed-bundle

$(BUNDLE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --progress-bar off -e '.[bundle]'
	@touch $@

bundle: $(BUNDLE_STAMP)
	bash installers/linux/build-tarball.sh $(BIN)/python
	bash installers/linux/smoke-test.sh dist/pa-employer-$$($(BIN)/python installers/version_info.py)-linux-$$(uname -m).tar.gz

demo: venv
	@if [ ! -e "$(DEMO)" ]; then \
	  mkdir -p "$$(dirname "$(DEMO)")" && \
	  echo "Creating the demo employer file $(DEMO)" && \
	  $(BIN)/pa-employer demo "$(DEMO)"; \
	fi

run: sysdeps-gui venv demo
	@if [ "$$(uname -s)" = Linux ] && [ -z "$${DISPLAY:-}" ] && [ -z "$${WAYLAND_DISPLAY:-}" ] \
	    && [ -z "$${QT_QPA_PLATFORM:-}" ]; then \
	  echo "No graphical display found (DISPLAY and WAYLAND_DISPLAY are not set)."; \
	  echo "Everything is set up and the demo file is ready: $(DEMO)"; \
	  echo "From a desktop session, start it with: $(BIN)/pa-employer \"$(DEMO)\""; \
	  exit 1; \
	fi
	$(BIN)/pa-employer "$(DEMO)"

# The rules pack a support organisation publishes (docs/rules-packs.md): the hashes of
# resources/ into its manifest, then dist/pa-employer-rules-VERSION.zip. RULES_VERSION=2027.1
# gives the pack a new version.
RULES_VERSION ?=
rules-pack: venv
	$(BIN)/pa-employer rules build resources --out dist $(if $(RULES_VERSION),--version $(RULES_VERSION))

test: sysdeps-test dev
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n $(JOBS) $(PYTEST_ARGS)

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy pa_employer/core pa_employer/services
	$(BIN)/lint-imports --no-cache

guides: venv
	$(BIN)/python -m pa_employer.services.help.guides docs

bench: dev
	$(BIN)/python -m bench

# The long crash and fuzz tests (PA_EMPLOYER_SOAK_KILLS, PA_EMPLOYER_FUZZ_EXAMPLES set the sizes).
soak: dev
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.soak

clean:
	rm -rf build dist .venv-bundle *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis bench/out
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) demo
