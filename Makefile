# Two commands do everything on a fresh machine with Python 3.11+: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp
# Material 9.8 prints an end-of-life banner about MkDocs 2.0 on every run; we pin mkdocs<2.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check new test test-fast bench clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

# axe-core for the browser tests and Lighthouse for `make bench` (package-lock.json pins them); no install scripts run.
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

# --dirty: after a save only the pages whose content changed are rebuilt (see generator/mkdocs_plugin/pagefiles.py).
serve: $(STAMP)  ## build and serve the site at http://127.0.0.1:8000 with live reload
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## build the static site into site/, replacing it only when the build succeeds
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build
	rm -rf site && mv .site-build site

check: $(STAMP)  ## validate every entry
	$(BIN)/python -m generator check

new: $(STAMP)  ## scaffold a new entry, asking for each value in turn
	$(BIN)/python -m generator new

test: $(STAMP) $(NODE_STAMP)  ## the whole test suite
	$(BIN)/python -m pytest

test-fast: $(STAMP)  ## the fast unit tests only (tests/unit, under 20 seconds)
	$(BIN)/python -m pytest tests/unit

bench: $(STAMP) $(NODE_STAMP)  ## the performance benchmark: writes benchmarks/REPORT.md (hours at every size; see there)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf site .site-build $(VENV) .pytest_cache .hypothesis test-artifacts node_modules .cache/timeline-pages
