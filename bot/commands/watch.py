"""`watch add URL | list | remove NAME | now [NAME]`: feeds and pages the bot polls by itself
(while `natosg run` runs), keeping what is about the race. Changes are for admins."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from bot.dispatch import UserError
from bot.ingest.netguard import AddressPolicy, FetchError, FetchRefused, check_url
from bot.registry import CommandContext
from bot.reply import Line, Reply, Section, message_reply
from bot.watch.polling import PollReport, WatchPolling
from bot.watch.suggested import SUGGESTED
from bot.watch.timing import IntervalError, describe_every, is_failing_long, parse_every
from storage.watches import Watch, add_watch, all_watches, find_watch, remove_watch

ACTIONS = ("add", "list", "remove", "now")
_NAME = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,39}\Z")
_USAGE = "Usage: `watch add URL [--every 30m] [--name NAME]`, `watch list`, `watch remove NAME`, "
_USAGE += "`watch now [NAME]`."


def _when(text: str | None) -> str:
    if not text:
        return "never"
    return datetime.fromisoformat(text).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _policy(ctx: CommandContext) -> AddressPolicy:
    return AddressPolicy.from_env(ctx.settings.fetch_allow)


def _default_name(url: str, taken: set[str]) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "source").removeprefix("www.")
    words = [w for w in re.split(r"[^A-Za-z0-9]+", parts.path) if w][-1:]
    base = "-".join([host, *words])[:36].strip("-.") or "source"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    return name


def _suggested() -> Reply:
    lines = tuple(Line(f"{s.name}: {s.url} ({s.note})") for s in SUGGESTED)
    return Reply(
        command="watch",
        title="Suggested sources for the race (none is watched until you add it)",
        sections=(Section(None, lines),),
        note="Add one with `watch add URL --name NAME`; every item is filtered to the race.",
        data={"suggested": [{"name": s.name, "url": s.url, "note": s.note} for s in SUGGESTED]},
    )


def _unwrap(text: str) -> str:
    """A URL as typed: Slack sends `<https://…|label>` for a link in a message."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].split("|", 1)[0]
    return text


def _add(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    if values.get("suggested"):
        return _suggested()
    url = _unwrap(str(values.get("target") or ""))
    if not url.casefold().startswith(("http://", "https://")):
        raise UserError("`watch add` needs an http(s) URL of a feed or a page.", hint=_USAGE)
    try:
        every = parse_every(values.get("every"))
        check_url(url, _policy(ctx))
    except IntervalError as exc:
        raise UserError(str(exc)) from exc
    except FetchRefused as exc:
        raise UserError(f"I won't watch that URL: {exc.reason}") from exc
    except FetchError:
        pass  # a host that does not resolve now may later; each poll checks again
    name = values.get("name")
    now = (ctx.now or datetime.now(UTC)).isoformat(timespec="seconds")
    with ctx.archive.session() as session:
        taken = {w.name for w in all_watches(session.db)}
        if name is not None and not _NAME.match(str(name)):
            raise UserError("A name is 1 to 40 letters, digits, dots, dashes or underscores.")
        chosen = str(name) if name else _default_name(url, taken)
        watch = add_watch(session.db, chosen, url, int(every.total_seconds()), ctx.user, now)
    if watch is None:
        raise UserError(f"Already watched: a source named `{chosen}` or this URL.")
    return message_reply(
        "watch",
        f"Watching {watch.name}",
        f"#{watch.id} {watch.url}, every {describe_every(watch.every_s)}.",
        "`natosg run` polls it from its next tick; `watch now` polls it at once.",
        data={"watch": _entry(watch)},
    )


def _entry(watch: Watch) -> dict[str, object]:
    return {
        "id": watch.id,
        "name": watch.name,
        "url": watch.url,
        "every": describe_every(watch.every_s),
        "kind": watch.kind,
        "last_fetch_at": watch.last_fetch_at,
        "last_outcome": watch.last_outcome,
        "last_new_at": watch.last_new_at,
        "next_poll_at": watch.next_poll_at,
        "last_error": watch.last_error,
        "failing_since": watch.failing_since,
        "errors": watch.errors,
        "kept": watch.kept,
        "skipped": watch.skipped,
    }


def _describe(watch: Watch, now: datetime) -> Section:
    kind = watch.kind or "not read yet"
    heading = f"#{watch.id} {watch.name} ({kind}, every {describe_every(watch.every_s)})"
    fetched = _when(watch.last_fetch_at)
    if watch.last_outcome:
        fetched += f" ({watch.last_outcome})"
    lines = [
        Line(watch.url),
        Line(f"last fetch {fetched}; last new article {_when(watch.last_new_at)}"),
        Line(
            f"next poll {_when(watch.next_poll_at)}; {watch.kept} kept, "
            f"{watch.skipped} off-topic skipped"
        ),
    ]
    if watch.last_error:
        long = is_failing_long(watch.failing_since, now)
        since = f"failing since {_when(watch.failing_since)}" if long else "error"
        lines.append(Line(f"{since} ({watch.errors} in a row): {watch.last_error}"))
    return Section(heading, tuple(lines), style="paragraph")


def _list(ctx: CommandContext) -> Reply:
    now = ctx.now or datetime.now(UTC)
    with ctx.archive.session() as session:
        watches = all_watches(session.db)
    if not watches:
        return message_reply(
            "watch",
            "No watched sources",
            "Nothing is watched. `watch add URL` adds a feed or a page; "
            "`watch add --suggested` lists some for the race.",
            data={"watches": []},
        )
    return Reply(
        command="watch",
        title=f"Watched sources: {len(watches)}",
        sections=tuple(_describe(watch, now) for watch in watches),
        data={"watches": [_entry(w) for w in watches]},
    )


def _find(ctx: CommandContext, values: Mapping[str, Any]) -> Watch:
    target = str(values.get("target") or "").strip()
    with ctx.archive.session() as session:
        watch = find_watch(session.db, target) if target else None
    if watch is None:
        raise UserError(f"No watched source called “{target[:60]}”.", hint="See `watch list`.")
    return watch


def _remove(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    watch = _find(ctx, values)
    with ctx.archive.session() as session:
        remove_watch(session.db, watch.id)
    return message_reply(
        "watch",
        f"Stopped watching {watch.name}",
        f"#{watch.id} {watch.url} is no longer polled; its articles stay stored.",
        data={"removed": watch.id},
    )


def _report_line(report: PollReport) -> Line:
    if report.error:
        return Line(f"{report.name}: {report.outcome}: {report.error}")
    text = f"{report.name}: {report.outcome}"
    if report.added:
        text += f", {len(report.added)} new " + (
            "article" if len(report.added) == 1 else "articles"
        )
    if report.off_topic:
        text += f", {report.off_topic} off-topic skipped"
    if report.item_errors:
        text += f", {report.item_errors} not readable"
    if report.left_for_later:
        text += f", {report.left_for_later} left for the next poll"
    return Line(text)


def _now(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    if values.get("target"):
        watches = [_find(ctx, values)]
    else:
        with ctx.archive.session() as session:
            watches = all_watches(session.db)
    if not watches:
        raise UserError("Nothing is watched yet.", hint=_USAGE)
    polling = WatchPolling(ctx.archive, _policy(ctx))
    reports = [polling.poll(watch) for watch in watches]
    added = sum(len(r.added) for r in reports)
    return Reply(
        command="watch",
        title=f"Polled {len(reports)} source{'s' if len(reports) != 1 else ''}: {added} new",
        sections=(Section(None, tuple(_report_line(r) for r in reports)),),
        data={"polled": [r.to_json() for r in reports], "added": added},
        ok=all(r.error is None for r in reports),
    )


def handle_watch(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """Add, list, remove or poll the watched sources."""
    action = str(values.get("action") or "list").casefold()
    if values.get("suggested") and action != "add":
        raise UserError("`--suggested` goes with `watch add`.", hint=_USAGE)
    if action == "add":
        return _add(ctx, values)
    if action == "list":
        return _list(ctx)
    if action == "remove":
        return _remove(ctx, values)
    if action == "now":
        return _now(ctx, values)
    raise UserError(f"`watch` can add, list, remove or poll now, not “{action[:30]}”.", _USAGE)
