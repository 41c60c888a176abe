"""`subscribe HH:MM [TZ]`, `unsubscribe`, `subscriptions`: a channel's daily digest; and
`subscribe alerts`, `unsubscribe alerts`: a channel told at once when the race changes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.dispatch import UserError
from bot.registry import CommandContext
from bot.reply import Reply, message_reply
from bot.schedule.times import DailyTime, ScheduleError, daily_time, next_fire
from storage.alerts import alert_subscription_for, subscribe_alerts, unsubscribe_alerts
from storage.subscriptions import all_subscriptions, subscribe, subscription_for, unsubscribe
from summarizer.text.wording import human_day


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


ALERTS = "alerts"


def _subscribe_alerts(ctx: CommandContext) -> Reply:
    surface, channel = _where(ctx)
    now = ctx.now or datetime.now(UTC)
    with ctx.archive.session() as session:
        sub, new = subscribe_alerts(
            session.db, surface, channel, ctx.user, now.isoformat(timespec="seconds")
        )
    ctx.archive.subscriptions_changed()
    return message_reply(
        "subscribe",
        "Subscribed: race alerts" if new else "Already subscribed: race alerts",
        "This channel is told at once, with sources, when a government switches its stance "
        "or a candidate enters, is nominated, withdraws, is appointed or takes office.",
        "Only what articles report from now on; `unsubscribe alerts` stops it.",
        data={"alert_subscription_id": sub.id, "new": new},
    )


def handle_subscribe(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """Post the digest in this channel every day at a local time (or, with `alerts`, tell
    the channel at once when the race changes)."""
    if str(values.get("time") or "").strip().casefold() == ALERTS:
        return _subscribe_alerts(ctx)
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
    """Stop this channel's daily digest (or, with `alerts`, its alerts)."""
    surface, channel = _where(ctx)
    what = str(values.get("what") or "").strip().casefold()
    if what and what != ALERTS:
        raise UserError(
            f"I can stop the daily digest or the alerts, not “{what[:40]}”.",
            hint="Usage: `unsubscribe` or `unsubscribe alerts`.",
        )
    if what == ALERTS:
        with ctx.archive.session() as session:
            removed_alerts = unsubscribe_alerts(session.db, surface, channel)
        ctx.archive.subscriptions_changed()
        return message_reply(
            "unsubscribe",
            "Alerts stopped" if removed_alerts else "No alerts here",
            "This channel no longer gets race alerts."
            if removed_alerts
            else "This channel has no race alerts to stop.",
            data={"removed": removed_alerts},
        )
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
        alerts = alert_subscription_for(db, surface, channel)
    shown = subs or ([own] if own else [])
    alert_line = "This channel gets race alerts as changes are reported." if alerts else None
    if not shown and alert_line:
        return message_reply(
            "subscriptions",
            "Race alerts",
            alert_line,
            data={"subscriptions": [], "alerts": True},
        )
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
    if alert_line:
        lines.append(alert_line)
    return message_reply(
        "subscriptions",
        "Daily digests",
        *lines,
        data={"subscriptions": entries, "alerts": alerts is not None},
    )
