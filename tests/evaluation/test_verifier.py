"""`python -m evaluation.verifier`: the verifier scored on labelled model answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluation.verifier import CASES_FILE, CaseError, judge, main, rates, read_cases

FLOORS = Path(__file__).resolve().parents[2] / "evaluation" / "floors_verifier.toml"


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


ROWS: list[dict[str, object]] = [
    {
        "id": "a",
        "label": "faithful",
        "kind": "attribution",
        "passages": ["Hungary refuses to back Rutte."],
        "output": "According to the sources, Hungary refuses to back Rutte [1]. "
        "Reports say Hungary opposes Rutte (1).",
    },
    {
        "id": "b",
        "label": "unfaithful",
        "kind": "flipped_stance",
        "passages": ["Hungary refuses to back Rutte."],
        "output": "Hungary now backs Rutte [1].",
    },
    {
        "id": "c",
        "label": "unfaithful",
        "kind": "invented_event",
        "split": "test",
        "passages": ["Rutte spoke in The Hague."],
        "output": "Rutte has withdrawn from the race [1].",
    },
]


def test_rates_count_sentences_kept_and_dropped(tmp_path: Path) -> None:
    cases = read_cases(_write(tmp_path / "cases.jsonl", ROWS))
    assert [case.split for case in cases] == ["dev", "dev", "test"]
    judged = [judge(case) for case in cases]
    assert [(j.sentences, j.kept) for j in judged] == [(2, 2), (1, 0), (1, 0)]
    measured = rates(judged)
    assert (measured.kept, measured.dropped) == (1.0, 1.0)
    assert (measured.faithful, measured.unfaithful) == (2, 2)


def test_the_report_line_and_the_floors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = _write(tmp_path / "cases.jsonl", ROWS)
    assert main(["--cases", str(cases)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("verifier: kept 100% of faithful sentences, dropped 100% of unfaithful")
    assert "test split (held out, never tuned on)" in out
    wrong = [{**ROWS[1], "label": "faithful"}]
    floors = tmp_path / "floors.toml"
    floors.write_text("[verifier]\nkeep = 0.9\ndrop = 0.9\n", encoding="utf-8")
    assert main(["--cases", str(_write(tmp_path / "w.jsonl", wrong)), "--floors", str(floors)]) == 1
    assert "FAILED: verifier kept 0.000 is below its floor 0.900" in capsys.readouterr().out


def test_bad_input_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "label": "maybe", "passages": ["a"], "output": "b"}\n')
    with pytest.raises(CaseError):
        read_cases(bad)
    assert main(["--cases", str(bad)]) == 2
    assert main(["--cases", str(tmp_path / "missing.jsonl")]) == 2


def test_our_labelled_set_is_large_enough_and_meets_its_floors() -> None:
    cases = read_cases(CASES_FILE)
    labels = [case.label for case in cases]
    assert labels.count("faithful") >= 40 and labels.count("unfaithful") >= 40
    assert all(case.kind for case in cases)
    assert main(["--floors", str(FLOORS)]) == 0
