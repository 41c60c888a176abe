"""Every core command as users see it: its name, help, arguments and permissions.

Declaring a command imports nothing of the work behind it: each handler here imports the
module that answers it when it is first called. So `natosg --help`, or a stored answer,
never pays for the ingest readers, the model client or the schedulers it does not use.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.registry import Argument, Command, CommandContext, Surface
from bot.reply import Reply

CHAT_SURFACES: frozenset[Surface] = frozenset({"slack", "discord", "console", "cli"})


def _stance_arguments() -> tuple[Argument, ...]:
    return (
        Argument(
            "name",
            "the candidate (any spelling)",
            required=True,
            variadic=True,
            metavar="NAME",
            autocomplete="candidate",
        ),
        Argument("as_of", "answer as of this day (YYYY-MM-DD)", kind="option", metavar="DATE"),
    )


def handle_who_backs(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """`who-backs`, answered by `bot.commands.stances`."""
    from bot.commands.stances import handle_who_backs as handle

    return handle(ctx, values)


WHO_BACKS = Command(
    name="who-backs",
    summary="Who supports a candidate now, since when, with the evidence; who switched.",
    handler=handle_who_backs,
    arguments=_stance_arguments(),
    examples=("who-backs Rutte", "who-backs Kallas --as-of 2024-03-01"),
)


def handle_who_opposes(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """`who-opposes`, answered by `bot.commands.stances`."""
    from bot.commands.stances import handle_who_opposes as handle

    return handle(ctx, values)


WHO_OPPOSES = Command(
    name="who-opposes",
    summary="Who opposes, blocks or holds out against a candidate, and on what grounds.",
    handler=handle_who_opposes,
    arguments=_stance_arguments(),
    examples=("who-opposes Rutte",),
)


def handle_candidates(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """`candidates`, answered by `bot.commands.race`."""
    from bot.commands.race import handle_candidates as handle

    return handle(ctx, values)


CANDIDATES = Command(
    name="candidates",
    summary="Every candidate the articles reveal: status, first and last seen.",
    handler=handle_candidates,
    examples=("candidates",),
)


def handle_timeline(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """`timeline`, answered by `bot.commands.race`."""
    from bot.commands.race import handle_timeline as handle

    return handle(ctx, values)


TIMELINE = Command(
    name="timeline",
    summary="What happened, oldest first: each event once, with its sources, cited.",
    handler=handle_timeline,
    arguments=(
        Argument(
            "name",
            "only events about this candidate",
            variadic=True,
            metavar="NAME",
            autocomplete="candidate",
        ),
        Argument("holder", "only this government's stances", kind="option", autocomplete="actor"),
        Argument("since", "only events on or after this day", kind="option", metavar="DATE"),
        Argument("until", "only events on or before this day", kind="option", metavar="DATE"),
        Argument("page", "which page of events (50 a page)", kind="option", metavar="N"),
    ),
    examples=("timeline", "timeline Iohannis", "timeline --holder Turkey", "timeline --page 2"),
)


def handle_digest(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """`digest`, answered by `bot.commands.digest`."""
    from bot.commands.digest import handle_digest as handle

    return handle(ctx, values)


DIGEST = Command(
    name="digest",
    summary="Today's cited digest of the race (reused until new articles arrive).",
    handler=handle_digest,
    arguments=(Argument("rebuild", "build a new digest even if today's is current", kind="flag"),),
    public_by_default=True,
    # A rebuilt digest is posted for the whole channel to see: only its managers may ask.
    admin_flags=frozenset({"rebuild"}),
    examples=("digest", "digest --rebuild"),
)


def handle_ask(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """`ask`, answered by `bot.commands.ask.command`."""
    from bot.commands.ask.command import handle_ask as handle

    return handle(ctx, values)


ASK = Command(
    name="ask",
    summary="A cited answer from the articles, or a plain “my sources don't cover that”.",
    handler=handle_ask,
    arguments=(
        Argument("question", "your question, in words", required=True, variadic=True),
        Argument(
            "thread",
            "continue this conversation (chat threads pass their own)",
            kind="option",
            metavar="KEY",
        ),
    ),
    examples=(
        "ask who backs Rutte?",
        "ask is Turkey on board? --thread t1",
        "ask and Hungary? --thread t1",
    ),
)


def handle_subscribe(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """`subscribe`, answered by `bot.commands.subscriptions`."""
    from bot.commands.subscriptions import handle_subscribe as handle

    return handle(ctx, values)


SUBSCRIBE = Command(
    name="subscribe",
    summary=(
        "Post the digest in this channel every day at HH:MM (IANA zone, default UTC); "
        "`subscribe alerts`: be told at once when the race changes."
    ),
    handler=handle_subscribe,
    arguments=(
        Argument("time", "local time, HH:MM (or `alerts`)", required=True, metavar="HH:MM"),
        Argument("zone", "IANA time zone, e.g. Europe/Paris (default UTC)", metavar="TZ"),
    ),
    surfaces=CHAT_SURFACES,
    admin_only=True,
    examples=("subscribe 08:00 Europe/Paris", "subscribe 7:30", "subscribe alerts"),
)


def handle_unsubscribe(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """`unsubscribe`, answered by `bot.commands.subscriptions`."""
    from bot.commands.subscriptions import handle_unsubscribe as handle

    return handle(ctx, values)


UNSUBSCRIBE = Command(
    name="unsubscribe",
    summary="Stop this channel's daily digest (`unsubscribe alerts`: its alerts).",
    handler=handle_unsubscribe,
    arguments=(Argument("what", "`alerts` to stop the alerts instead", metavar="alerts"),),
    surfaces=CHAT_SURFACES,
    admin_only=True,
    examples=("unsubscribe", "unsubscribe alerts"),
)


def handle_subscriptions(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """`subscriptions`, answered by `bot.commands.subscriptions`."""
    from bot.commands.subscriptions import handle_subscriptions as handle

    return handle(ctx, values)


SUBSCRIPTIONS = Command(
    name="subscriptions",
    summary="When this channel gets its daily digest.",
    handler=handle_subscriptions,
    surfaces=CHAT_SURFACES,
    examples=("subscriptions",),
)


def handle_sources(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """`sources`, answered by `bot.commands.sources`."""
    from bot.commands.sources import handle_sources as handle

    return handle(ctx, values)


SOURCES = Command(
    name="sources",
    summary="The articles I know: outlet, title, date and how it was found, overlaps.",
    handler=handle_sources,
    examples=("sources",),
)


def handle_claims(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """`claims`, answered by `bot.commands.claims`."""
    from bot.commands.claims import handle_claims as handle

    return handle(ctx, values)


CLAIMS = Command(
    name="claims",
    summary=(
        "How each sentence of some articles was read (default: the newest five): holder, "
        "stance or event, candidate, how it was said, its date, and whether it counts."
    ),
    handler=handle_claims,
    arguments=(
        Argument(
            "article_ids",
            "article ids, as `sources` lists them",
            variadic=True,
            metavar="ARTICLE_ID",
        ),
    ),
    examples=("claims", "claims 3 4"),
)


def handle_ingest(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """`ingest`, answered by `bot.commands.ingest`."""
    from bot.commands.ingest import handle_ingest as handle

    return handle(ctx, values)


INGEST = Command(
    name="ingest",
    summary="Add articles from files, folders (recursively), URLs or RSS/Atom feeds.",
    handler=handle_ingest,
    arguments=(
        Argument(
            "inputs",
            "files (.txt, .md, .html, .json), folders, http(s) URLs or feed URLs",
            required=True,
            variadic=True,
            metavar="PATH_OR_URL",
        ),
    ),
    surfaces=frozenset({"cli", "console"}),
    examples=("ingest seeds/", "ingest https://example.org/feed.xml"),
)


def handle_watch(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """`watch`, answered by `bot.commands.watch`."""
    from bot.commands.watch import handle_watch as handle

    return handle(ctx, values)


WATCH = Command(
    name="watch",
    summary=(
        "Feeds and pages polled by `natosg run`, kept when about the race: "
        "`watch add URL`, `watch list`, `watch remove NAME`, `watch now`."
    ),
    handler=handle_watch,
    arguments=(
        Argument(
            "action", "add, list, remove or now (default list)", metavar="add|list|remove|now"
        ),
        Argument("target", "the URL to add, or a watch's name or number", metavar="URL_OR_NAME"),
        Argument(
            "every",
            "how often to poll: 30m, 2h, 1d (default 30m)",
            kind="option",
            metavar="INTERVAL",
        ),
        Argument("name", "a short name for the new source", kind="option"),
        Argument("suggested", "list suggested public feeds for the race", kind="flag"),
    ),
    admin_words=frozenset({"add", "remove", "now"}),
    examples=(
        "watch add https://example.org/nato.xml --every 30m --name example",
        "watch list",
        "watch now example",
        "watch add --suggested",
    ),
)


def handle_rebuild_claims(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """`rebuild-claims`, answered by `bot.commands.maintenance`."""
    from bot.commands.maintenance import handle_rebuild_claims as handle

    return handle(ctx, values)


REBUILD_CLAIMS = Command(
    name="rebuild-claims",
    summary="Re-derive every claim from the stored sentences (after upgrading the rules).",
    handler=handle_rebuild_claims,
    surfaces=frozenset({"cli"}),
    examples=("rebuild-claims",),
)


def handle_backup(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """`backup`, answered by `bot.commands.operations`."""
    from bot.commands.operations import handle_backup as handle

    return handle(ctx, values)


BACKUP = Command(
    name="backup",
    summary="Copy the database consistently to PATH, even while the bot runs.",
    handler=handle_backup,
    arguments=(Argument("path", "a new file for the copy", required=True, metavar="PATH"),),
    surfaces=frozenset({"cli"}),
    examples=("backup natosg-2026-12-05.db",),
)


def handle_doctor(ctx: CommandContext, values: Mapping[str, Any]) -> Reply:
    """`doctor`, answered by `bot.commands.operations`."""
    from bot.commands.operations import handle_doctor as handle

    return handle(ctx, values)


DOCTOR = Command(
    name="doctor",
    summary=(
        "Check the database, Slack and Discord (tokens, scopes, intents) and the model "
        "endpoint; say what to fix."
    ),
    handler=handle_doctor,
    surfaces=frozenset({"cli"}),
    examples=("doctor",),
)
