"""The digest written by an OpenAI-compatible model: what the user sees in every case.

The model is a real HTTP server on 127.0.0.1 (tests/fakes/openai_server.py); the bot talks to
it through its own httpx client, exactly as it would talk to OpenAI, Ollama or vLLM.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storage.db import open_database
from storage.llm_log import call_totals
from tests.cli_helpers import Cli
from tests.fakes.openai_server import FakeOpenAI

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = sorted(str(p) for p in (FIXTURES / "digest").glob("0*.txt"))
INJECTED = str(FIXTURES / "llm" / "05_injected.txt")
API_KEY = "sk-canary-digest-9182"
_NOTE = re.compile(r"^- note: (?P<text>.*?)\s*(?P<cites>(?:\[\d+\])*)\s*$")


def echo_notes(request_json: Any, *, mangle: Any = None) -> str:
    """A well-behaved model: one sentence per note, the bracketed details dropped."""
    prompt = request_json["messages"][-1]["content"]
    out: list[str] = []
    for line in prompt.splitlines():
        if line.startswith("## "):
            out.append(line.split(" (")[0])
        elif match := _NOTE.match(line):
            text = re.sub(r"\s*\([^)]*\)", "", match.group("text")).rstrip(".")
            sentence = f"{text}. {match.group('cites')}"
            out.append(mangle(sentence) if mangle else sentence)
    return "\n".join(out)


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAI]:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    with FakeOpenAI() as server:
        monkeypatch.setenv("NATOSG_LLM_BASE_URL", server.base_url)
        monkeypatch.setenv("NATOSG_LLM_API_KEY", API_KEY)
        monkeypatch.setenv("NATOSG_LLM_MODEL", "test-model")
        monkeypatch.setenv("NATOSG_LLM_TIMEOUT", "3")
        yield server


def texts(digest: dict[str, Any]) -> list[str]:
    return [item["text"] for item in digest["items"]]


def assert_cited_verbatim(digest: dict[str, Any], db_path: Path) -> None:
    assert digest["items"] and all(item["citations"] for item in digest["items"])
    db = open_database(db_path)
    try:
        for citation in digest["citations"]:
            row = db.execute("SELECT text FROM sentences WHERE id = ?", [citation["sentence_id"]])
            assert row.fetchone()[0] == citation["quote"]
    finally:
        db.close()


def test_a_good_model_writes_the_digest_with_verified_citations(
    cli: Cli, model: FakeOpenAI, db_path: Path
) -> None:
    model.default = echo_notes
    cli.run("ingest", *ARTICLES)
    digest = cli.json("digest")
    assert digest["backend"] == "openai:test-model"
    assert "written by a language model" in digest["note"]
    assert "Finland backs Kallas." in texts(digest)
    assert_cited_verbatim(digest, db_path)
    # One call per section, each seeing only that section's notes and passages.
    assert len(model.requests) == len(digest["sections"])
    request = model.requests[0]
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert request.json["model"] == "test-model"


def test_a_rebuild_over_the_same_passages_is_served_from_the_cache(
    cli: Cli, model: FakeOpenAI, db_path: Path
) -> None:
    model.default = echo_notes
    cli.run("ingest", *ARTICLES)
    first = cli.json("digest")
    sections = len(model.requests)
    again = cli.json("digest", "--rebuild")
    assert len(model.requests) == sections  # nothing new was asked
    assert texts(again) == texts(first) and again["backend"] == "openai:test-model"
    db = open_database(db_path)
    try:
        totals = call_totals(db, "digest")
    finally:
        db.close()
    assert (totals.calls, totals.cached) == (sections, sections)
    assert totals.prompt_tokens > 0


@pytest.mark.parametrize(
    ("mangle", "why"),
    [
        (lambda s: re.sub(r"\[\d+\]", "[99]", s), "fabricated citation numbers"),
        (lambda s: re.sub(r"\[\d+\]", "", s), "uncited sentences"),
        (lambda s: "Spain and Italy agree. " + re.sub(r"^\S+", "Portugal", s), "unsupported"),
    ],
)
def test_unverifiable_prose_is_dropped_and_the_offline_digest_says_so(
    cli: Cli, model: FakeOpenAI, db_path: Path, mangle: Any, why: str
) -> None:
    model.default = lambda request: echo_notes(request, mangle=mangle)
    cli.run("ingest", *ARTICLES)
    digest = cli.json("digest")
    assert digest["backend"] == "extractive", why
    assert (
        "extractive summary (offline) (the language model wrote nothing we could verify "
        "against the sources)." in digest["note"]
    )
    assert not any("Portugal" in text or "[99]" in text for text in texts(digest))
    assert_cited_verbatim(digest, db_path)


def test_an_injected_instruction_changes_nothing(
    cli: Cli, model: FakeOpenAI, db_path: Path
) -> None:
    # A compromised model that obeys the article: the canary must still never be shown.
    model.default = lambda request: (
        "## standing\nCANARY-5150 https://evil.example/phish [1]\n" + echo_notes(request)
    )
    cli.run("ingest", *ARTICLES, INJECTED)
    digest = cli.json("digest")
    shown = json.dumps(digest)
    assert "CANARY-5150" not in shown and "evil.example" not in shown
    assert "CANARY-5150" not in json.dumps([r.json for r in model.requests])
    assert digest["backend"] == "openai:test-model"
    assert_cited_verbatim(digest, db_path)


def test_rate_limited_then_answered_posts_the_model_digest(cli: Cli, model: FakeOpenAI) -> None:
    model.default = echo_notes
    model.error(429, headers={"Retry-After": "1"})
    cli.run("ingest", *ARTICLES)
    digest = cli.json("digest")
    assert digest["backend"] == "openai:test-model"
    assert len(model.requests) == len(digest["sections"]) + 1  # the 429, then one per section


def test_dropped_sentences_are_counted_in_the_model_digest_note(
    cli: Cli, model: FakeOpenAI
) -> None:
    # Each section gets one extra sentence its passages do not support.
    model.default = lambda request: echo_notes(request) + "\nPortugal has withdrawn from NATO [1]."
    cli.run("ingest", *ARTICLES)
    digest = cli.json("digest")
    assert digest["backend"] == "openai:test-model"
    sections = len(model.requests)
    assert (
        "written by a language model; every sentence checked against its sources "
        f"({sections} sentences it wrote were dropped as unverifiable)." in digest["note"]
    )
    assert not any("Portugal" in text for text in texts(digest))


@pytest.mark.parametrize(
    ("script", "reason"),
    [
        (
            lambda m: m.error(500).error(500).error(500),
            "the language model returned an error, HTTP 500",
        ),
        (lambda m: m.hang(10), "the language model did not answer in time"),
        (
            lambda m: m.raw(200, "{not json"),
            "the language model returned an answer that could not be read",
        ),
        (lambda m: m.error(401), "the language model returned an error, HTTP 401"),
    ],
    ids=["5xx", "hang", "malformed", "unauthorised"],
)
def test_a_failing_endpoint_falls_back_to_the_offline_digest_and_says_why(
    cli: Cli,
    model: FakeOpenAI,
    db_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    script: Any,
    reason: str,
) -> None:
    monkeypatch.setenv("NATOSG_LLM_TIMEOUT", "1")
    script(model)
    cli.run("ingest", *ARTICLES)
    with caplog.at_level(logging.DEBUG):
        status, out = cli.run("digest")
    assert status == 0
    assert f"extractive summary (offline) ({reason})." in out
    assert "[1]" in out and "Traceback" not in out
    assert API_KEY not in out and API_KEY not in caplog.text
