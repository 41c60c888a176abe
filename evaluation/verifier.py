"""`python -m evaluation.verifier`: score the output verifier on labelled model answers.

Each line of the labelled file (tests/fixtures/eval/verifier_cases.jsonl) holds a `split`
(`dev` was looked at while the verifier was written; `test` was written afterwards and
never tuned on), numbered passages, a model's output citing them, and whether every
sentence of that output is `faithful` or `unfaithful` to what it cites. Prints the share
of faithful sentences `grounding.verify` keeps and of unfaithful ones it drops; with
`--floors FILE` exits 1 when either is below its floor, 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from summarizer.llm.grounding import Passage, split_cited_sentences, strip_markup, verify

CASES_FILE = Path(__file__).resolve().parent.parent / "tests/fixtures/eval/verifier_cases.jsonl"
LABELS = ("faithful", "unfaithful")


class CaseError(ValueError):
    """A labelled line that does not say what it should."""


@dataclass(frozen=True)
class Case:
    """One labelled model output and the passages it was written from."""

    id: str
    label: str
    kind: str
    passages: tuple[str, ...]
    output: str
    split: str = "dev"


@dataclass(frozen=True)
class Judged:
    """A case's sentences and how many of them the verifier kept."""

    case: Case
    sentences: int
    kept: int

    @property
    def right(self) -> int:
        """Sentences judged as labelled (kept if faithful, dropped if not)."""
        return self.kept if self.case.label == "faithful" else self.sentences - self.kept


@dataclass(frozen=True)
class Rates:
    """The share of faithful sentences kept and of unfaithful sentences dropped."""

    kept: float
    dropped: float
    faithful: int
    unfaithful: int


def read_cases(path: Path) -> list[Case]:
    """The labelled cases of a JSONL file."""
    cases = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
            case = Case(
                str(data["id"]),
                str(data["label"]),
                str(data.get("kind", "")),
                tuple(str(p) for p in data["passages"]),
                str(data["output"]),
                str(data.get("split", "dev")),
            )
        except (ValueError, KeyError, TypeError) as error:
            raise CaseError(f"{path.name} line {number}: {error}") from None
        if case.label not in LABELS or not case.passages:
            raise CaseError(f"{path.name} line {number}: bad label or no passages")
        cases.append(case)
    return cases


def judge(case: Case) -> Judged:
    """How many of the case's output sentences the verifier keeps."""
    passages = [
        Passage(number, 1000 + number, text, "Test Outlet", "2024-06-01")
        for number, text in enumerate(case.passages, 1)
    ]
    sentences = len(split_cited_sentences(strip_markup(case.output)))
    return Judged(case, sentences, len(verify(case.output, passages)))


def rates(judged: Sequence[Judged]) -> Rates:
    """Kept and dropped shares over every sentence of the faithful and unfaithful cases."""
    faithful = [j for j in judged if j.case.label == "faithful"]
    unfaithful = [j for j in judged if j.case.label == "unfaithful"]
    total_f = sum(j.sentences for j in faithful)
    total_u = sum(j.sentences for j in unfaithful)
    kept = sum(j.right for j in faithful) / total_f if total_f else 0.0
    dropped = sum(j.right for j in unfaithful) / total_u if total_u else 0.0
    return Rates(kept, dropped, total_f, total_u)


def read_floors(path: Path) -> tuple[float, float]:
    """The floors (`keep`, `drop`) under `[verifier]` in a TOML file."""
    data = tomllib.loads(path.read_text(encoding="utf-8")).get("verifier")
    if not isinstance(data, dict) or set(data) != {"keep", "drop"}:
        raise CaseError(f"{path.name}: expected a [verifier] table with keep and drop")
    return float(data["keep"]), float(data["drop"])


def _line(measured: Rates) -> str:
    return (
        f"kept {measured.kept:.0%} of faithful sentences, dropped {measured.dropped:.0%} of "
        f"unfaithful ({measured.faithful} faithful, {measured.unfaithful} unfaithful sentences)"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m evaluation.verifier")
    parser.add_argument("--cases", default=str(CASES_FILE), help="the labelled JSONL file")
    parser.add_argument("--floors", help="a TOML file with [verifier] keep and drop floors")
    parser.add_argument("--errors", action="store_true", help="list every misjudged case")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Score the verifier; the exit status says whether the floors hold."""
    args = _parser().parse_args(argv)
    try:
        cases = read_cases(Path(args.cases))
        floors = read_floors(Path(args.floors)) if args.floors else None
    except (OSError, CaseError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    judged = [judge(case) for case in cases]
    measured = rates(judged)
    print(f"verifier: {_line(measured)}")
    for split in sorted({case.split for case in cases}):
        subset = rates([j for j in judged if j.case.split == split])
        print(
            f"  {split} split{' (held out, never tuned on)' * (split == 'test')}: {_line(subset)}"
        )
    if args.errors:
        for item in judged:
            if item.right < item.sentences:
                print(f"  {item.case.id} {item.case.label}/{item.case.kind}: {item.case.output}")
    failures = []
    if floors is not None:
        for name, value, floor in zip(
            ("kept", "dropped"), (measured.kept, measured.dropped), floors, strict=True
        ):
            if value < floor:
                failures.append(f"verifier {name} {value:.3f} is below its floor {floor:.3f}")
    for failure in failures:
        print(f"FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
