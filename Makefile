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

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	@# bubblewrap lets the grading tests run submissions in a sandbox; optional.
	@command -v bwrap >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	  && { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null 2>&1 \
	  || { apt-get update -qq >/dev/null 2>&1 \
	  && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null 2>&1; }; }; } \
	  || echo "note: bubblewrap (bwrap) is not installed; the grading sandbox tests will be skipped."
	touch $(STAMP)

# Jupyter refuses to run as root unless told to (containers, some cloud machines).
ROOT_ARGS := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: setup
	$(BIN)/jupyter lab notebooks/ $(ROOT_ARGS) $(LAB_ARGS)

test: test-lib test-solutions test-notebooks

test-lib: setup
	$(BIN)/python -m pytest

test-solutions: setup
	$(NBVAL) --nbval --nbval-sanitize-with tests/sanitize.cfg solutions

test-notebooks: setup
	$(NBVAL) --nbval-lax notebooks

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
