"""Discord: the bot token accepted (`GET /users/@me`) and the privileged intents the settings
rely on enabled for the application (`GET /applications/@me`, its `flags`).

The bot asks the gateway for the default intents, plus Message Content when
`DISCORD_MESSAGE_CONTENT=1`; it never needs Server Members or Presence (admins are told apart
by the permissions Discord sends with each interaction). Discord closes the gateway with
4014 when a privileged intent is asked for but not enabled, so that is checked before `run`.
"""

from __future__ import annotations

import httpx

from bot.config import DEFAULT_DISCORD_API_URL, Settings
from bot.doctor import CHECK_TIMEOUT_S, Check, failed, passed

# Application flags (Discord's application object): a privileged intent is enabled when the
# app is verified for it or, for a bot in under 100 servers, "limited" (the portal's toggle).
GATEWAY_MESSAGE_CONTENT = 1 << 18
GATEWAY_MESSAGE_CONTENT_LIMITED = 1 << 19
BOT_PAGE = "discord.com/developers/applications → your application → Bot"


def discord_checks(settings: Settings, client: httpx.Client) -> list[Check]:
    """Every Discord check that applies (none when no token is set)."""
    token = settings.discord_token
    if not token:
        return []
    base = (settings.discord_api_url or DEFAULT_DISCORD_API_URL).rstrip("/")
    headers = {"Authorization": f"Bot {token}"}
    try:
        me = client.get(f"{base}/users/@me", headers=headers, timeout=CHECK_TIMEOUT_S)
        if me.status_code in (401, 403):
            return [
                failed(
                    f"Discord: DISCORD_TOKEN was refused (HTTP {me.status_code}); on {BOT_PAGE} "
                    "choose Reset Token and put the new token in DISCORD_TOKEN"
                )
            ]
        if me.status_code != 200:
            return [failed(f"Discord API at {base}: answers HTTP {me.status_code}; try later")]
        app = client.get(f"{base}/applications/@me", headers=headers, timeout=CHECK_TIMEOUT_S)
    except httpx.HTTPError as exc:
        return [failed(f"Discord API at {base}: not reachable ({type(exc).__name__})")]
    name = _field(me, "username") or "the bot"
    checks = [passed(f"Discord: token accepted ({name}); `natosg discord-sync` registers /natosg")]
    flags = _flags(app)
    if flags is None:
        return [
            *checks,
            failed(
                f"Discord: the application's settings could not be read (HTTP "
                f"{app.status_code}), so its intents are unchecked; try again later"
            ),
        ]
    return [*checks, _message_content_check(settings, flags)]


def _field(response: httpx.Response, key: str) -> str | None:
    try:
        data = response.json()
    except ValueError:
        return None
    value = data.get(key) if isinstance(data, dict) else None
    return str(value) if isinstance(value, str) else None


def _flags(response: httpx.Response) -> int | None:
    if response.status_code != 200:
        return None
    try:
        data = response.json()
    except ValueError:
        return None
    flags = data.get("flags") if isinstance(data, dict) else None
    return flags if isinstance(flags, int) else None


def _message_content_check(settings: Settings, flags: int) -> Check:
    enabled = bool(flags & (GATEWAY_MESSAGE_CONTENT | GATEWAY_MESSAGE_CONTENT_LIMITED))
    wanted = settings.discord_message_content
    if wanted and not enabled:
        return failed(
            "Discord: DISCORD_MESSAGE_CONTENT=1 but the Message Content intent is not enabled, "
            f"so Discord would refuse the connection (4014); turn it on under {BOT_PAGE} → "
            "Privileged Gateway Intents → Message Content Intent, or set DISCORD_MESSAGE_CONTENT=0"
        )
    if wanted:
        return passed("Discord: Message Content intent enabled; plain thread messages answered")
    if enabled:
        return passed(
            "Discord: Message Content intent enabled but unused; set DISCORD_MESSAGE_CONTENT=1 "
            "to answer plain messages in digest threads (now only mentions are)"
        )
    return passed(
        "Discord: no privileged intent needed (only messages that mention the bot are "
        "answered in threads; see docs/discord.md to answer every message)"
    )
