# Two entry points (see README): `make demo` runs the main job end to end, `make test` runs the tests.
# Both create .venv and install with constraints.txt (the CPU-only torch pin) on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

$(BIN)/claimcoder: pyproject.toml constraints.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e ".[test,onnx,ray]"
	touch $(BIN)/claimcoder

install: $(BIN)/claimcoder

demo: install
	$(BIN)/claimcoder train --if-missing
	$(BIN)/claimcoder score data/samples --out runs/samples --overwrite --summary --report --date-field date

test: install
	$(BIN)/python -m pytest

.PHONY: install demo test
