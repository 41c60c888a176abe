"""What an ingest reads from a folder: every supported file below it, in path order, hidden
ones and linked folders left out, each named as the user would write it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot.ingest.inputs import Inputs
from bot.ingest.netguard import AddressPolicy
from bot.ingest.pipeline import Ingestor
from storage.db import open_database

BODY = (
    "Ministers of the alliance met in the capital on Tuesday to discuss the budget. "
    "The talks ran late into the evening and ended without a statement. "
) * 3


def _tree(root: Path) -> None:
    for relative in (
        "B/upper.TXT",
        "a/deep/one.md",
        "a.d/two.json",
        "a.txt",
        "b/.private/hidden.txt",
        ".drafts/draft.txt",
        "b/.note.txt",
        "b/notes.pdf",
        "c.html",
    ):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        text = BODY
        if relative.endswith(".json"):
            text = json.dumps({"title": "T", "body": BODY})
        elif relative.endswith(".html"):
            text = f"<html><head><title>T</title></head><body><p>{BODY}</p></body></html>"
        path.write_text(text, encoding="utf-8")
    outside = root.parent / "elsewhere"
    outside.mkdir()
    (outside / "linked.txt").write_text(BODY, encoding="utf-8")
    (root / "z-linked-folder").symlink_to(outside, target_is_directory=True)


def _shown(inputs: Inputs) -> list[str]:
    return [item.source for item in inputs.items(AddressPolicy())]


def test_a_folder_lists_its_article_files_in_path_order_as_the_user_names_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "news"
    _tree(root)
    monkeypatch.chdir(tmp_path)
    inputs = Inputs(["news"])
    assert len(inputs) == 5
    expected = ["B/upper.TXT", "a/deep/one.md", "a.d/two.json", "a.txt", "c.html"]
    assert _shown(inputs) == [os.path.join("news", name) for name in expected]
    # The order is that of sorting the paths, as before the listing was made quicker.
    files = [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]
    visible = [p for p in files if not any(part.startswith(".") for part in p.parts)]
    supported = sorted(p for p in visible if p.suffix.lower() != ".pdf")
    assert _shown(inputs) == [str(p.relative_to(tmp_path)) for p in supported]


def test_a_folder_outside_the_working_folder_is_named_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "news"
    _tree(root)
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert _shown(Inputs([str(root)]))[0] == str(root / "B" / "upper.TXT")


def test_every_input_is_counted_once_and_bad_ones_say_why(tmp_path: Path) -> None:
    root = tmp_path / "news"
    _tree(root)
    empty = tmp_path / "empty"
    empty.mkdir()
    given = [str(root), str(empty), str(tmp_path / "missing.txt"), str(root / "a.txt")]
    inputs = Inputs(given)
    assert len(inputs) == 8
    items = list(inputs.items(AddressPolicy()))
    errors = {item.source: item.error for item in items if item.error}
    assert errors == {
        str(empty): "no .txt, .md, .html or .json files in this folder",
        str(tmp_path / "missing.txt"): "no such file or folder (and not an http(s) URL)",
    }


def test_an_ingest_reads_each_listed_file_once(tmp_path: Path) -> None:
    root = tmp_path / "news"
    root.mkdir()
    for number in range(3):
        (root / f"{number}.txt").write_text(
            f"Report {number}\n\n" + BODY.replace("Tuesday", f"day {number}"), encoding="utf-8"
        )
    db = open_database(tmp_path / "natosg.db")
    try:
        results = Ingestor(db, parallel=False).ingest(Inputs([str(root)]))
    finally:
        db.close()
    assert [r.status for r in results] == ["added", "added", "added"]
    assert [r.source for r in results] == [str(root / f"{n}.txt") for n in range(3)]
