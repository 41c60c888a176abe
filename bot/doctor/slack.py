"""Slack: the bot token accepted (`auth.test`) with every scope the bot uses, and the app
token (Socket Mode) accepted. Slack lists a token's scopes in the `x-oauth-scopes` header of
every Web API answer; they are compared with `BOT_SCOPES`, derived from what the adapter
calls and listens to (docs/slack-manifest.yml asks for the same, a test keeps them equal)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import httpx

from bot.config import DEFAULT_SLACK_API_URL, Settings
from bot.doctor import CHECK_TIMEOUT_S, Check, failed, passed

SCOPES_PAGE = "api.slack.com/apps → your app → OAuth & Permissions → Bot Token Scopes"
TOKENS_PAGE = "api.slack.com/apps → your app → OAuth & Permissions → Bot User OAuth Token"
APP_TOKENS_PAGE = "api.slack.com/apps → your app → Basic Information → App-Level Tokens"


@dataclass(frozen=True)
class Scope:
    """A bot token scope natosg needs, and what for."""

    name: str
    used_for: str


BOT_SCOPES = (
    Scope("commands", "the /natosg slash command"),
    Scope("chat:write", "posting answers, digests and alerts (chat.postMessage)"),
    Scope("app_mentions:read", "answering @natosg mentions (app_mention events)"),
    Scope(
        "channels:history",
        "follow-ups in a digest's thread in public channels (message.channels) and finding "
        "a digest already posted after a restart (conversations.history)",
    ),
    Scope("groups:history", "the same in private channels (message.groups)"),
    Scope("users:read", "telling workspace admins apart for subscribe and watch (users.info)"),
)
_ERROR_CODE = re.compile(r"[a-z_]{1,60}")


def slack_checks(settings: Settings, client: httpx.Client) -> list[Check]:
    """Every Slack check that applies to the settings (none when no bot token is set)."""
    if not settings.slack_bot_token:
        if settings.slack_app_token or settings.slack_signing_secret:
            return [
                failed(
                    "Slack: SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN "
                    f"is not, so Slack won't start; copy the Bot User OAuth Token (xoxb-…) from "
                    f"{TOKENS_PAGE}"
                )
            ]
        return []
    base = (settings.slack_api_url or DEFAULT_SLACK_API_URL).rstrip("/") + "/"
    checks = [_mode_check(settings)]
    checks += _bot_token_checks(client, base, settings.slack_bot_token)
    if settings.slack_app_token:
        checks.append(_app_token_check(client, base, settings.slack_app_token))
    return checks


def _mode_check(settings: Settings) -> Check:
    if settings.slack_app_token:
        return passed("Slack: Socket Mode (SLACK_APP_TOKEN set)")
    if settings.slack_signing_secret:
        return passed(
            "Slack: HTTP mode (SLACK_SIGNING_SECRET set; Slack checks it on every request, so "
            f"it cannot be tested from here); listening on {settings.slack_host}:"
            f"{settings.slack_port}, GET /healthz answers there"
        )
    return failed(
        "Slack: bot token set but neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET: Slack won't "
        f"start. Set SLACK_APP_TOKEN for Socket Mode ({APP_TOKENS_PAGE}, scope "
        "connections:write) or SLACK_SIGNING_SECRET for HTTP mode (Basic Information → "
        "App Credentials)"
    )


def _call(client: httpx.Client, base: str, method: str, token: str) -> httpx.Response:
    return client.post(
        base + method, headers={"Authorization": f"Bearer {token}"}, timeout=CHECK_TIMEOUT_S
    )


def _slack_error(response: httpx.Response) -> str | None:
    """Slack's error code when the call failed (None when it succeeded)."""
    if response.status_code == 429:
        return "ratelimited"
    try:
        data = response.json()
    except ValueError:
        return f"HTTP {response.status_code}, not a Web API answer"
    if isinstance(data, dict) and data.get("ok") is True:
        return None
    code = str(data.get("error", "")) if isinstance(data, dict) else ""
    return code if _ERROR_CODE.fullmatch(code) else f"HTTP {response.status_code}"


def _bot_token_checks(client: httpx.Client, base: str, token: str) -> list[Check]:
    try:
        response = _call(client, base, "auth.test", token)
    except httpx.HTTPError as exc:
        return [failed(f"Slack Web API at {base}: not reachable ({type(exc).__name__})")]
    error = _slack_error(response)
    if error is not None:
        return [
            failed(
                f"Slack: SLACK_BOT_TOKEN was refused ({error}); copy the Bot User OAuth Token "
                f"(xoxb-…) from {TOKENS_PAGE}, after installing the app to the workspace"
            )
        ]
    data = response.json()
    who = f"{data.get('user', 'the bot')} in {data.get('team', 'the workspace')}"
    checks = [passed(f"Slack: bot token accepted ({who})")]
    return checks + _scope_checks(response.headers.get("x-oauth-scopes"))


def _scope_checks(header: str | None) -> list[Check]:
    if header is None:
        return [
            passed(
                "Slack: the token's scopes were not listed by this Web API; compare them with "
                "docs/slack-manifest.yml by hand"
            )
        ]
    granted = {scope.strip() for scope in header.split(",") if scope.strip()}
    missing = [scope for scope in BOT_SCOPES if scope.name not in granted]
    if not missing:
        names = ", ".join(scope.name for scope in BOT_SCOPES)
        return [passed(f"Slack: every scope the bot needs is granted ({names})")]
    return [
        failed(
            f"Slack: scope {scope.name} is missing, needed for {scope.used_for}; add it under "
            f"{SCOPES_PAGE} and reinstall the app to the workspace"
        )
        for scope in missing
    ]


def _app_token_check(client: httpx.Client, base: str, token: str) -> Check:
    """`apps.connections.open` is what Socket Mode calls first; its URL is left unused."""
    try:
        response = _call(client, base, "apps.connections.open", token)
    except httpx.HTTPError as exc:
        return failed(f"Slack Web API at {base}: not reachable ({type(exc).__name__})")
    error = _slack_error(response)
    if error is None:
        return passed("Slack: app token accepted (Socket Mode can connect)")
    return failed(
        f"Slack: SLACK_APP_TOKEN was refused ({error}); make an app-level token (xapp-…) with "
        f"the connections:write scope under {APP_TOKENS_PAGE}, and turn on Socket Mode"
    )
