"""The Discord adapter end to end: the real discord.py client, connected over 127.0.0.1 to the
fake Discord REST API and gateway, answering what the gateway delivers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.adapters import discord_bot
from bot.adapters.discord_bot import NatosgDiscord
from bot.conversation import thread_key
from bot.render.discord import render_discord
from bot.reply import Citation, Line, Reply, Section
from storage.db import open_database
from storage.threads import find_thread
from tests.cli_helpers import chat_core
from tests.fakes.discord_payloads import APPLICATION_ID, BOT_ID, CHANNEL_ID, OTHER_CHANNEL_ID
from tests.fakes.discord_server import MESSAGE_CONTENT_INTENT, FakeDiscord, RecordedCall
from tests.waiting import eventually, logged

pytestmark = pytest.mark.usefixtures("restore_discord_urls")
TOKEN = "discord-token-canary-9152"
TIMEOUT = 5.0
OTHER_THREAD_ID = 1_190_000_000_000_000_000
ADAPTER_LOG = "bot.adapters.discord_bot"


@asynccontextmanager
async def running(
    db_path: Path, *, message_content: bool = True
) -> AsyncIterator[tuple[NatosgDiscord, FakeDiscord]]:
    """The bot connected to a fresh fake Discord; everything is closed on the way out."""
    async with FakeDiscord() as fake:
        settings = fake.settings(db_path, TOKEN, discord_message_content=message_content)
        bot = NatosgDiscord(chat_core(settings), guild_ready_timeout=0.05)
        task = asyncio.create_task(bot.start())
        try:
            ready = asyncio.create_task(bot.wait_until_ready())
            done, _ = await asyncio.wait(
                {task, ready}, timeout=TIMEOUT, return_when="FIRST_COMPLETED"
            )
            if ready not in done:
                ready.cancel()
                raise AssertionError(f"the bot did not get ready: {task}")
            yield bot, fake
        finally:
            await asyncio.wait_for(bot.close(), TIMEOUT)
            await asyncio.wait_for(asyncio.gather(task, return_exceptions=True), TIMEOUT)


def embed_text(message: dict[str, object]) -> str:
    embeds = message.get("embeds") or []
    assert isinstance(embeds, list)
    return "\n".join(f"{e.get('title', '')}\n{e.get('description', '')}" for e in embeds)


def handled(caplog: pytest.LogCaptureFixture, *messages: dict[str, object]) -> bool:
    """Whether the bot has finished with each of these messages (answered or ignored it)."""
    return all(
        logged(caplog, ADAPTER_LOG, f"message {message['id']} answered")
        or logged(caplog, ADAPTER_LOG, f"message {message['id']} ignored")
        for message in messages
    )


def bot_messages(fake: FakeDiscord, channel_id: int) -> list[dict[str, object]]:
    return [
        m
        for m in fake.messages.get(channel_id, [])
        if isinstance(m["author"], dict) and m["author"]["id"] == str(BOT_ID)
    ]


async def test_slash_command_is_deferred_then_answered_with_a_cited_followup(seeded: Path) -> None:
    async with running(seeded) as (_, fake):
        interaction = fake.interaction("who-backs", {"name": "Rutte"})
        await fake.dispatch("INTERACTION_CREATE", interaction)
        followup = await fake.wait_for_call("POST", rf"/webhooks/{APPLICATION_ID}/[^/]+")

        (callback,) = fake.calls_to("POST", rf"/interactions/{interaction['id']}/[^/]+/callback")
        assert fake.calls.index(callback) < fake.calls.index(followup)
        assert callback.json == {"type": 5, "data": {"flags": 64}}, "deferred, ephemeral"
        assert followup.json["flags"] == 64
        text = embed_text(followup.json)
        assert "Who backs Mark Rutte" in text and "[1]" in text and "Sources" in text
        assert not fake.calls_to("PUT", r"/applications/.*"), "no command sync on start"
        assert fake.identify is not None and fake.identify["token"] == TOKEN


async def test_scheduled_digest_is_posted_with_a_follow_up_thread(seeded: Path) -> None:
    async with running(seeded) as (bot, fake):
        message_id = await asyncio.wait_for(bot.post_digest(str(CHANNEL_ID)), TIMEOUT)

        (posted,) = fake.messages[CHANNEL_ID]
        assert message_id == posted["id"]
        assert "digest" in embed_text(posted).lower() and "[1]" in embed_text(posted)
        (thread_call,) = fake.calls_to(
            "POST", rf"/channels/{CHANNEL_ID}/messages/{message_id}/threads"
        )
        assert thread_call.json["name"].startswith("Digest ")
        assert thread_call.json["name"].endswith(" — follow-ups")
        post = bot.core.digest_thread("discord", message_id)
        assert post is not None and post.channel == str(CHANNEL_ID) and post.digest_id


async def test_a_message_in_the_digest_thread_gets_a_threaded_cited_answer(
    seeded: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger=ADAPTER_LOG)
    async with running(seeded) as (bot, fake):
        assert fake.identify is not None
        assert int(fake.identify["intents"]) & MESSAGE_CONTENT_INTENT
        thread_id = int(await asyncio.wait_for(bot.post_digest(str(CHANNEL_ID)), TIMEOUT) or 0)
        before = len(bot_messages(fake, thread_id))

        sent = [
            await fake.user_message(OTHER_CHANNEL_ID, "who backs Rutte?"),
            await fake.user_message(OTHER_THREAD_ID, "who backs Rutte?", mention_bot=True),
            await fake.user_message(thread_id, "who backs Rutte?"),
        ]
        await eventually(lambda: handled(caplog, *sent), "all three messages to be handled")

        answers = bot_messages(fake, thread_id)[before:]
        assert answers and "[1]" in embed_text(answers[0])
        assert "Sources" in "\n".join(embed_text(answer) for answer in answers)
        assert not bot_messages(fake, OTHER_CHANNEL_ID), "other channels' chatter is ignored"
        assert not bot_messages(fake, OTHER_THREAD_ID), "so are threads on other messages"
        reply = fake.calls_to("POST", rf"/channels/{thread_id}/messages")[before]
        assert reply.json["message_reference"]["message_id"] is not None
        assert reply.json["allowed_mentions"] == {"parse": []}, "nobody is pinged"
        key = thread_key("discord", str(CHANNEL_ID), str(thread_id))
        db = open_database(bot.settings.db_path)
        try:
            assert find_thread(db, key, "discord", str(CHANNEL_ID)) is not None, "thread memory"
        finally:
            db.close()


async def test_without_the_intent_only_mentions_are_answered(
    seeded: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger=ADAPTER_LOG)
    async with running(seeded, message_content=False) as (bot, fake):
        assert fake.identify is not None
        assert not int(fake.identify["intents"]) & MESSAGE_CONTENT_INTENT
        thread_id = int(await asyncio.wait_for(bot.post_digest(str(CHANNEL_ID)), TIMEOUT) or 0)
        before = len(bot_messages(fake, thread_id))

        plain = await fake.user_message(thread_id, "who backs Rutte?")
        mention = await fake.user_message(thread_id, "who opposes Rutte?", mention_bot=True)
        await eventually(lambda: handled(caplog, plain, mention), "both messages to be handled")
        assert logged(caplog, ADAPTER_LOG, f"message {plain['id']} ignored")

        answers = bot_messages(fake, thread_id)[before:]
        text = "\n".join(embed_text(answer) for answer in answers)
        assert "[1]" in text and "Hungary" in text
        replies = [
            call for call in fake.calls_to("POST", rf"/channels/{thread_id}/messages")[before:]
            if call.json.get("message_reference")
        ]  # fmt: skip
        assert len(replies) == 1, "the plain message was not answered"


async def test_a_rate_limited_post_is_retried_once_and_posted_once(seeded: Path) -> None:
    async with running(seeded) as (bot, fake):
        fake.rate_limit_once("POST", rf"/channels/{CHANNEL_ID}/messages", retry_after=0.2)
        message_id = await asyncio.wait_for(bot.post_digest(str(CHANNEL_ID)), TIMEOUT)

        posts: list[RecordedCall] = fake.calls_to("POST", rf"/channels/{CHANNEL_ID}/messages")
        assert [call.status for call in posts] == [429, 200]
        assert posts[0].json == posts[1].json
        assert [m["id"] for m in fake.messages[CHANNEL_ID]] == [message_id]


async def test_a_failing_follow_up_gets_one_polite_line_in_the_thread(
    seeded: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def explode(request: object, proceed: object) -> None:
        raise RuntimeError(f"boom {TOKEN}")

    async with running(seeded) as (bot, fake):
        thread_id = int(await asyncio.wait_for(bot.post_digest(str(CHANNEL_ID)), TIMEOUT) or 0)
        before = len(bot_messages(fake, thread_id))
        bot.pipeline.steps.append(explode)
        await fake.user_message(thread_id, "who backs Rutte?")
        await eventually(lambda: len(bot_messages(fake, thread_id)) > before, "the polite line")

        (answer,) = bot_messages(fake, thread_id)[before:]
        assert answer["content"] == discord_bot.SORRY and TOKEN not in str(answer)
        assert "boom" in caplog.text


async def test_a_stale_command_is_told_to_resync(seeded: Path) -> None:
    async with running(seeded) as (_, fake):
        interaction = fake.interaction("retired-command", {"name": "Rutte"})
        await fake.dispatch("INTERACTION_CREATE", interaction)
        callback = await fake.wait_for_call("POST", rf"/interactions/{interaction['id']}/.*")

        assert callback.json["type"] == 4
        assert callback.json["data"]["content"] == discord_bot.OUT_OF_DATE
        assert callback.json["data"]["flags"] == 64


def long_digest() -> Reply:
    citation = Citation(1, 1, 1, "seeds/a.txt", "Outlet", "Title", "2024-05-04", None, "A quote.")
    sections = tuple(
        Section(
            f"Part {n}", tuple(Line(f"Statement {n}.{i} " + "word " * 150, (1,)) for i in range(6))
        )
        for n in range(12)
    )
    return Reply(
        command="digest",
        title="NATO Secretary General race: digest for 4 May 2024",
        sections=sections,
        citations=(citation,),
        data={"digest_id": None, "date": "2024-05-04"},
    )


async def test_a_long_digest_continues_inside_its_thread(
    seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reply = long_digest()
    rendered = render_discord(reply)
    assert len(rendered) > 2
    async with running(seeded) as (bot, fake):
        monkeypatch.setattr(bot.core, "digest_to_post", lambda last_posted_id: reply)
        message_id = await asyncio.wait_for(bot.post_digest(str(CHANNEL_ID)), TIMEOUT)

        assert message_id is not None
        assert [m["id"] for m in fake.messages[CHANNEL_ID]] == [message_id]
        (thread_call,) = fake.calls_to("POST", rf"/channels/{CHANNEL_ID}/messages/\d+/threads")
        assert thread_call.json["name"] == "Digest 4 May 2024 — follow-ups"
        in_thread = bot_messages(fake, int(message_id))
        assert len(in_thread) == len(rendered) - 1
        assert in_thread[0]["content"] == rendered[1].content
        assert "Sources" in embed_text(in_thread[-1])
        assert bot.core.digest_thread("discord", message_id) is not None


async def test_a_digest_asked_for_opens_a_thread_that_answers_follow_ups(seeded: Path) -> None:
    async with running(seeded) as (bot, fake):
        interaction = fake.interaction("digest", {})
        await fake.dispatch("INTERACTION_CREATE", interaction)
        followup = await fake.wait_for_call("POST", rf"/webhooks/{APPLICATION_ID}/[^/]+")

        assert discord_bot.DIGEST_POSTED in embed_text(followup.json)
        (posted,) = bot_messages(fake, CHANNEL_ID)
        assert "[1]" in embed_text(posted), "the digest itself is in the channel, cited"
        assert fake.calls_to("POST", rf"/channels/{CHANNEL_ID}/messages/{posted['id']}/threads")
        post = bot.core.digest_thread("discord", str(posted["id"]))
        assert post is not None and post.digest_id

        thread_id = int(str(posted["id"]))
        before = len(bot_messages(fake, thread_id))
        await fake.user_message(thread_id, "who backs Rutte?")
        await eventually(lambda: len(bot_messages(fake, thread_id)) > before, "the answer")
        answer = bot_messages(fake, thread_id)[before]
        assert "[1]" in embed_text(answer) and "Rutte" in embed_text(answer)
