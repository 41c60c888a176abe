"""`ask` in an archive crowded with the question's common words: hundreds of sentences say
"Rutte" and "backing", one says what was asked. The answer is found however many sentences
share the common words, a sentence saying "she" counts for the person named just before, and
a question whose rare word no sentence holds is not covered."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.cli_helpers import Cli

CROWD = 300
ALLIES = ("Portugal", "Norway", "Canada", "Italy", "Poland", "Belgium", "Greece", "Spain")
FILLER = (
    "{ally} is backing Mark Rutte, officials said on {day}.",
    "Support for Rutte grew in {ally} this week.",
    "Diplomats in {ally} discussed backing Rutte for the top job.",
    "Rutte's backers in {ally} expect a decision soon.",
    "{ally} again voiced support for Rutte's bid.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def _write_crowd(folder: Path) -> None:
    rng = random.Random(5)
    folder.mkdir()
    for n in range(CROWD):
        sentences = [
            rng.choice(FILLER).format(ally=rng.choice(ALLIES), day=rng.choice(DAYS))
            for _ in range(4)
        ]
        day = 1 + n % 28
        (folder / f"crowd-{n:03d}.txt").write_text(
            f"Title: Alliance notes {n}\nOutlet: Crowd Wire\nDate: 2024-02-{day:02d}\n\n"
            + " ".join(sentences)
            + "\n",
            encoding="utf-8",
        )


ANSWER = """Title: Ljubljana's price
Outlet: Adriatic Post
Date: 2024-01-10

Slovenia wants firm assurances on Adriatic air defence before backing Rutte, its foreign
minister said. Kaja Kallas toured the Baltic ports on Tuesday. She wants a permanent
naval presence there, aides said.
"""


def _text(reply: dict[str, Any]) -> str:
    return "\n".join(line["text"] for s in reply["sections"] for line in s["lines"])


def test_the_one_answer_is_found_among_hundreds_sharing_its_common_words(
    cli: Cli, tmp_path: Path
) -> None:
    _write_crowd(tmp_path / "crowd")
    (tmp_path / "answer.txt").write_text(ANSWER, encoding="utf-8")
    for target in (tmp_path / "answer.txt", tmp_path / "crowd"):  # the answer is the oldest
        status, out = cli.run("ingest", str(target))
        assert status == 0, out

    reply = cli.json("ask", "what assurances does Slovenia want before backing Rutte?")
    assert reply["answer_kind"] == "passages", reply
    assert "Adriatic air defence" in _text(reply)
    assert {Path(c["source"]).name for c in reply["citations"]} == {"answer.txt"}

    reply = cli.json("ask", "what does Kallas want?")
    assert reply["answer_kind"] == "passages", reply
    assert "permanent naval presence" in _text(reply)

    reply = cli.json("ask", "what assurances does Slovenia want on fishing quotas?")
    assert reply["answer_kind"] == "not_covered"
    assert reply["citations"] == []
