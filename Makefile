# Two entry points: `make run` (the bot on embedded defaults) and `make test` (everything CI runs).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed

.PHONY: run test lint typecheck unit format clean bench bench-quick eval eval-race

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/natosg run

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmarks (bench/): speed, memory and model cost at 1k, 10k and 100k articles, side by side
# with rank-bm25 and sumy. `bench` writes BENCHMARKS.md; `bench-quick` (1k articles, CI's smoke
# test) prints its report and fails only when something breaks, never on a missed target.
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev,bench]'
	touch $(BENCH_STAMP)

# bench/baseline.json: `python -m bench.run --sizes 1000 10000 --queries 50 --json ...` run on
# the commit before the performance work, for the report's before-and-after table.
bench: $(BENCH_STAMP)
	$(BIN)/python -m bench.run --sizes 1000 10000 100000 --out BENCHMARKS.md \
		--baseline bench/baseline.json

bench-quick: $(BENCH_STAMP)
	$(BIN)/python -m bench.run --quick

# Measurement (evaluation/). `eval` scores the extraction on the shared labelled sentences
# (EVAL_DIR, beside the clone in CI; skipped when absent) and fails when a rate drops below
# evaluation/floors.toml. `eval-race FOLDER=...` scores who-backs, who-opposes and candidates
# on a folder of articles against the race facts in EVAL_DIR. EVAL_ARGS adds options
# (`--json PATH`, `--errors`, `--split dev`, ...).
EVAL_DIR ?= ../shared/eval

# Our own labelled sentences (tests/fixtures/eval/sentences_own.jsonl, written in our own
# words): the `dev` split may be tuned on; the `test` split is held out and only reported.
OWN_SENTENCES := tests/fixtures/eval/sentences_own.jsonl
# 90 sentences labelled by a writer who saw the labelling conventions but not the rules; odd ids
# (`dev`) may be looked at, even ids (`test`) are held out and only reported.
BLIND_SENTENCES := tests/fixtures/eval/sentences_blind.jsonl
# 80 more by another blind writer, in the longer style of wire copy (same dev/test halves).
BLIND_SENTENCES_2 := tests/fixtures/eval/sentences_blind2.jsonl
# Model answers labelled faithful or unfaithful to the passages they cite, in our own words:
# `make eval` fails when the verifier keeps or drops too few (evaluation/floors_verifier.toml).
VERIFIER_CASES := tests/fixtures/eval/verifier_cases.jsonl
# Our own questions (tests/fixtures/eval/questions_own.json) over seeds/ and tests/fixtures/ask/,
# asked through the real CLI; `eval` fails when fewer than this share are answered right.
QUESTIONS_FLOOR ?= 0.9

eval: $(STAMP)
	$(BIN)/python -m evaluation.sentences --eval-dir $(EVAL_DIR) --floors evaluation/floors.toml $(EVAL_ARGS)
	@echo; echo "Own sentences, held-out split (never tuned on):"
	$(BIN)/python -m evaluation.sentences --sentences $(OWN_SENTENCES) --split test \
		--floors evaluation/floors_own.toml
	@echo; echo "Blind sentences, held-out split (written without seeing the rules; never tuned on):"
	$(BIN)/python -m evaluation.sentences --sentences $(BLIND_SENTENCES) --split test \
		--floors evaluation/floors_blind.toml
	@echo; echo "Second blind set (wire-service style), held-out split:"
	$(BIN)/python -m evaluation.sentences --sentences $(BLIND_SENTENCES_2) --split test \
		--floors evaluation/floors_blind2.toml
	@echo; echo "Output verifier on our own labelled model answers ($(VERIFIER_CASES)):"
	$(BIN)/python -m evaluation.verifier --cases $(VERIFIER_CASES) \
		--floors evaluation/floors_verifier.toml
	@echo; echo "Own questions asked through the CLI (the held-out third is never tuned on):"
	$(BIN)/python -m evaluation.questions --floor $(QUESTIONS_FLOOR)
	@echo; echo "Watch filter, own labelled items (race / NATO not the race / other news):"
	$(BIN)/python -m evaluation.watch_filter --items tests/fixtures/eval/watch_filter.jsonl \
		--min-precision 0.9 --min-recall 0.8
	@echo; echo "Watch filter, held-out items (never tuned on; reported only):"
	$(BIN)/python -m evaluation.watch_filter --items tests/fixtures/eval/watch_filter_heldout.jsonl

eval-race: $(STAMP)
	@if [ -z "$(FOLDER)" ]; then echo "usage: make eval-race FOLDER=path/to/articles" >&2; exit 2; fi
	$(BIN)/python -m evaluation.race "$(FOLDER)" --eval-dir $(EVAL_DIR) $(EVAL_ARGS)

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
