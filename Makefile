# One task runner: the README's commands and .ci/run call these targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
ADDR   ?= 127.0.0.1:8000

.PHONY: tracked-files lock help setup browser-deps bench-deps serve build check test test-fast lint typecheck golden bench clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

setup: $(STAMP)  ## create .venv and install the project with its test tools

# pip from requirements-pip.lock, then every dependency (and setuptools) from requirements.lock, each
# version pinned and its files' hashes checked; then the project itself, without dependencies and with the
# locked setuptools (no build isolation, which would fetch an unpinned one).
$(STAMP): pyproject.toml requirements.lock requirements-pip.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-pip.lock
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

lock:  ## pin every dependency with its hashes in requirements.lock (after editing pyproject.toml's dependencies)
	$(BIN)/pip install --quiet 'pip-tools==7.*'
	$(BIN)/pip-compile --quiet --all-build-deps --allow-unsafe --extra=test --generate-hashes \
		--no-emit-index-url --no-emit-find-links --strip-extras --output-file=requirements.lock pyproject.toml

browser-deps:  ## install Debian's chromium and CJK fonts for the browser tests (once; needs root or sudo)
	@if [ -n "$$CHROMIUM" ] && [ -x "$$CHROMIUM" ]; then exit 0; fi; \
	if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
			chromium fonts-noto-cjk >/dev/null; \
	fi

# Only the benchmark needs Hugo (its Hugo + Pagefind peer, bench/hugo_peer.py); the tests skip without it.
bench-deps:  ## install Debian's hugo for the bench's Hugo + Pagefind peer (once; needs root or sudo)
	@if ! command -v hugo >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends hugo >/dev/null; \
	fi

serve: setup  ## serve the site with live reload at http://$(ADDR)/
	$(BIN)/mkdocs serve --dev-addr $(ADDR)

build: setup  ## build the whole site, all three languages, into site/
	$(BIN)/mkdocs build --strict

tracked-files:  ## fail when git tracks a file that .gitignore ignores (added with -f) or a symbolic link
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
		ignored=$$(git ls-files -ci --exclude-standard); \
		links=$$(git ls-files -s | grep '^120000' | cut -f2-); \
		if [ -n "$$ignored" ]; then printf '%s: tracked, but .gitignore ignores it (added with git add -f?); untrack it: git rm --cached\n' $$ignored; fi; \
		if [ -n "$$links" ]; then printf '%s: a symbolic link; the project tracks no links (SECURITY.md): replace it with the file or remove it\n' $$links; fi; \
		[ -z "$$ignored$$links" ]; \
	fi

check: setup  ## validate every briefing
	$(BIN)/python -m build_tools check

lint: setup  ## ruff over the code (part of `make test`)
	$(BIN)/ruff check .

typecheck: setup  ## mypy over build_tools (part of `make test`; settings in pyproject.toml)
	$(BIN)/mypy

test: setup browser-deps tracked-files  ## lint, type-check, check tracked files, validate the briefings, run every test
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m build_tools check
	$(BIN)/python -m pytest

test-fast: setup  ## the tests that need no browser and no full site build
	$(BIN)/python -m pytest -m "not browser and not slow"

golden: setup  ## refresh the golden files after an intended change of output (review the diff!)
	$(BIN)/python -m pytest tests/test_render.py --update-golden -q

bench: setup bench-deps  ## benchmark the build at N = 100, 1,000 and 3,000 briefings, beside Hugo + Pagefind
	$(BIN)/python -m bench

clean:  ## remove build products, and the build cache in the user's cache folder
	rm -rf site build .pytest_cache "$${XDG_CACHE_HOME:-$$HOME/.cache}/ai-briefing"
