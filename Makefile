# `make build` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: build test serve serve-lang clean

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

## build: install pinned dependencies and build every language into site/
build: $(STAMP)
	$(PY) -m build_tools build

## test: install pinned dependencies and run the whole test suite
test: $(STAMP)
	$(PY) -m pytest

## serve: preview with live reload at http://127.0.0.1:8000/
serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs serve

clean:
	rm -rf site site.building-* site.old-*
