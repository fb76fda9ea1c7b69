# convkit: `make run` shows each exercise on the lesson's samples; `make test` checks everything
# quickly (under two minutes); `make test-all` is CI's thorough run.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STRESS ?= 300
SEED_FLAG = $(if $(SEED),--seed $(SEED))
SVG_FLAG = $(if $(SVG),--svg $(SVG))
PYTEST := $(BIN)/python -m pytest -q -n 2

.PHONY: help run test test-all test-slow check check-gallery test-grader test-torch mutants \
	bench pictures messages clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

run: ## each exercise on the lesson's sample: what goes in, what comes out
	@tools/venv.sh "$(PYTHON)" run
	$(BIN)/python tools/demo.py

test: ## lint, the quick tier of unit/property/fuzz tests, every sample through the harness
	@tools/venv.sh "$(PYTHON)" test
	$(BIN)/ruff check .
	$(BIN)/shellcheck run_tests.sh tools/*.sh .ci/run
	$(PYTEST) -m "not slow and not grader"
	./run_tests.sh --python $(BIN)/python

test-slow: ## the slow tier: thorough fuzzing, long sweeps, the whole learner gallery
	@tools/venv.sh "$(PYTHON)" test
	$(PYTEST) -m "slow and not grader"

test-all: ## CI: make test with Hypothesis's thorough profile, the slow tier, test-grader, test-torch
	HYPOTHESIS_PROFILE=thorough $(MAKE) --no-print-directory test
	HYPOTHESIS_PROFILE=thorough $(MAKE) --no-print-directory test-slow
	$(MAKE) --no-print-directory test-grader
	$(MAKE) --no-print-directory test-torch

check: ## judge your own solution: make check TASK=convolve SOLUTION=my_solution.py [SVG=case.svg]
	@if [ -z "$(TASK)" ] || [ -z "$(SOLUTION)" ]; then \
	  echo "usage: make check TASK=convolve|kernel_grad|input_grad|receptive_field SOLUTION=path/to/file.py"; \
	  exit 2; fi
	@tools/venv.sh "$(PYTHON)" test
	@tools/grader_venv.sh || [ $$? -eq 3 ]
	./run_tests.sh --solution "$(SOLUTION)" --stress $(STRESS) --grader $(SEED_FLAG) $(SVG_FLAG) "$(TASK)"

check-gallery: ## every learner file of tests/learners/ through the checker (slow)
	@tools/venv.sh "$(PYTHON)" test
	$(PYTEST) -m slow tests/test_solution_checker.py

test-grader: ## the graded files on Python 3.6 + numpy 1.14.1 (the grader's): samples, random cases
	@tools/venv.sh "$(PYTHON)" test
	tools/test_grader.sh

test-torch: ## forward and gradients against PyTorch's conv1d (installs torch)
	@tools/venv.sh "$(PYTHON)" test
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pytest -q tests/test_torch_parity.py

mutants: ## mutation-test the package's conv, gradient and geometry code; list survivors
	@tools/venv.sh "$(PYTHON)" test
	@$(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "make mutants:" \
	  "Cosmic Ray's pinned dependencies need Python 3.11+: make clean; make mutants PYTHON=python3.11"; \
	  exit 2; }
	$(BIN)/python -m pip install -q -r requirements-mutants.txt
	$(BIN)/python tools/mutants.py

bench: ## time the package against the BLAS floor, the lesson's way, PyTorch; the checker's speed
	@tools/venv.sh "$(PYTHON)" run
	$(BIN)/python bench/bench.py

pictures: ## draw the README's SVG pictures (docs/*.svg) with the package itself
	@tools/venv.sh "$(PYTHON)" run
	$(BIN)/python tools/pictures.py

messages: ## extract the checker's messages, update the Russian catalog, compile it (Babel)
	@tools/venv.sh "$(PYTHON)" test
	$(BIN)/pybabel extract --no-wrap --no-location --sort-output -k later -k n_:1,2 \
	  --project=convkit -o $(VENV)/convkit.pot convkit
	$(BIN)/pybabel update --no-wrap -D convkit -i $(VENV)/convkit.pot -d convkit/locale -l ru
	$(BIN)/pybabel compile --statistics -D convkit -d convkit/locale -l ru

clean: ## remove the virtual environments
	rm -rf $(VENV) .venv-grader
