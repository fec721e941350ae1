# Two commands for a fresh machine: `make run` and `make test`.
# The virtual environment is created on first use and refreshed when a
# pyproject changes.  torch is installed first, pinned, so that no other
# package can pull a multi-GB CUDA build onto a CPU machine.  The [ray] extra
# (Ray Data + pyarrow: ~15-25 s to install, ~500 MB) is there so `make test` runs the
# two-node cluster test (tests/test_cluster.py, marker `cluster`).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TORCH  := torch==2.13.0
PYTEST_ARGS ?=

.PHONY: setup run test bench translations package clean

setup: $(STAMP)

$(STAMP): pyproject.toml engine/pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip setuptools wheel
	$(BIN)/python -m pip install -q $(TORCH)
	HNSWLIB_NO_NATIVE=1 $(BIN)/python -m pip install -q -e './engine[train,ray]' -e '.[dev]'
	@touch $@

run: setup
	$(BIN)/python -m clamp2_desktop

test: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: setup
	$(BIN)/python bench/embed_throughput.py

# One-folder app for this platform (PyInstaller) in dist/clamp2-desktop/, then its --self-check smoke test.
package: setup
	$(BIN)/python -m pip install -q -e '.[package]'
	PYTHON=$(BIN)/python bash packaging/build.sh

# Re-extract the UI strings into the .ts sources (existing translations are kept;
# strings that left the code are dropped) and compile them to the .qm files the
# app loads.  English gets only its plural forms ("%n piece(s)" -> 1 piece, 2 pieces).
TS_DIR    := resources/translations
TS_LANGS  := es de fr zh_CN ja
UI_SOURCES = $(wildcard clamp2_desktop/*.py)

translations: setup
	$(BIN)/pyside6-lupdate -silent -locations relative -no-obsolete -source-language en $(UI_SOURCES) \
		-ts $(foreach l,$(TS_LANGS),$(TS_DIR)/clamp2_desktop_$(l).ts)
	$(BIN)/pyside6-lupdate -silent -locations relative -no-obsolete -source-language en -pluralonly \
		$(UI_SOURCES) -ts $(TS_DIR)/clamp2_desktop_en.ts
	for ts in $(TS_DIR)/clamp2_desktop_*.ts; do $(BIN)/pyside6-lrelease -silent $$ts -qm $${ts%.ts}.qm || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache
