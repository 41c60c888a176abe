"""`python -m evaluation.questions`: our own questions asked through the real command line.

The question file (tests/fixtures/eval/questions_own.json, written in our own words) names the
article folders to ingest and, for each question, what a right answer mentions and which
articles it may cite. Each question runs as `natosg ask ... --json` on a temporary database,
in order, so questions sharing a `thread` are the turns of one conversation.

A retrieval answer is right when its first quote holds every expected mention (each a list
of alternatives separated by `|`) and comes from one of the expected articles; a stance
answer when its text holds the mentions and one of its citations comes from one of them;
a question nobody can answer when the reply says the sources don't cover it. The `held_out`
split is never tuned on and is reported on its own.

Exit 0 after printing the report, 1 when the rate of all questions is below `--floor`, 2 when
the file or a command fails.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evaluation.paths import ROOT
from evaluation.race.runner import INGEST_TIMEOUT_S, NatosgCli, RunError

QUESTIONS_FILE = ROOT / "tests/fixtures/eval/questions_own.json"


@dataclass(frozen=True)
class Outcome:
    """One question's result: right or not, and whether it was wrongly not covered."""

    question: str
    split: str
    right: bool
    wrongly_uncovered: bool
    got: str


def _holds(text: str, mentions: Sequence[str]) -> bool:
    folded = text.casefold()
    return all(
        any(choice.casefold() in folded for choice in mention.split("|")) for mention in mentions
    )


def _from(source: str, sources: Sequence[str]) -> bool:
    name = Path(source).name
    return any(name.startswith(prefix) for prefix in sources)


def judge(item: Mapping[str, Any], reply: Mapping[str, Any]) -> Outcome:
    """Whether `reply` answers the question `item` describes."""
    kind = str(item.get("kind", "passages"))
    uncovered = reply.get("answer_kind") == "not_covered"
    citations = list(reply.get("citations") or [])
    mentions = [str(m) for m in item.get("expect", [])]
    sources = [str(s) for s in item.get("sources", [])]
    text = "\n".join(
        str(line.get("text", ""))
        for section in reply.get("sections") or []
        for line in section.get("lines") or []
    )
    if kind == "not_covered":
        right = uncovered
    elif uncovered or not citations:
        right = False
    elif kind == "stance":
        quotes = " ".join(str(c.get("quote", "")) for c in citations)
        right = _holds(f"{text} {quotes}", mentions) and any(
            _from(str(c.get("source", "")), sources) for c in citations
        )
    else:
        first = citations[0]
        right = _holds(str(first.get("quote", "")), mentions) and _from(
            str(first.get("source", "")), sources
        )
    got = "not covered" if uncovered else (str(citations[0].get("quote", "")) if citations else "")
    return Outcome(
        question=str(item["q"]),
        split=str(item.get("split", "dev")),
        right=right,
        wrongly_uncovered=uncovered and kind != "not_covered",
        got=got[:160],
    )


def run_questions(cli: NatosgCli, items: Sequence[Mapping[str, Any]]) -> list[Outcome]:
    """Ask every question in order (threads continue across their turns) and judge it."""
    outcomes = []
    for item in items:
        words = ["ask", str(item["q"])]
        if item.get("thread"):
            words += ["--thread", f"eval-{item['thread']}"]
        outcomes.append(judge(item, cli.json(words)))
    return outcomes


def summary(outcomes: Sequence[Outcome], label: str = "questions") -> str:
    """ "questions: N of M answered right (X%); not covered wrongly: K" """
    right = sum(o.right for o in outcomes)
    total = len(outcomes)
    share = 100.0 * right / total if total else 0.0
    wrong = sum(o.wrongly_uncovered for o in outcomes)
    return (
        f"{label}: {right} of {total} answered right ({share:.0f}%); not covered wrongly: {wrong}"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m evaluation.questions",
        description="Ask our own questions through the CLI and score the answers.",
    )
    parser.add_argument("--questions", default=str(QUESTIONS_FILE), help="the question file")
    parser.add_argument("--floor", type=float, default=0.0, help="fail below this share (0-1)")
    parser.add_argument("--errors", action="store_true", help="print every wrong answer")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the questions and print the rates; the exit status says whether the floor held."""
    args = _parser().parse_args(argv)
    try:
        spec = json.loads(Path(args.questions).read_text(encoding="utf-8"))
        items = list(spec["questions"])
        folders = [str((ROOT / folder).resolve()) for folder in spec["articles"]]
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"cannot read {args.questions}: {error}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="natosg-questions-") as tmp:
        cli = NatosgCli(Path(tmp) / "eval.db", Path(tmp))
        try:
            cli.json(["ingest", *folders], timeout=INGEST_TIMEOUT_S)
            outcomes = run_questions(cli, items)
        except RunError as error:
            print(str(error), file=sys.stderr)
            return 2
    if args.errors:
        for outcome in outcomes:
            if not outcome.right:
                print(f"  wrong [{outcome.split}] {outcome.question} -> {outcome.got}")
    print(summary(outcomes))
    held = [o for o in outcomes if o.split == "held_out"]
    if held:
        print(summary(held, "held-out questions"))
    right = sum(o.right for o in outcomes)
    if outcomes and right / len(outcomes) < args.floor:
        print(f"below the floor of {args.floor:.0%}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
