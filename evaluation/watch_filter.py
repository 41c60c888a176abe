"""`python -m evaluation.watch_filter`: how well the watch filter keeps the race (`make eval`).

Reads labelled items (title, text, `about_race`) written in our own words: race news, NATO
news not about the race, and unrelated news that names a candidate. Prints precision and
recall of "kept" against "about the race", and the items it got wrong; with `--min-precision`
or `--min-recall` exits 1 when a rate falls below it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from summarizer.text.race_relevance import race_relevance

DEFAULT_ITEMS = Path("tests/fixtures/eval/watch_filter.jsonl")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m evaluation.watch_filter", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--items", type=Path, default=DEFAULT_ITEMS, help="labelled JSONL")
    parser.add_argument("--min-precision", type=float, default=0.0)
    parser.add_argument("--min-recall", type=float, default=0.0)
    return parser


def score(path: Path) -> tuple[float, float, list[str]]:
    """Precision, recall and a line per wrong item for the labelled items at `path`."""
    true_pos = false_pos = false_neg = 0
    wrong: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        kept = race_relevance(str(item["text"]), str(item.get("title") or "")).keep
        about = bool(item["about_race"])
        true_pos += kept and about
        false_pos += kept and not about
        false_neg += about and not kept
        if kept != about:
            what = "kept, not the race" if kept else "missed"
            wrong.append(f"  {what}: {item['id']} {item.get('title', '')}")
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 1.0
    return precision, recall, wrong


def main(argv: Sequence[str] | None = None) -> int:
    """Print the filter's precision and recall; 1 when under a given minimum."""
    args = _parser().parse_args(argv)
    precision, recall, wrong = score(args.items)
    print(f"Watch filter ({args.items.name}): precision {precision:.2f}, recall {recall:.2f}")
    for line in wrong:
        print(line)
    return 0 if precision >= args.min_precision and recall >= args.min_recall else 1


if __name__ == "__main__":
    sys.exit(main())
