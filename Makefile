# The two set-up commands of the README: `make build` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# axe-core for the accessibility tests, installed from package-lock.json; without npm those tests skip.
NODE_STAMP := node_modules/.installed

.PHONY: build test check web pdf clean

# (Re)install when the project's dependencies change.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else \
		echo "npm is not installed: the accessibility tests (axe-core) will be skipped."; \
	fi

build: $(STAMP)
	$(BIN)/strategy check
	$(BIN)/strategy build

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/strategy check

web: $(STAMP)
	$(BIN)/strategy build --web

pdf: $(STAMP)
	$(BIN)/strategy build --pdf

# Benchmarks (BENCHMARKS.md): the 'bench' extra brings the peers and the profiler.
.PHONY: bench bench-peers
BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python bench/run.py --out BENCHMARKS.md

# Opt-in: installs the LaTeX peer (Debian texlive-xetex and the fonts pandoc's template uses, ~600 MB)
# with apt-get, then benchmarks.
bench-peers:
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq --no-install-recommends texlive-xetex texlive-fonts-recommended lmodern
	$(MAKE) bench

clean:
	rm -rf site dist .build
