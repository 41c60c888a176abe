"""`ask`'s model answer against the fake OpenAI server: kept, partly kept, or why not."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from records.passages import Passage
from summarizer.answers.prose import write_answer
from summarizer.llm.backend import LLMBackend
from summarizer.llm.client import LLMConfig
from summarizer.llm.fallback import NOTHING_VERIFIED, TIMED_OUT
from summarizer.llm.service import FreshLoopRunner
from tests.fakes.openai_server import FakeOpenAI

CHOSEN = [
    Passage(
        7,
        "The Dutch prime minister has won Poland's backing.",
        0,
        1,
        "a.txt",
        "Herald",
        None,
        "2024-03-01",
        None,
        None,
    ),
    Passage(
        8,
        "Hungary refuses to back Rutte, Orban said.",
        0,
        2,
        "b.txt",
        "Post",
        None,
        "2024-03-02",
        None,
        None,
    ),
]


@pytest.fixture
def llm(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAI]:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    with FakeOpenAI() as server:
        yield server


def backend(server: FakeOpenAI, deadline_s: float = 5.0) -> LLMBackend:
    config = LLMConfig(server.base_url, "test-model", deadline_s=deadline_s, max_retries=0)
    return LLMBackend(FreshLoopRunner(config))


def test_a_faithful_answer_is_kept_and_the_dropped_sentence_counted(llm: FakeOpenAI) -> None:
    llm.reply(
        "According to the sources, Hungary refuses to back Rutte [2]. Hungary now backs Rutte [2]."
    )
    written = write_answer("Who backs Rutte?", CHOSEN, backend(llm))
    assert written is not None and written.fallback_reason is None
    [(text, cited)] = written.sentences
    assert text == "According to the sources, Hungary refuses to back Rutte."
    assert [p.sentence_id for p in cited] == [8] and written.dropped == 1


def test_canonical_names_of_what_a_passage_mentions_may_be_used(llm: FakeOpenAI) -> None:
    llm.reply("Poland backs Mark Rutte [1].").reply("Poland backs Mark Rutte [1].")
    without = write_answer("Who backs Rutte?", CHOSEN, backend(llm))
    assert without is not None and without.sentences == ()
    assert without.fallback_reason == NOTHING_VERIFIED and without.dropped == 1
    with_names = write_answer(
        "Who backs Rutte?", CHOSEN, backend(llm), aliases={7: ["Mark Rutte", "Poland"]}
    )
    assert with_names is not None and [t for t, _ in with_names.sentences] == [
        "Poland backs Mark Rutte."
    ]


def test_a_hanging_endpoint_is_a_timeout_and_a_500_an_error(llm: FakeOpenAI) -> None:
    llm.hang(5)
    timed_out = write_answer("Who backs Rutte?", CHOSEN, backend(llm, deadline_s=0.5))
    assert timed_out is not None and timed_out.fallback_reason == TIMED_OUT
    llm.error(500)
    failed = write_answer("Who backs Rutte?", CHOSEN, backend(llm))
    assert failed is not None and failed.sentences == ()
    assert failed.fallback_reason == "the language model returned an error, HTTP 500"
