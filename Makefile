# The course's commands, as thin wrappers. `make help` lists them.
#
#   make setup   create .venv and install the course into it (once; quick afterwards)
#   make lab     open the course in JupyterLab
#   make test    run every test: library, data, release, grading, notebooks
#
# Override the Python used to create .venv with `make setup PYTHON=python3.12`.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.crmkit-setup-done

# Warnings are errors inside the notebook kernels too, as they are in pytest
# (see [tool.pytest.ini_options] in pyproject.toml): kernels inherit
# PYTHONWARNINGS. "Glyph ... missing from font" is matplotlib drawing text its
# font cannot show. The one ignore: ipykernel itself emits a
# PendingDeprecationWarning (from ipykernel.kernelbase) when a kernel shuts
# down, which would otherwise make every shutdown wait for a timeout.
KERNEL_WARNINGS := error::FutureWarning,error::DeprecationWarning,error::PendingDeprecationWarning,error:Glyph:UserWarning,ignore::PendingDeprecationWarning:ipykernel.kernelbase
# nbval runs the notebooks in a kernel of this environment's Python.
NBVAL := PYTHONWARNINGS=$(KERNEL_WARNINGS) $(BIN)/python -m pytest --nbval-current-env --nbval-cell-timeout=600

.PHONY: help setup lab test test-lib test-solutions test-notebooks release data solutions bench lint

help:
	@echo "make setup       create .venv and install the course (pinned by constraints.txt)"
	@echo "make lab         open the course (notebooks/) in JupyterLab"
	@echo "make test        run all tests: library and doctests, solutions (nbval), student notebooks"
	@echo "make release     write notebooks/ from solutions/ (crmkit release)"
	@echo "make data        regenerate the course data in datasets/ (crmkit data)"
	@echo "make solutions   re-run every solutions/*.ipynb and store its outputs"
	@echo "make bench       run the benchmarks in benchmarks/"
	@echo "make lint        check the code and notebooks with ruff"

setup: $(STAMP)

# What `make setup` installs besides the Python packages, when it runs as root with apt-get
# (containers, CI): bubblewrap for the grading sandbox tests, Chromium and fonts for the
# browser test (tests/browser/). Elsewhere those tests skip and say why.
APT_PACKAGES := bubblewrap chromium fonts-noto-cjk fonts-noto-color-emoji
NO_PIP_HELP := The virtual environment $(VENV)/ has no pip, so nothing can be installed into it.\n\
It was probably created on a Debian/Ubuntu machine without the python3-venv package.\n\
Fix: sudo apt-get install python3-venv   (or python3.X-venv for your Python), then\n\
     rm -rf $(VENV) && make setup

$(STAMP): pyproject.toml constraints.txt
	@echo "make setup: creating $(VENV)/ and installing the course's packages into it"
	@echo "(about 1 minute with a good connection; about 700 MB of disk, all inside $(VENV)/)."
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  printf '\nCould not create $(VENV)/ with $(PYTHON) -m venv.\n$(NO_PIP_HELP)\n'; exit 1; }
	@# A half-made .venv (python but no pip) is repaired with ensurepip, or explained.
	@$(BIN)/python -m pip --version >/dev/null 2>&1 || $(BIN)/python -m ensurepip --upgrade >/dev/null 2>&1 \
	  || { printf '\n$(NO_PIP_HELP)\n'; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --progress-bar on -c constraints.txt -e '.[test]'
	@missing=""; for package in $(APT_PACKAGES); do dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "make setup: installing$$missing with apt-get (for the grading sandbox and browser tests)"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null 2>&1 \
	  || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null 2>&1; } \
	  || echo "note: could not install$$missing; the tests that need them will be skipped."; \
	fi
	@command -v bwrap >/dev/null 2>&1 || echo "note: bubblewrap (bwrap) is not installed; the grading sandbox tests will be skipped."
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
	  || echo "note: Chromium is not installed; the browser test (tests/browser/) will be skipped."
	@touch $(STAMP)
	@echo "make setup: done. Next: make lab (opens the course), make test (runs every test)."

# Jupyter refuses to run as root unless told to (containers, some cloud machines).
ROOT_ARGS := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: setup
	$(BIN)/jupyter lab notebooks/ $(ROOT_ARGS) $(LAB_ARGS)

test: test-lib test-solutions test-notebooks

# The tests run on every core (pytest-xdist), at most four workers; notebooks are handed out
# whole (--dist loadfile), so each keeps its own kernel. The browser test runs on its own
# afterwards, so that a loaded machine cannot make JupyterLab miss its time limits.
# `make test WORKERS=0` runs everything in one process.
WORKERS ?= auto
PARALLEL := $(if $(filter 0,$(WORKERS)),,-n $(WORKERS) --maxprocesses=4)

test-lib: setup
	$(BIN)/python -m pytest $(PARALLEL) --dist loadfile -m "not browser" --durations=25
	$(BIN)/python -m pytest tests/browser

test-solutions: setup
	$(NBVAL) $(PARALLEL) --dist loadfile --nbval --nbval-sanitize-with tests/sanitize.cfg solutions

test-notebooks: setup
	$(NBVAL) $(PARALLEL) --dist loadfile --nbval-lax notebooks

release: setup
	$(BIN)/crmkit release

data: setup
	$(BIN)/crmkit data

solutions: setup
	PYTHONWARNINGS=$(KERNEL_WARNINGS) $(BIN)/python -m crmkit.execute $(sort $(wildcard solutions/*.ipynb))

bench: setup
	@for script in $(sort $(wildcard benchmarks/*.py)); do \
	  echo "== $$script"; $(BIN)/python "$$script" || exit 1; done

lint: setup
	$(BIN)/ruff check conftest.py lib tests solutions notebooks benchmarks
