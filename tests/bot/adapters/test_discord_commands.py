"""The `/natosg` app commands: built from the registry, dispatched from raw interaction payloads.

Each interaction goes through the real `CommandTree._call`, as discord.py does for an
INTERACTION_CREATE; the client is logged in against the fake Discord REST API, so the defer
and the followups are real HTTP calls that the fake records.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import discord
import pytest
import yarl
from discord import app_commands

from bot.adapters.discord_bot import (
    SORRY,
    DiscordSetupError,
    NatosgDiscord,
    sync_commands_once,
)
from bot.adapters.discord_commands import (
    clip,
    matching_names,
    option_name,
    typed_values,
)
from bot.commands import build_registry
from bot.config import Settings
from bot.conversation import thread_key
from bot.pipeline import ChatRequest, Next, Outgoing
from tests.cli_helpers import chat_core
from tests.fakes.discord_payloads import (
    APPLICATION_ID,
    CHANNEL_ID,
    GUILD_ID,
    MANAGE_CHANNELS,
    USER_ID,
    thread,
)
from tests.fakes.discord_server import FakeDiscord, RecordedCall

TOKEN = "discord-token-canary-4410"

# One case per Discord subcommand: options as Discord sends them, the typed values the
# pipeline gets (never a command line), and whether the answer is public.
CASES: list[tuple[str, dict[str, Any], dict[str, Any], bool]] = [
    ("who-backs", {"name": "Rutte", "as-of": "2024-03-01"},
     {"name": "Rutte", "as_of": "2024-03-01"}, False),
    ("who-opposes", {"name": " Mark Rutte "}, {"name": "Mark Rutte"}, False),
    ("candidates", {}, {}, False),
    ("timeline", {"name": "Iohannis"}, {"name": "Iohannis"}, False),
    ("digest", {"rebuild": True}, {"rebuild": True}, True),
    ("ask", {"question": "--as-of now?", "thread": "t1"},
     {"question": "--as-of now?", "thread": "t1"}, False),
    ("sources", {"share": True}, {}, True),
    ("claims", {"article-ids": "3 4"}, {"article_ids": "3 4"}, False),
    ("help", {"command": "who-backs"}, {"command": "who-backs"}, False),
    ("subscribe", {"time": "08:00", "zone": "Europe/Paris"},
     {"time": "08:00", "zone": "Europe/Paris"}, False),
    ("unsubscribe", {}, {}, False),
    ("subscriptions", {}, {}, False),
    ("watch", {"action": "list"}, {"action": "list"}, False),
]  # fmt: skip


@dataclass
class RecordingStep:
    """A last pipeline step that remembers each request (or fails, when told to)."""

    seen: list[ChatRequest] = field(default_factory=list)
    fail: bool = False

    async def __call__(self, request: ChatRequest, proceed: Next) -> Outgoing | None:
        self.seen.append(request)
        if self.fail:
            raise RuntimeError(f"database exploded ({TOKEN})")
        return await proceed(request)


@dataclass
class Harness:
    bot: NatosgDiscord
    fake: FakeDiscord
    core: RecordingStep
    settings: Settings

    async def call(self, subcommand: str, options: dict[str, Any], **kwargs: Any) -> None:
        """Dispatch one raw interaction payload through the command tree."""
        payload = self.fake.interaction(subcommand, options, **kwargs)
        interaction: discord.Interaction = discord.Interaction(
            data=payload,  # type: ignore[arg-type]
            state=self.bot.client._connection,
        )
        await self.bot.tree._call(interaction)


@pytest.fixture
async def harness(seeded: Path, restore_discord_urls: None) -> AsyncIterator[Harness]:
    async with FakeDiscord() as fake:
        settings = fake.settings(seeded, TOKEN, admins=frozenset({"42"}))
        core = RecordingStep()
        bot = NatosgDiscord(chat_core(settings))
        bot.pipeline.steps.append(core)
        await bot.login()
        try:
            yield Harness(bot, fake, core, settings)
        finally:
            await bot.close()


def embed_text(call: RecordedCall) -> str:
    embeds = call.json.get("embeds") or []
    return "\n".join(
        f"{e.get('title', '')}\n{e.get('description', '')}\n{e.get('footer', {}).get('text', '')}"
        for e in embeds
    )


def test_every_discord_command_is_a_subcommand_with_the_registry_help(harness: Harness) -> None:
    group = harness.bot.tree.get_command("natosg")
    assert isinstance(group, app_commands.Group)
    offered = build_registry().for_surface("discord")
    assert [c.name for c in group.commands] == [c.name for c in offered]
    assert {"ingest", "rebuild-claims", "run"}.isdisjoint(c.name for c in group.commands)
    assert {case[0] for case in CASES} == {c.name for c in offered}, "add a CASES entry"
    for command in offered:
        sub = group.get_command(command.name)
        assert isinstance(sub, app_commands.Command)
        assert sub.description == clip(command.summary)
        options = {p["name"]: p for p in sub.to_dict(harness.bot.tree)["options"]}
        for argument in command.arguments:
            option = options[option_name(argument)]
            assert option["description"] == clip(argument.help)
            assert option["required"] == (argument.required and argument.kind != "flag")
            assert option["type"] == (5 if argument.kind == "flag" else 3)
            assert option.get("autocomplete", False) == bool(argument.autocomplete)
        assert ("share" in options) != command.public_by_default
        assert all(len(o["description"]) <= 100 for o in options.values())


@pytest.mark.parametrize(("subcommand", "options", "values", "public"), CASES)
async def test_each_subcommand_is_deferred_then_answered_with_followups(
    harness: Harness, subcommand: str, options: dict[str, Any], values: dict[str, Any], public: bool
) -> None:
    await harness.call(subcommand, options)

    (request,) = harness.core.seen
    assert request.invocation is not None
    assert (request.invocation.command.name, request.invocation.values) == (subcommand, values)
    assert (request.surface, request.user, request.is_admin) == ("discord", str(USER_ID), False)
    paths = [call.path for call in harness.fake.calls if call.method == "POST"]
    callback = harness.fake.calls_to("POST", r"/interactions/\d+/[^/]+/callback")
    followups = harness.fake.calls_to("POST", rf"/webhooks/{APPLICATION_ID}/[^/]+")
    assert len(callback) == 1 and paths[0] == callback[0].path, "the defer comes first"
    assert callback[0].query == {"with_response": "1"}
    assert callback[0].json["type"] == 5
    ephemeral = 0 if public else 64
    assert (callback[0].json.get("data") or {}).get("flags", 0) == ephemeral
    assert followups, "answered with a followup"
    for call in followups:
        assert call.json.get("flags", 0) & 64 == ephemeral
        assert call.json["allowed_mentions"] == {"parse": []}
        assert call.json["embeds"], "answers are embeds"


async def test_a_lookup_followup_is_cited_with_numbered_sources(harness: Harness) -> None:
    await harness.call("who-backs", {"name": "Rutte"})
    followups = harness.fake.calls_to("POST", rf"/webhooks/{APPLICATION_ID}/[^/]+")
    text = "\n".join(embed_text(call) for call in followups)
    assert "Who backs Mark Rutte" in text and "[1]" in text
    assert "Sources" in text and "[1] " in text


async def test_admins_are_channel_managers_or_listed_ids(harness: Harness) -> None:
    await harness.call("candidates", {}, permissions=MANAGE_CHANNELS)
    listed = {"id": "42", "username": "listed", "discriminator": "0", "avatar": None}
    await harness.call("candidates", {}, member=listed)
    await harness.call("candidates", {})
    assert [incoming.is_admin for incoming in harness.core.seen] == [True, True, False]


async def test_ask_in_a_digest_thread_continues_that_thread(harness: Harness) -> None:
    harness.bot.core.remember_digest_post("discord", str(CHANNEL_ID), "777", thread_id="777")
    await harness.call(
        "ask", {"question": "who backs Rutte?"}, channel=thread(777, CHANNEL_ID, "t")
    )
    await harness.call("ask", {"question": "who backs Rutte?"})
    in_thread, in_channel = harness.core.seen
    assert in_thread.thread_key == thread_key("discord", str(CHANNEL_ID), "777")
    assert in_thread.channel == str(CHANNEL_ID)
    assert (in_channel.thread_key, in_channel.channel) == (None, str(CHANNEL_ID))


async def test_a_failure_is_logged_and_answered_politely(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    harness.core.fail = True
    with caplog.at_level(logging.ERROR):
        await harness.call("who-backs", {"name": "Rutte"})
    followups = harness.fake.calls_to("POST", rf"/webhooks/{APPLICATION_ID}/[^/]+")
    assert [call.json["content"] for call in followups] == [SORRY]
    assert all(TOKEN not in str(call.json) for call in harness.fake.calls)
    assert "database exploded" in caplog.text


async def test_autocomplete_offers_matching_candidates_from_the_database(harness: Harness) -> None:
    await harness.call("who-backs", {"name": "ka"}, kind=4, focused="name")
    (call,) = harness.fake.calls_to("POST", r"/interactions/\d+/[^/]+/callback")
    assert call.json["type"] == 8
    choices = [choice["value"] for choice in call.json["data"]["choices"]]
    assert "Kaja Kallas" in choices and "Mark Rutte" not in choices
    assert 0 < len(choices) <= 25
    assert not harness.core.seen, "autocomplete runs no command"


async def test_actor_names_are_capped_at_25_choices(harness: Harness) -> None:
    actors = await harness.bot._names("actor")
    assert len(actors) > 25 and "Germany" in actors
    assert len(matching_names(actors, "")) == 25
    assert matching_names(actors, "germ")[0] == "Germany"
    assert matching_names(["Krišjānis Kariņš", "Mark Rutte"], "karins") == ["Krišjānis Kariņš"]


def test_typed_values_keep_every_value_whole() -> None:
    ask = build_registry().get("ask")
    assert ask is not None
    for question in ("don't", 'say "hi"', "Kaja  Kallas?", "--json", "a;b && c"):
        chosen = typed_values(ask, {"question": question, "thread": "t 1"})
        assert chosen == {"question": question, "thread": "t 1"}
    assert typed_values(ask, {"question": "  ", "thread": None}) == {}


async def test_sync_goes_to_the_guild_when_set_else_globally(
    seeded: Path, restore_discord_urls: None
) -> None:
    async with FakeDiscord() as fake:
        settings = fake.settings(seeded, TOKEN, discord_guild_id=str(GUILD_ID))
        summary = await sync_commands_once(chat_core(settings))
        assert f"guild {GUILD_ID}" in summary and "13 subcommands" in summary
        (guild_put,) = fake.calls_to(
            "PUT", rf"/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands"
        )
        assert [command["name"] for command in guild_put.json] == ["natosg"]
        assert not fake.calls_to("PUT", rf"/applications/{APPLICATION_ID}/commands")

        summary = await sync_commands_once(chat_core(replace(settings, discord_guild_id=None)))
        assert "globally" in summary
        (global_put,) = fake.calls_to("PUT", rf"/applications/{APPLICATION_ID}/commands")
        options = global_put.json[0]["options"]
        assert {o["name"] for o in options} == {case[0] for case in CASES}
        assert not fake.identified.is_set(), "syncing never opens the gateway"


def test_overrides_point_discord_py_at_the_fake_and_change_nothing_when_unset(
    restore_discord_urls: None,
) -> None:
    from bot.adapters.discord_bot import apply_test_overrides

    before = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    apply_test_overrides(Settings())
    assert before == (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
    apply_test_overrides(
        Settings(discord_api_url="http://127.0.0.1:9/api/v10/", discord_gateway_url="ws://h/gw/")
    )
    assert discord.http.Route.BASE == "http://127.0.0.1:9/api/v10"
    assert yarl.URL("ws://h/gw/") == discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY


async def test_a_missing_or_rejected_token_is_a_clear_set_up_error(
    db_path: Path, restore_discord_urls: None
) -> None:
    with pytest.raises(DiscordSetupError, match="DISCORD_TOKEN is not set"):
        await sync_commands_once(chat_core(Settings(db_path=db_path)))
    async with FakeDiscord() as fake:
        fake.valid_token = "the-real-token"
        settings = Settings(db_path=db_path, discord_token=TOKEN, discord_api_url=fake.api_url)
        with pytest.raises(DiscordSetupError, match="rejected DISCORD_TOKEN") as caught:
            await sync_commands_once(chat_core(settings))
        assert TOKEN not in caught.value.message
