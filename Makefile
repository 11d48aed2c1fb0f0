# Two entry points: `make demo` and `make test`. Both install into .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED := ../shared

.PHONY: setup demo test lint browser bench bench-deps clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# the CPU build of torch first: an unpinned torch would pull several GB of CUDA packages
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev,ray]'
	touch $(STAMP)

# Debian's chromium for the browser tests (never a browser download)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$(command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

demo: setup
	$(BIN)/wirecheck analyze examples/demo --json out/demo-report.json --html out/demo-report.html
	@if [ -f $(SHARED)/tools/score_report.py ]; then \
	  $(BIN)/python $(SHARED)/tools/score_report.py out/demo-report.json examples/demo/gold.json | tail -n 3; \
	else $(BIN)/python -c "import json; r=json.load(open('out/demo-report.json')); print(len(r['articles']), 'articles,', len(r['stories']), 'stories')"; fi
	@echo "open out/demo-report.html in a browser, or run: $(BIN)/wirecheck serve"

test: setup browser
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

# the spin benchmark spins texts with LibreOffice's English thesaurus (Debian's mythes-en-us)
bench-deps:
	@test -f /usr/share/mythes/th_en_US_v2.dat || { \
	  SUDO=$$(command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && echo sudo); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq mythes-en-us >/dev/null; }

bench: setup bench-deps
	$(BIN)/python bench/run_all.py

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
