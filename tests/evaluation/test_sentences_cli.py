"""`python -m evaluation.sentences`: the skip, the report, subsets and floors."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from evaluation.counts import Counts
from evaluation.floors import FLOORS_FILE, below_floors, read_floors
from evaluation.labels import read_ids, read_lines, select, split_of
from evaluation.paths import ROOT, eval_dir
from evaluation.scoring import Summary
from evaluation.sentences import main

TINY = Path(__file__).resolve().parent.parent / "fixtures/eval/tiny_sentences.jsonl"


def test_absent_shared_folder_is_skipped_politely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    absent = str(tmp_path / "shared" / "eval")
    assert main(["--eval-dir", absent, "--floors", str(FLOORS_FILE)]) == 0
    assert capsys.readouterr().out == f"skipped: {absent} not found\n"


def test_the_default_folder_sits_beside_the_clone() -> None:
    folder, shown = eval_dir(None)
    assert shown == "../shared/eval"
    assert folder.resolve() == (ROOT.parent / "shared" / "eval").resolve()


def test_a_missing_sentences_file_is_an_error(tmp_path: Path) -> None:
    assert main(["--sentences", str(tmp_path / "none.jsonl")]) == 2


def test_report_table_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report_path = tmp_path / "report.json"
    assert main(["--sentences", str(TINY), "--json", str(report_path), "--errors"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Extraction on tiny_sentences.jsonl: 3 lines")
    assert "overall" in out and "  no_claim" in out
    report = json.loads(report_path.read_text())
    assert report["overall"]["lines"] == 3
    assert report["overall"]["claims"]["tp"] + report["overall"]["claims"]["fn"] == 3
    assert report["by_tag"]["date_relative"]["lines"] == 2
    assert [line["id"] for line in report["lines"]] == ["t1", "t2", "t3"]
    assert report["floors"] is None


def test_subset_by_ids_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("t2  # the declaration\n\nt3\n")
    assert main(["--sentences", str(TINY), "--ids-file", str(ids)]) == 0
    assert "(subset): 2 lines" in capsys.readouterr().out
    ids.write_text("[]")
    assert main(["--sentences", str(TINY), "--ids-file", str(ids)]) == 2


def test_ids_and_splits() -> None:
    lines = read_lines(TINY)
    assert [line.id for line in select(lines, ids=["t3", "t1"])] == ["t1", "t3"]
    dev, test = select(lines, split="dev"), select(lines, split="test")
    assert sorted(line.id for line in dev + test) == ["t1", "t2", "t3"]
    assert [split_of(line) for line in lines] == [split_of(line) for line in read_lines(TINY)]
    assert split_of(replace(lines[0], split="held-out")) == "held-out"


def test_read_ids_accepts_a_json_list(tmp_path: Path) -> None:
    path = tmp_path / "ids.json"
    path.write_text('["p001", "p002"]')
    assert read_ids(path) == ["p001", "p002"]


def test_floors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    floors = tmp_path / "floors.toml"
    floors.write_text("[claims]\nprecision = 0.6\nrecall = 0.5\n[events]\nrecall = 1.0\n")
    summary = Summary(lines=1, claims=Counts(tp=1, fp=1), events=Counts(tp=1))
    assert below_floors(summary, read_floors(floors)) == [
        "claims precision 0.500 is below its floor 0.600"
    ]
    # An undefined rate counts as zero.
    assert below_floors(Summary(), {"events": {"recall": 0.1}}) == [
        "events recall 0.000 is below its floor 0.100"
    ]
    floors.write_text("[claims]\nprecision = 0.0\n")
    report_path = tmp_path / "report.json"
    args = ["--sentences", str(TINY), "--floors", str(floors), "--json", str(report_path)]
    assert main(args) == 0
    assert json.loads(report_path.read_text())["floors"] == {"failures": []}
    floors.write_text("[claims]\nrecall = 1.01\n")
    assert main(args) == 1
    assert "FAILED: claims recall" in capsys.readouterr().out


def test_a_bad_floors_file_is_an_error(tmp_path: Path) -> None:
    floors = tmp_path / "floors.toml"
    floors.write_text("[claims]\nf1 = 0.5\n")
    assert main(["--sentences", str(TINY), "--floors", str(floors)]) == 2


def test_the_checked_in_floors_are_readable() -> None:
    floors = read_floors()
    assert set(floors) == {"claims", "events", "every_tag"}
    assert all(set(rates) == {"precision", "recall"} for rates in floors.values())


def test_a_tag_below_its_floor_fails_even_when_the_overall_rates_hold() -> None:
    strong = Summary(lines=9, claims=Counts(tp=9), events=Counts(tp=9))
    weak = Summary(lines=1, claims=Counts(tp=1, fn=3))
    floors = {"claims": {"recall": 0.5}, "every_tag": {"recall": 0.75}}
    assert below_floors(strong, floors, {"negation": strong, "passive": weak}) == [
        "tag passive recall 0.250 is below its floor 0.750"
    ]
    # A tag with nothing labelled has no rate to hold.
    assert below_floors(strong, floors, {"no_claim": Summary(lines=3)}) == []
