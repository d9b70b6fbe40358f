# Two entry points for a new machine: `make run` and `make test`. Both create .venv here first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast lint setup build clean browser bench demo-pdf wordnet scale

setup: $(STAMP)

# torch first, pinned: 2.13.0 is the CPU build on this machine's disk; a bare `torch` would pull CUDA.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	$(MAKE) --no-print-directory wordnet
	touch $(STAMP)

# WordNet 3.0 (word relations and opposites, assistant/language/relations.py): Debian's packages, installed when we are
# root, copied into the venv's nltk data folder. Without it the assistant relates words by the embedding model alone.
wordnet:
	@[ -f /usr/share/wordnet/index.sense ] || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordnet-base wordnet-sense-index >/dev/null; } || \
		echo "WordNet could not be installed: words will be related by the embedding model alone"
	@[ ! -f /usr/share/wordnet/index.sense ] || $(BIN)/python -m assistant.language.relations install

build: setup
	$(BIN)/assistant build

run: setup
	$(BIN)/assistant chat

test: setup browser scale
	$(BIN)/python -m pytest

# Ray, for building on a cluster (`assistant build --engine ray`): the tests start a two-node cluster on this machine.
scale: $(VENV)/.scale
$(VENV)/.scale: $(STAMP)
	$(BIN)/pip install --quiet -e '.[scale]'
	touch $@

# The PDF page view, tried in one command: one seed document's own words typeset as a two-column PDF with a
# table (tests/pdfdemo.py) in a copy of the corpus under build/, then the chat on that copy.
demo-pdf: setup
	$(BIN)/python -m tests.pdfdemo build/demo-corpus
	$(BIN)/assistant chat --corpus build/demo-corpus --index build/demo-index

# Lint (pyflakes, pycodestyle errors, import order, bugbear, pyupgrade; pyproject.toml [tool.ruff]), formatting (ruff
# format: run `ruff format assistant tests benchmarks` to apply it) and type-check
# the package (mypy; [tool.mypy]): zero findings.
lint: setup
	$(BIN)/ruff check assistant tests benchmarks
	$(BIN)/ruff format --check assistant tests benchmarks
	$(BIN)/mypy

# Everything that does not load the real model or judge or start the chat server (about a minute).
test-fast: setup
	$(BIN)/python -m pytest -m "not slow" -q

# The browser tests use Debian's chromium (installed here when we are root, as in CI) and axe-core from npm.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		echo "chromium could not be installed: the browser tests will be skipped (and fail under CI=true)"
	@[ -f .cache/node_modules/axe-core/axe.min.js ] || { mkdir -p .cache && cd .cache && \
		npm install --no-audit --no-fund --silent axe-core@4; } || echo "axe-core could not be installed: the accessibility scan will be skipped"

# Speed, build cost and growth to 1M passages: prints tables and writes benchmarks/results.md (~20 min).
bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) index build .pytest_cache
