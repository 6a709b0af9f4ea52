# Two commands set everything up on a fresh machine:
#   make demo   — creates .venv, installs hanproof, checks the bundled examples
#   make test   — the whole test suite (what CI runs)
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test test-python test-clients bench accuracy rules-doc wheel clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	@echo "== hanproof check examples/"
	@$(VENV)/bin/hanproof check examples/ || [ $$? -eq 1 ]   # 1 = problems found, as expected here
	@echo "== hanproof fix examples/notes.txt"
	@$(VENV)/bin/hanproof fix examples/notes.txt

test: $(STAMP)
	./scripts/system-deps.sh
	$(MAKE) --no-print-directory test-clients
	$(PY) -m pytest -q

test-python: $(STAMP)
	$(PY) -m pytest -q

test-clients: $(STAMP)
	bash clients/test/neovim-config.sh
	NVIM=$(VENV)/bin/nvim bash clients/test/neovim-config.sh
	bash clients/test/vscode-build.sh

bench: $(STAMP)
	$(PY) bench/throughput.py
	$(PY) bench/lsp_latency.py

accuracy: $(STAMP)
	$(PY) bench/accuracy.py

rules-doc: $(STAMP)
	$(PY) -m hanproof.docs > docs/rules.md

wheel: $(STAMP)
	$(PY) -m build --wheel --outdir dist .

clean:
	rm -rf $(VENV) dist build .pytest_cache clients/vscode/node_modules clients/vscode/dist *.vsix
