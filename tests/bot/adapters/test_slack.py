"""The Slack adapter through a real HTTP-mode server, against a fake Slack Web API.

Requests are signed exactly as Slack signs them; the real slack_bolt app verifies them, and
the real slack_sdk client posts to the fake on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.adapters.slack_bot import SlackBot
from bot.adapters.slack_runtime import SlackRuntime
from bot.config import Settings
from storage.db import open_database
from tests.bot.adapters.slack_harness import running_slack
from tests.cli_helpers import Cli, chat_core
from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.slack_server import FakeSlack
from tests.waiting import eventually, logged

FIXTURES = Path(__file__).parents[2] / "fixtures" / "digest"
SECRET = "signing-secret-canary-5521"
TOKEN = "xoxb-token-canary-7781"
ADAPTER_LOG = "bot.adapters.slack_bot"


@pytest.fixture
async def slack(cli: Cli, db_path: Path) -> AsyncIterator[tuple[FakeSlack, SlackRuntime]]:
    async with running_slack(cli, db_path, token=TOKEN, secret=SECRET) as started:
        yield started


def signed(body: str, *, secret: str = SECRET, age_s: int = 0) -> dict[str, str]:
    timestamp = str(int(time.time()) - age_s)
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature}


async def send(
    runtime: SlackRuntime, body: str, headers: dict[str, str], kind: str
) -> httpx.Response:
    content_type = "application/json" if kind == "json" else "application/x-www-form-urlencoded"
    async with httpx.AsyncClient(trust_env=False) as client:
        return await client.post(
            f"http://127.0.0.1:{runtime.port}/slack/events",
            content=body,
            headers={**headers, "Content-Type": content_type},
            timeout=10,
        )


def slash(
    fake: FakeSlack, text: str, channel: str = "C1", user: str = "U1", response_to: str = "r1"
) -> str:
    return urlencode(
        {
            "command": "/natosg",
            "text": text,
            "channel_id": channel,
            "user_id": user,
            "team_id": "T0001",
            "response_url": fake.response_url(response_to),
            "trigger_id": "1.2.3",
        }
    )


def event(kind: str, text: str, ts: str, thread_ts: str | None, event_id: str) -> str:
    payload: dict[str, Any] = {"type": kind, "channel": "C1", "user": "U2", "text": text, "ts": ts}
    if thread_ts:
        payload["thread_ts"] = thread_ts
    return json.dumps(
        {"type": "event_callback", "team_id": "T0001", "event_id": event_id, "event": payload}
    )


def block_text(args: dict[str, Any]) -> str:
    return json.dumps(args.get("blocks", []))


async def test_a_signed_slash_command_is_acked_then_answered_privately(
    slack: tuple[FakeSlack, SlackRuntime],
) -> None:
    fake, runtime = slack
    body = slash(fake, "who-backs Kallas")
    started = time.monotonic()
    response = await send(runtime, body, signed(body), "form")
    assert response.status_code == 200 and time.monotonic() - started < 3
    [answer] = await fake.wait_for("respond")
    assert answer.args["response_type"] == "ephemeral"
    assert "Finland" in block_text(answer.args) and "[1]" in block_text(answer.args)
    assert not fake.of("chat.postMessage")


@pytest.mark.parametrize(
    "headers",
    [
        lambda body: signed(body, secret="wrong-secret"),
        lambda body: signed(body, age_s=600),
        lambda body: {},
    ],
    ids=["bad signature", "stale timestamp", "unsigned"],
)
async def test_a_bad_or_stale_signature_gets_401_and_nothing_happens(
    slack: tuple[FakeSlack, SlackRuntime], headers: Any
) -> None:
    fake, runtime = slack
    body = slash(fake, "digest")
    response = await send(runtime, body, headers(body), "form")
    assert response.status_code == 401
    # A signed command sent afterwards is answered: by then the refused one is long done.
    later = slash(fake, "help", response_to="later")
    assert (await send(runtime, later, signed(later), "form")).status_code == 200
    await fake.wait_for("respond")
    assert [(call.method, call.target) for call in fake.calls if call.method != "auth.test"] == [
        ("respond", "later")
    ]


async def test_the_digest_is_posted_and_its_thread_gets_cited_follow_ups_once(
    slack: tuple[FakeSlack, SlackRuntime], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger=ADAPTER_LOG)
    fake, runtime = slack
    body = slash(fake, "digest")
    assert (await send(runtime, body, signed(body), "form")).status_code == 200
    [post] = await fake.wait_for("chat.postMessage")
    assert post.args["channel"] == "C1" and "[1]" in block_text(post.args)
    digest_ts = post.ts
    question = event("message", "who supports Kallas?", "1800000000.000001", digest_ts, "Ev1")
    for attempt in range(2):  # Slack re-delivers the same event: answered once
        headers = {**signed(question), "X-Slack-Retry-Num": str(attempt)}
        assert (await send(runtime, question, headers, "json")).status_code == 200
    posts = await fake.wait_for("chat.postMessage", 2)
    # Both deliveries run at once; give the second time to be dropped (the drop is logged),
    # then what a user sees is what counts: one answer in the thread, never two.
    deadline = time.monotonic() + 15.0
    while time.monotonic() < deadline and not logged(
        caplog, ADAPTER_LOG, "1800000000.000001", "already handled"
    ):
        await asyncio.sleep(0.05)
    answers = [c for c in fake.of("chat.postMessage") if c.args.get("thread_ts") == digest_ts]
    assert len(answers) == 1
    assert "[1]" in block_text(answers[0].args) and posts[1].args["channel"] == "C1"
    db = open_database(runtime.settings.db_path)
    try:
        [(posted, hung_off)] = db.execute(
            "SELECT p.digest_id, t.digest_id FROM chat_posts p JOIN threads t "
            "ON t.thread_key = 'slack:C1:' || p.thread_id"
        ).fetchall()
    finally:
        db.close()
    assert posted is not None and hung_off == posted  # the conversation knows its digest


async def test_chatter_outside_digest_threads_is_ignored(
    slack: tuple[FakeSlack, SlackRuntime], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger=ADAPTER_LOG)
    fake, runtime = slack
    for index, body in enumerate(
        [
            event("message", "lunch?", "1800000000.000010", None, "Ev10"),
            event("message", "who backs Kallas?", "1800000000.000011", "1799.0001", "Ev11"),
        ]
    ):
        assert (await send(runtime, body, signed(body), "json")).status_code == 200, index
    chatter = ("1800000000.000010", "1800000000.000011")
    await eventually(
        lambda: all(logged(caplog, ADAPTER_LOG, ts, "ignored") for ts in chatter),
        "both messages to be looked at and ignored",
    )
    assert not fake.of("chat.postMessage")


async def test_a_mention_anywhere_is_answered_in_a_thread(
    slack: tuple[FakeSlack, SlackRuntime],
) -> None:
    fake, runtime = slack
    body = event("app_mention", "<@UBOT0001> who backs Kallas?", "1800000000.000020", None, "Ev20")
    assert (await send(runtime, body, signed(body), "json")).status_code == 200
    [answer] = await fake.wait_for("chat.postMessage")
    assert answer.args["thread_ts"] == "1800000000.000020"
    assert "[1]" in block_text(answer.args)


async def test_a_429_then_200_still_posts_the_digest_once(
    slack: tuple[FakeSlack, SlackRuntime],
) -> None:
    fake, runtime = slack
    fake.rate_limit_once.add("chat.postMessage")
    ts = await runtime.bot.post_digest("C9")
    calls = fake.of("chat.postMessage")
    assert ts is not None and len(calls) == 2  # the 429, then the one post
    assert calls[0].args == calls[1].args


async def test_socket_mode_requests_are_dispatched_without_signatures(
    cli: Cli, db_path: Path
) -> None:
    cli.run("ingest", *sorted(str(p) for p in FIXTURES.glob("0*.txt")))
    fake = await FakeSlack().start()
    try:
        settings = Settings(
            db_path=db_path,
            slack_bot_token=TOKEN,
            slack_app_token="xapp-1",
            slack_api_url=fake.api_url,
        )
        bot = SlackBot(chat_core(settings))
        assert bot.socket_mode
        payload = {
            "command": "/natosg",
            "text": "candidates",
            "channel_id": "C1",
            "user_id": "U1",
            "team_id": "T0001",
            "response_url": fake.response_url(),
        }
        response = await bot.app.async_dispatch(AsyncBoltRequest(body=payload, mode="socket_mode"))
        assert response.status == 200
        [answer] = await fake.wait_for("respond")
        assert "Kaja Kallas" in block_text(answer.args)
    finally:
        await fake.close()


async def test_errors_reach_the_user_politely_and_secrets_never_reach_the_log(
    slack: tuple[FakeSlack, SlackRuntime], caplog: pytest.LogCaptureFixture
) -> None:
    fake, runtime = slack
    caplog.set_level(logging.DEBUG)
    body = slash(fake, "who-backs")  # missing name: a usage error
    await send(runtime, body, signed(body), "form")
    [answer] = await fake.wait_for("respond")
    assert "needs NAME" in block_text(answer.args) and "Traceback" not in block_text(answer.args)
    assert TOKEN not in caplog.text and SECRET not in caplog.text


async def test_a_slow_answer_is_still_acked_at_once(cli: Cli, db_path: Path) -> None:
    # The model hangs; the digest falls back after the 3 s deadline, yet Slack hears back fast.
    cli.run("ingest", *sorted(str(p) for p in FIXTURES.glob("0*.txt")))
    fake = await FakeSlack().start()
    with FakeOpenAI() as model:
        model.hang(30)
        settings = Settings(
            db_path=db_path,
            slack_bot_token=TOKEN,
            slack_signing_secret=SECRET,
            slack_api_url=fake.api_url,
            llm_base_url=model.base_url,
            llm_timeout_s=3.0,
        )
        runtime = SlackRuntime(chat_core(settings))
        await runtime.start(host="127.0.0.1", port=0)
        try:
            body = slash(fake, "digest")
            started = time.monotonic()
            response = await send(runtime, body, signed(body), "form")
            assert response.status_code == 200 and time.monotonic() - started < 1.5
            [post] = await fake.wait_for("chat.postMessage", timeout=20)
            assert "offline" in block_text(post.args)
        finally:
            await runtime.close()
            await fake.close()


def test_settings_keep_tokens_out_of_their_repr() -> None:
    settings = replace(Settings(), slack_bot_token=TOKEN, slack_signing_secret=SECRET)
    assert TOKEN not in repr(settings) and SECRET not in repr(settings)


async def test_only_workspace_admins_change_subscriptions(
    slack: tuple[FakeSlack, SlackRuntime],
) -> None:
    fake, runtime = slack
    fake.admins.add("UADMIN")
    for count, (user, expected) in enumerate(
        [("U1", "only people who manage this channel"), ("UADMIN", "Subscribed")], start=1
    ):
        body = slash(fake, "subscribe 08:00 Europe/Paris", user=user)
        assert (await send(runtime, body, signed(body), "form")).status_code == 200
        answer = (await fake.wait_for("respond", count))[-1]
        assert expected in block_text(answer.args), user
    body = slash(fake, "subscriptions", user="U1")  # anyone may look
    await send(runtime, body, signed(body), "form")
    answer = (await fake.wait_for("respond", 3))[-1]
    assert "08:00 Europe/Paris" in block_text(answer.args)


@pytest.mark.parametrize(
    ("body", "kind"),
    [("{not json", "json"), ("payload=%7Bnot+json", "form"), ("\udcff", "json")],
    ids=["broken json", "broken form payload", "not utf-8"],
)
@pytest.mark.parametrize("signing", ["unsigned", "garbage timestamp", "signed"])
async def test_malformed_bodies_get_a_polite_4xx_and_no_traceback(
    slack: tuple[FakeSlack, SlackRuntime],
    caplog: pytest.LogCaptureFixture,
    body: str,
    kind: str,
    signing: str,
) -> None:
    # Attack: a malformed body was parsed before the signature was checked: HTTP 500 and a
    # traceback in the log for anyone who can reach the port.
    _, runtime = slack
    raw = body.encode("utf-8", "surrogateescape")
    text = raw.decode("utf-8", "replace")
    headers = {
        "unsigned": {},
        "garbage timestamp": {"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=x"},
        "signed": signed(text),
    }[signing]
    content_type = "application/json" if kind == "json" else "application/x-www-form-urlencoded"
    with caplog.at_level(logging.DEBUG):
        async with httpx.AsyncClient(trust_env=False) as client:
            response = await client.post(
                f"http://127.0.0.1:{runtime.port}/slack/events",
                content=raw,
                headers={**headers, "Content-Type": content_type},
                timeout=10,
            )
    valid = signing == "signed" and raw == text.encode()
    assert response.status_code == (400 if valid else 401), response.text
    assert len(response.text) < 100
    assert not [record for record in caplog.records if record.exc_info]
    assert "Traceback" not in caplog.text
