"""`python -m evaluation.race FOLDER [--json PATH]`: the bot's answers on FOLDER against the
race facts (`make eval-race FOLDER=...`).

Exit 0 after printing the report (or a "skipped" line when the shared evaluation folder is
absent); 2 when the folder, the facts or a command fails.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from evaluation.paths import eval_dir, skipped
from evaluation.race.facts import FactsError, read_facts
from evaluation.race.report import table
from evaluation.race.runner import NatosgCli, RunError, ask_replies, ingest, ingest_counts
from evaluation.race.scoring import RaceScorer

FACTS_FILE = "race2024_facts.json"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m evaluation.race",
        description="Score who-backs, who-opposes and candidates on a folder of articles.",
    )
    parser.add_argument("folder", help="a folder of articles (ingested with seeds/)")
    parser.add_argument("--json", dest="json_path", help="write the full report to this file")
    parser.add_argument(
        "--eval-dir", help="the shared evaluation folder (default: ../shared/eval beside the clone)"
    )
    parser.add_argument("--facts", help=f"a facts file (default: {FACTS_FILE} in the folder)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Ingest, ask, score and report."""
    args = _parser().parse_args(argv)
    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"error: {args.folder} is not a folder", file=sys.stderr)
        return 2
    if args.facts:
        facts_path = Path(args.facts)
    else:
        shared, shown = eval_dir(args.eval_dir)
        if not shared.is_dir():
            print(skipped(shown))
            return 0
        facts_path = shared / FACTS_FILE
    try:
        facts = read_facts(facts_path)
        with tempfile.TemporaryDirectory(prefix="natosg-eval-") as scratch:
            cli = NatosgCli(Path(scratch) / "race.db", Path(scratch))
            counts = ingest_counts(ingest(cli, folder))
            replies = ask_replies(cli, facts)
    except (OSError, FactsError, RunError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    score = RaceScorer().score(facts, replies)
    ingested = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    print(f"{facts.candidate} on {folder.name} plus seeds ({ingested})")
    print(table(score))
    if args.json_path:
        report = {"folder": folder.name, "ingest": counts, **score.to_json()}
        Path(args.json_path).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
