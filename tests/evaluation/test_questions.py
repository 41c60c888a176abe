"""The own-question scorer: what counts as right, and the question file's shape."""

from __future__ import annotations

import json
from typing import Any

from evaluation.questions import QUESTIONS_FILE, judge, summary


def _reply(kind: str, quotes: list[tuple[str, str]], text: str = "") -> dict[str, Any]:
    return {
        "answer_kind": kind,
        "sections": [{"lines": [{"text": text}]}],
        "citations": [{"quote": q, "source": f"some/dir/{s}"} for q, s in quotes],
    }


def test_the_first_quote_must_hold_the_mentions_and_come_from_an_expected_article() -> None:
    item = {"q": "When?", "expect": ["1 October|October"], "sources": ["brussels"]}
    assert judge(item, _reply("passages", [("on 1 October", "brussels_x.md")])).right
    assert not judge(item, _reply("passages", [("in 2014", "brussels_x.md")])).right
    assert not judge(item, _reply("passages", [("on 1 October", "other.md")])).right
    late = _reply("passages", [("in 2014", "brussels_x.md"), ("on 1 October", "brussels_x.md")])
    assert not judge(item, late).right


def test_not_covered_is_right_only_where_nothing_answers() -> None:
    nothing = {"q": "Peru?", "expect": [], "sources": [], "kind": "not_covered"}
    assert judge(nothing, _reply("not_covered", [])).right
    something = {"q": "When?", "expect": ["x"], "sources": ["a"]}
    outcome = judge(something, _reply("not_covered", []))
    assert not outcome.right and outcome.wrongly_uncovered
    assert summary([outcome]) == "questions: 0 of 1 answered right (0%); not covered wrongly: 1"


def test_stance_answers_are_judged_on_their_whole_text() -> None:
    item = {"q": "Who backs Rutte?", "expect": ["Turkey"], "sources": ["ankara"], "kind": "stance"}
    reply = _reply("stance", [("x", "seed.txt"), ("y", "ankara_turns.md")], "Turkey supports")
    assert judge(item, reply).right


def test_the_question_file_has_a_held_out_third() -> None:
    spec = json.loads(QUESTIONS_FILE.read_text(encoding="utf-8"))
    questions = spec["questions"]
    held = [q for q in questions if q.get("split") == "held_out"]
    assert len(questions) >= 30
    assert 3 * len(held) >= len(questions) - 3
    kinds = {q.get("kind", "passages") for q in questions}
    assert {"passages", "stance", "not_covered"} <= kinds
    assert any(q.get("thread") for q in questions)
