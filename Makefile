# Twofold's two everyday commands: `make run` and `make test`.
# Both bootstrap their own tools: they need only python3 (>= 3.11) with pip and venv.

PYTHON ?= python3
PORT ?= 8000
TOOLS := .tools
UV := $(TOOLS)/bin/uv
UV_VERSION := 0.13.9
RUN := $(UV) run --no-sync

# Use the machine's Python and its certificate store; never download an interpreter.
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)
export UV_SYSTEM_CERTS := 1
# Compile bytecode at install: where PYTHONDONTWRITEBYTECODE is set (as here, and in many
# containers) Python would otherwise compile every module it imports, on every start.
export UV_COMPILE_BYTECODE := 1

.PHONY: run test lint check-docs sync bench clean help

help:
	@echo "make run    start Twofold with demo data and print the address to open"
	@echo "make test   run the linters, the type checker and the whole test suite"
	@echo "make bench  time scoring, the analyses and whole commands on large files"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet "uv==$(UV_VERSION)"

sync: $(UV)
	$(UV) sync --locked --quiet
	$(RUN) python -m compileall -q src

run: sync
	$(RUN) twofold serve --demo --port $(PORT)

lint: sync
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy

check-docs: sync
	$(RUN) cog --check docs/cli.md

# The tests get a data directory of their own, so they never touch the user's.
# The database tests run on SQLite, then again on PostgreSQL when
# TWOFOLD_TEST_POSTGRES_URL names a server (CI sets it).
test: lint check-docs
	@home="$$(mktemp -d)"; trap 'rm -rf "$$home"' EXIT; \
	TWOFOLD_HOME="$$home" $(RUN) pytest && \
	if [ -n "$$TWOFOLD_TEST_POSTGRES_URL" ]; then \
		echo "Database tests again on PostgreSQL"; \
		TWOFOLD_HOME="$$home" DATABASE_URL="$$TWOFOLD_TEST_POSTGRES_URL" \
			$(RUN) pytest tests/web tests/browser -q; \
	fi

bench: sync
	$(RUN) python bench/score_bench.py
	$(RUN) python bench/analysis_bench.py
	$(RUN) python bench/agreement_bench.py
	$(RUN) python bench/cli_bench.py

clean:
	rm -rf $(TOOLS) .venv .mypy_cache .ruff_cache .hypothesis
