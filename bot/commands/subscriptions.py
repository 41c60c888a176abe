"""`subscribe HH:MM [TZ]`, `unsubscribe`, `subscriptions`: a channel's daily digest."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.dispatch import UserError
from bot.registry import Argument, Command, CommandContext, Surface
from bot.reply import Reply, message_reply
from bot.schedule.times import DailyTime, ScheduleError, daily_time, next_fire
from storage.subscriptions import all_subscriptions, subscribe, subscription_for, unsubscribe
from summarizer.text.wording import human_day

CHAT_SURFACES: frozenset[Surface] = frozenset({"slack", "discord", "console", "cli"})


def _where(ctx: CommandContext) -> tuple[str, str]:
    # The CLI manages the console's subscription: both print to this terminal.
    if ctx.surface in ("cli", "console"):
        return "console", "console"
    if not ctx.channel:
        raise UserError("I can't tell which channel this is; ask me in the channel itself.")
    return ctx.surface, ctx.channel


def _next_text(when: DailyTime, now: datetime) -> str:
    fire = next_fire(when, now).astimezone(ZoneInfo(when.zone))
    return f"{human_day(fire.date().isoformat())}, {fire:%H:%M} {fire.tzname()}"


def handle_subscribe(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """Post the digest in this channel every day at a local time."""
    try:
        when = daily_time(str(values.get("time") or ""), values.get("zone"))
    except ScheduleError as exc:
        raise UserError(
            str(exc), hint="Usage: `subscribe HH:MM [TZ]`, e.g. `subscribe 08:00 Europe/Paris`."
        ) from exc
    surface, channel = _where(ctx)
    now = ctx.now or datetime.now(UTC)
    with ctx.archive.session() as session:
        db = session.db
        sub, new = subscribe(
            db,
            surface,
            channel,
            when.hour,
            when.minute,
            when.zone,
            ctx.user,
            now.isoformat(timespec="seconds"),
        )
    ctx.archive.subscriptions_changed()
    verb = "Subscribed" if new else "Moved"
    return message_reply(
        "subscribe",
        f"{verb}: daily digest at {when.label}",
        f"This channel gets the digest every day at {when.label}. Next: {_next_text(when, now)}.",
        "Days without new articles get one line instead of a repeat. `unsubscribe` stops it.",
        data={
            "subscription_id": sub.id,
            "time": f"{when.hour:02d}:{when.minute:02d}",
            "zone": when.zone,
            "new": new,
        },
    )


def handle_unsubscribe(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """Stop this channel's daily digest."""
    surface, channel = _where(ctx)
    with ctx.archive.session() as session:
        db = session.db
        removed = unsubscribe(db, surface, channel)
    if removed is None:
        return message_reply(
            "unsubscribe",
            "Not subscribed",
            "This channel has no daily digest to stop.",
            data={"removed": False},
        )
    ctx.archive.subscriptions_changed()
    label = DailyTime(removed.hour, removed.minute, removed.timezone).label
    return message_reply(
        "unsubscribe",
        "Unsubscribed",
        f"The daily digest at {label} is stopped for this channel.",
        data={"removed": True},
    )


def handle_subscriptions(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """This channel's subscription (and, for admins on the CLI, every one)."""
    surface, channel = _where(ctx)
    now = ctx.now or datetime.now(UTC)
    with ctx.archive.session() as session:
        db = session.db
        subs = all_subscriptions(db) if ctx.surface == "cli" else []
        own = subscription_for(db, surface, channel)
    shown = subs or ([own] if own else [])
    if not shown:
        return message_reply(
            "subscriptions",
            "No daily digest here",
            "This channel has no daily digest. `subscribe 08:00 Europe/Paris` starts one.",
            data={"subscriptions": []},
        )
    lines, entries = [], []
    for sub in shown:
        when = DailyTime(sub.hour, sub.minute, sub.timezone)
        lines.append(
            f"{sub.surface} {sub.channel}: every day at {when.label} "
            f"(next: {_next_text(when, now)})"
        )
        entries.append(
            {
                "id": sub.id,
                "surface": sub.surface,
                "channel": sub.channel,
                "time": f"{sub.hour:02d}:{sub.minute:02d}",
                "zone": sub.timezone,
            }
        )
    return message_reply("subscriptions", "Daily digests", *lines, data={"subscriptions": entries})


SUBSCRIBE = Command(
    name="subscribe",
    summary="Post the digest in this channel every day at HH:MM (IANA zone, default UTC).",
    handler=handle_subscribe,
    arguments=(
        Argument("time", "local time, HH:MM", required=True, metavar="HH:MM"),
        Argument("zone", "IANA time zone, e.g. Europe/Paris (default UTC)", metavar="TZ"),
    ),
    surfaces=CHAT_SURFACES,
    admin_only=True,
    examples=("subscribe 08:00 Europe/Paris", "subscribe 7:30"),
)
UNSUBSCRIBE = Command(
    name="unsubscribe",
    summary="Stop this channel's daily digest.",
    handler=handle_unsubscribe,
    surfaces=CHAT_SURFACES,
    admin_only=True,
    examples=("unsubscribe",),
)
SUBSCRIPTIONS = Command(
    name="subscriptions",
    summary="When this channel gets its daily digest.",
    handler=handle_subscriptions,
    surfaces=CHAT_SURFACES,
    examples=("subscriptions",),
)
