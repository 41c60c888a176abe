"""Which way the backend completes: through the process's LLM service when the settings carry
one (chat commands in worker threads), else on a loop per call (the CLI)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.app import Application
from bot.briefing.llm import llm_backend, open_llm_service
from bot.config import Settings
from bot.pipeline import ChatPipeline
from bot.render.terminal import render_text
from storage.db import Database
from summarizer.llm.service import FreshLoopRunner, LoopBoundRunner
from tests.cli_helpers import Cli
from tests.fakes import FakeOpenAI
from tests.test_llm_digest_end_to_end import echo_notes

FIXTURES = Path(__file__).parents[2] / "fixtures" / "digest"


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAI]:
    """A well-behaved model that keeps connections alive, so pool reuse is visible."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    with FakeOpenAI(echo_notes, keep_alive=True) as server:
        yield server


def test_without_a_base_url_there_is_no_backend(db: Database, db_path: Path) -> None:
    assert llm_backend(Settings(db_path=db_path), db) is None


def test_without_a_service_each_completion_runs_on_a_loop_of_its_own(
    db: Database, db_path: Path
) -> None:
    settings = Settings(db_path=db_path, llm_base_url="http://127.0.0.1:9/v1", llm_model="m")
    backend = llm_backend(settings, db)
    assert backend is not None and isinstance(backend.runner, FreshLoopRunner)
    assert backend.name == "openai:m"


async def test_a_chat_command_in_a_worker_thread_completes_through_the_process_service(
    cli: Cli, db_path: Path, db: Database, model: FakeOpenAI
) -> None:
    cli.run("ingest", *sorted(str(p) for p in FIXTURES.glob("0*.txt")))
    settings = Settings(db_path=db_path, llm_base_url=model.base_url, llm_model="test-model")
    service = open_llm_service(settings)
    assert service is not None
    settings = replace(settings, llm_service=service)
    try:
        backend = llm_backend(settings, db)
        assert backend is not None and isinstance(backend.runner, LoopBoundRunner)
        pipeline = ChatPipeline(Application.from_settings(settings).chat_core())
        out = await pipeline.handle(pipeline.reader.from_text("slack", "C1", "U1", "digest"))
        assert out is not None
    finally:
        await service.aclose()

    assert "written by a language model" in render_text(out.reply)
    assert len(model.requests) >= 2  # one call per digest section
    assert model.connections == 1  # every section over the service's one connection
