"""A text without full stops: one "sentence" of megabytes made ingest quadratic (dates were
looked for in the whole sentence once per stance mention). Sentences are now capped, cut
at clause boundaries with exact offsets, and ingest time grows linearly with the text."""

from __future__ import annotations

import time
from pathlib import Path

from bot.ingest.claims import ClaimExtraction
from bot.ingest.pipeline import Ingestor
from storage.db import open_database
from summarizer.text.sentences import MAX_SENTENCE_CHARS, split_sentences

# Dense with stances and dates, and not one full stop.
UNIT = (
    "Germany backs Mark Rutte for NATO secretary general on 3 March and France supports "
    "Kaja Kallas while Spain opposes Klaus Iohannis, "
)


def _stopless(size: int) -> str:
    return (UNIT * (size // len(UNIT) + 1))[:size]


def _ingest_seconds(folder: Path, size: int) -> float:
    folder.mkdir()
    article = folder / "stopless.txt"
    article.write_text(_stopless(size))
    db = open_database(folder / "natosg.db")
    try:
        started = time.process_time()
        results = Ingestor(db, claims=ClaimExtraction(), parallel=False).ingest([str(article)])
        elapsed = time.process_time() - started
    finally:
        db.close()
    assert [result.status for result in results] == ["added"]
    return elapsed


def test_stopless_ingest_time_grows_linearly_not_quadratically(tmp_path: Path) -> None:
    # Four times the text: linear work takes about 4 times as long, quadratic 16 times.
    # (The sizes are small so that the quadratic version still ends in about half a minute.)
    _ingest_seconds(tmp_path / "warm", 2_000)  # imports and entity data loaded once
    small = _ingest_seconds(tmp_path / "small", 8_000)
    large = _ingest_seconds(tmp_path / "large", 32_000)
    assert large / small < 8.0, (small, large)


def test_over_long_sentences_are_cut_readably_with_exact_offsets() -> None:
    body = _stopless(200_000) + "\n\n" + "x" * 2_500 + " tail"
    spans = split_sentences(body)
    assert all(len(span.text) <= MAX_SENTENCE_CHARS for span in spans)
    assert all(body[span.start : span.end] == span.text for span in spans)
    # Cut after a clause mark (here the comma that ends each unit), not inside a word.
    stopless = [span for span in spans if span.end <= 200_000]
    assert all(span.text.endswith(",") for span in stopless[:-1])
    assert len(stopless) < 200_000 / (MAX_SENTENCE_CHARS / 2) + 2
    # No space or clause mark at all: cut at the limit, nothing lost.
    assert "".join(span.text for span in spans if "x" in span.text).startswith("x" * 2_500)


def test_ordinary_sentences_are_unchanged() -> None:
    body = "Germany backs Rutte. France, too, backs him; Spain does not."
    assert [span.text for span in split_sentences(body)] == [
        "Germany backs Rutte.",
        "France, too, backs him; Spain does not.",
    ]
