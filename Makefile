# Two commands for a fresh machine: `make run` and `make test`.
# The virtual environment is created on first use and refreshed when a
# pyproject changes.  torch is installed first, pinned, so that no other
# package can pull a multi-GB CUDA build onto a CPU machine.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TORCH  := torch==2.13.0
PYTEST_ARGS ?=

.PHONY: setup run test bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml engine/pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip setuptools wheel
	$(BIN)/python -m pip install -q $(TORCH)
	HNSWLIB_NO_NATIVE=1 $(BIN)/python -m pip install -q -e ./engine -e '.[dev]'
	@touch $@

run: setup
	$(BIN)/python -m clamp2_desktop

test: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: setup
	$(BIN)/python bench/embed_throughput.py

clean:
	rm -rf $(VENV) .pytest_cache
