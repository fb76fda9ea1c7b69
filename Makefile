# convkit: `make run` shows every script on the lesson's samples; `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: help run test test-grader test-torch bench pictures clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/.run-deps: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -r requirements.txt
	touch $@

$(BIN)/.test-deps: $(BIN)/.run-deps requirements-dev.txt
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $@

run: $(BIN)/.run-deps ## run each script on the lesson's sample: what goes in, what comes out
	$(BIN)/python tools/demo.py

test: $(BIN)/.test-deps ## lint, unit/property/fuzz tests, then every sample through the harness
	$(BIN)/ruff check .
	@if command -v shellcheck >/dev/null; then shellcheck run_tests.sh tools/*.sh .ci/run; \
	else echo "shellcheck not installed: shell lint skipped"; fi
	$(BIN)/python -m pytest -q
	./run_tests.sh --python $(BIN)/python

test-grader: ## samples and unit tests on Python 3.6 + numpy 1.14.1 (the grader's)
	tools/test_grader.sh

test-torch: $(BIN)/.test-deps ## forward and gradients against PyTorch's conv1d (installs torch)
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pytest -q tests/test_torch_parity.py

bench: $(BIN)/.run-deps ## time the scripts against the BLAS floor, the lesson's way, PyTorch
	$(BIN)/python bench/bench.py

pictures: $(BIN)/.run-deps ## draw the README's SVG pictures (docs/*.svg) with the scripts themselves
	$(BIN)/python tools/pictures.py

clean: ## remove the virtual environments
	rm -rf $(VENV) .venv-grader
