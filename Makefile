# `make build` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: build test serve clean system-deps lock compile

# requirements.txt is a lock file: exact versions with hashes, checked on install
$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# The project's own bytecode, as pip writes it for installed packages (an
# editable install does not): where PYTHONDONTWRITEBYTECODE is set, every
# build process would otherwise compile build_tools from source. Only
# changed files are compiled again.
compile: $(STAMP)
	@$(PY) -m compileall -q build_tools hooks

## build: install pinned dependencies and build every language into site/
build: compile
	$(PY) -m build_tools build

## test: install pinned dependencies and run the whole test suite
test: compile
	$(PY) -m pytest

## serve: preview with live reload at http://127.0.0.1:8000/ (PORT=8001 for another port)
##        (`make serve ONLY=nah` builds one language: faster, for translators;
##        it is at /nah/, Spanish at /); rebuilds when docs/, facts/, locales/,
##        translations/ or redirects.yml change (`watch:` in mkdocs.yml)
PORT ?= 8000
serve: compile
	@$(if $(ONLY),echo "http://127.0.0.1:$(PORT)/$(if $(filter es,$(ONLY)),,$(ONLY)/)")
	NO_MKDOCS_2_WARNING=1 $(if $(ONLY),DC_ONLY_LANG=$(ONLY)) $(PY) -m mkdocs serve --dev-addr 127.0.0.1:$(PORT)

## system-deps: Debian packages for the server, browser, QR code, PO file and valid HTML tests (needs root)
system-deps:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light libnginx-mod-http-brotli-static wrk chromium gettext zbar-tools default-jre-headless

## lock: regenerate requirements.txt (hashes) after editing requirements.in
lock:
	$(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet pip-tools==7.6.2
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	rm -rf .venv-lock

clean:
	rm -rf site site.building-* site.old-*
