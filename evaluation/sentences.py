"""`python -m evaluation.sentences`: score the extraction on labelled sentences (`make eval`).

Prints overall and per-tag precision and recall of claims and events, writes a JSON report
with `--json PATH`, and with `--floors FILE` exits 1 when a rate falls below its floor.
Exit 0 with a "skipped" line when the shared evaluation folder is absent; 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from evaluation.floors import FloorsError, below_floors, read_floors
from evaluation.labels import LabelError, read_ids, read_lines, select
from evaluation.names import NameKeys
from evaluation.paths import eval_dir, skipped
from evaluation.reading import ExtractorReader
from evaluation.report import as_json, errors, table
from evaluation.scoring import LineScorer, by_tag, score_lines, summarise
from summarizer.entities.resolver import EntityResolver

SENTENCES_FILE = "sentences_public.jsonl"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m evaluation.sentences", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--eval-dir", help="the shared evaluation folder (default: ../shared/eval beside the clone)"
    )
    parser.add_argument(
        "--sentences", help=f"a JSONL file of labelled sentences (default: {SENTENCES_FILE})"
    )
    parser.add_argument("--ids-file", help="score only these ids (a JSON list or one per line)")
    parser.add_argument(
        "--split",
        help="score only this split: a line's own `split`, else a stable dev/test split by id",
    )
    parser.add_argument("--json", dest="json_path", help="write the full report to this file")
    parser.add_argument("--floors", help="a floors file; exit 1 when a rate is below its floor")
    parser.add_argument("--errors", action="store_true", help="list every line's errors")
    return parser


def _sentences_file(args: argparse.Namespace) -> Path | str:
    """The labelled file, or the message to print instead (a str) when it is missing."""
    if args.sentences:
        path = Path(args.sentences)
        return path if path.is_file() else f"error: {args.sentences} not found"
    folder, shown = eval_dir(args.eval_dir)
    if not folder.is_dir():
        return skipped(shown)
    path = folder / SENTENCES_FILE
    return path if path.is_file() else f"error: {shown}/{SENTENCES_FILE} not found"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the sentence scorer; the exit status says whether the floors hold."""
    args = _parser().parse_args(argv)
    found = _sentences_file(args)
    if isinstance(found, str):
        print(found, file=sys.stdout if found.startswith("skipped") else sys.stderr)
        return 0 if found.startswith("skipped") else 2
    try:
        ids = read_ids(Path(args.ids_file)) if args.ids_file else None
        every_line = read_lines(found)
        lines = select(every_line, ids, args.split)
        floors = read_floors(Path(args.floors)) if args.floors else None
    except (OSError, LabelError, FloorsError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if not lines:
        print("error: no labelled line selected", file=sys.stderr)
        return 2
    resolver = EntityResolver.default()
    reader = ExtractorReader(resolver)
    # The file is the archive: who is who is learned from the text of all its lines (never
    # from labels), then the selected lines are scored.
    reader.learn(every_line)
    scores = score_lines(lines, reader, LineScorer(NameKeys(resolver)))
    overall, tags = summarise(scores), by_tag(scores)
    subset = " (subset)" if ids is not None or args.split else ""
    print(table(f"Extraction on {found.name}{subset}: {len(lines)} lines", overall, tags))
    if args.errors:
        print(errors(scores))
    failures = below_floors(overall, floors, tags) if floors is not None else None
    if args.json_path:
        report = as_json(found.name, overall, tags, scores, failures)
        Path(args.json_path).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    for failure in failures or ():
        print(f"FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
