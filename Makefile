# convkit: `make run` shows every script on the lesson's samples; `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STRESS ?= 300
SEED_FLAG = $(if $(SEED),--seed $(SEED))

.PHONY: help run test check check-gallery test-grader test-torch mutants bench pictures \
	clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

run: ## run each script on the lesson's sample: what goes in, what comes out
	@tools/venv.sh "$(PYTHON)" run
	$(BIN)/python tools/demo.py

test: ## lint, unit/property/fuzz tests, then every sample through the harness
	@tools/venv.sh "$(PYTHON)" test
	$(BIN)/ruff check .
	$(BIN)/shellcheck run_tests.sh tools/*.sh .ci/run
	$(BIN)/python -m pytest -q
	./run_tests.sh --python $(BIN)/python

check: ## judge your own solution: make check TASK=convolve SOLUTION=my_solution.py
	@if [ -z "$(TASK)" ] || [ -z "$(SOLUTION)" ]; then \
	  echo "usage: make check TASK=convolve|kernel_grad|input_grad|receptive_field SOLUTION=path/to/file.py"; \
	  exit 2; fi
	@tools/venv.sh "$(PYTHON)" test
	@tools/grader_venv.sh || [ $$? -eq 3 ]
	./run_tests.sh --solution "$(SOLUTION)" --stress $(STRESS) --grader $(SEED_FLAG) "$(TASK)"

check-gallery: ## every learner file of tests/learners/ through the checker (slow)
	@tools/venv.sh "$(PYTHON)" test
	$(BIN)/python -m pytest -q -m gallery tests/test_solution_checker.py

test-grader: ## samples and unit tests on Python 3.6 + numpy 1.14.1 (the grader's)
	tools/test_grader.sh

test-torch: ## forward and gradients against PyTorch's conv1d (installs torch)
	@tools/venv.sh "$(PYTHON)" test
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pytest -q tests/test_torch_parity.py

mutants: ## mutation-test the conv scripts' graded, geometry and window code; list survivors
	@tools/venv.sh "$(PYTHON)" test
	@$(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "make mutants:" \
	  "Cosmic Ray's pinned dependencies need Python 3.11+: make clean; make mutants PYTHON=python3.11"; \
	  exit 2; }
	$(BIN)/python -m pip install -q -r requirements-mutants.txt
	$(BIN)/python tools/mutants.py

bench: ## time the scripts against the BLAS floor, the lesson's way, PyTorch
	@tools/venv.sh "$(PYTHON)" run
	$(BIN)/python bench/bench.py

pictures: ## draw the README's SVG pictures (docs/*.svg) with the scripts themselves
	@tools/venv.sh "$(PYTHON)" run
	$(BIN)/python tools/pictures.py

clean: ## remove the virtual environments
	rm -rf $(VENV) .venv-grader
