# The two set-up commands of the README: `make build` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test check web pdf clean

# (Re)install when the project's dependencies change.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/strategy check
	$(BIN)/strategy build

test: $(STAMP)
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/strategy check

web: $(STAMP)
	$(BIN)/strategy build --web

pdf: $(STAMP)
	$(BIN)/strategy build --pdf

clean:
	rm -rf site dist .build
