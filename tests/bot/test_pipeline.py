"""The one pipeline every chat surface shares: a request parsed once, the same guards in the
same order, and the same rule for who sees the answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import Application
from bot.config import Settings
from bot.parsing import MAX_INPUT_CHARS
from bot.pipeline import ChatPipeline, ChatRequest, Next, Outgoing, RateLimit


@pytest.fixture
def pipeline(seeded: Path) -> ChatPipeline:
    return ChatPipeline(Application.from_settings(Settings(db_path=seeded)).chat_core())


async def test_a_lookup_is_private_unless_shared(pipeline: ChatPipeline) -> None:
    private = await pipeline.handle(pipeline.reader.from_text("slack", "C1", "U1", "candidates"))
    shared = await pipeline.handle(
        pipeline.reader.from_text("slack", "C1", "U1", "/natosg candidates --share")
    )
    assert private is not None and private.reply.ok and not private.public
    assert shared is not None and shared.reply.ok and shared.public
    assert shared.reply.command == "candidates"


async def test_bad_words_get_the_usage_line_without_running_anything(
    pipeline: ChatPipeline,
) -> None:
    ran: list[ChatRequest] = []

    async def spy(request: ChatRequest, proceed: Next) -> Outgoing | None:
        ran.append(request)
        return await proceed(request)

    pipeline.steps.append(spy)
    for text in ("who-bakcs Rutte", "x" * (MAX_INPUT_CHARS + 1), "who-backs"):
        out = await pipeline.handle(pipeline.reader.from_text("slack", "C1", "U1", text))
        assert out is not None and not out.reply.ok and not out.public
    assert ran == []


async def test_a_repeated_delivery_is_answered_once(pipeline: ChatPipeline) -> None:
    request = pipeline.reader.follow_up(
        "slack", "C1", "U1", "who backs Rutte?", event_id="Ev1", thread_key="slack:C1:1"
    )
    first = await pipeline.handle(request)
    assert first is not None and first.public and first.reply.citations
    assert await pipeline.handle(request) is None


async def test_the_platform_is_asked_about_admins_only_for_admin_commands(
    pipeline: ChatPipeline,
) -> None:
    asked: list[str] = []

    async def admin() -> bool:
        asked.append("asked")
        return True

    lookup = pipeline.reader.from_text("slack", "C1", "U1", "candidates", admin=admin)
    assert (await pipeline.handle(lookup)) is not None
    assert asked == []
    change = pipeline.reader.from_text("slack", "C1", "U1", "subscribe 07:00 UTC", admin=admin)
    out = await pipeline.handle(change)
    assert asked == ["asked"]
    assert out is not None and out.reply.ok, out.reply


async def test_a_non_admin_cannot_subscribe(pipeline: ChatPipeline) -> None:
    change = pipeline.reader.from_text("slack", "C1", "U1", "subscribe 07:00 UTC")
    out = await pipeline.handle(change)
    assert out is not None and not out.reply.ok
    assert "only people who manage this channel" in out.reply.sections[0].lines[0].text


async def test_typed_options_are_used_as_they_are(pipeline: ChatPipeline) -> None:
    command = pipeline.core.registry.get("ask")
    assert command is not None
    request = pipeline.reader.from_options(
        "discord", "C1", "U1", command, {"question": "--json who backs Rutte?", "thread": None}
    )
    assert request.invocation is not None
    assert request.invocation.values == {"question": "--json who backs Rutte?"}
    assert not request.invocation.json


async def test_a_follow_up_that_is_a_command_runs_it_in_the_thread(
    pipeline: ChatPipeline,
) -> None:
    request = pipeline.reader.follow_up("discord", "C1", "U1", "candidates")
    out = await pipeline.handle(request)
    assert out is not None and out.public and out.reply.command == "candidates"
    question = pipeline.reader.follow_up("discord", "C1", "U1", "who backs Rutte?")
    assert question.command is not None and question.command.name == "ask"


async def test_one_person_asking_too_fast_is_asked_to_wait(pipeline: ChatPipeline) -> None:
    pipeline.limits = RateLimit(count=3, window_s=60.0)
    answers = [
        await pipeline.handle(pipeline.reader.from_text("slack", "C1", "U7", "candidates"))
        for _ in range(4)
    ]
    assert all(a is not None and a.reply.ok for a in answers[:3])
    last = answers[3]
    assert last is not None and not last.reply.ok and "wait a minute" in str(last.reply)
    other = await pipeline.handle(pipeline.reader.from_text("slack", "C1", "U8", "candidates"))
    assert other is not None and other.reply.ok, "others are not slowed down"


async def test_only_channel_managers_rebuild_the_public_digest(pipeline: ChatPipeline) -> None:
    refused = await pipeline.handle(
        pipeline.reader.from_text("slack", "C1", "U1", "digest --rebuild")
    )
    assert refused is not None and not refused.reply.ok and "--rebuild" in str(refused.reply)

    async def yes() -> bool:
        return True

    allowed = await pipeline.handle(
        pipeline.reader.from_text("slack", "C1", "U1", "digest --rebuild", admin=yes)
    )
    assert allowed is not None and allowed.reply.ok and allowed.public
