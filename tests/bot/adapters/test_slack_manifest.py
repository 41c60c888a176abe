"""The Slack app manifest in the repo asks for what the adapter uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MANIFEST = Path(__file__).parents[3] / "docs" / "slack-manifest.yml"


def test_the_manifest_has_the_command_scopes_and_events_the_adapter_needs() -> None:
    manifest: dict[str, Any] = yaml.safe_load(MANIFEST.read_text())
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/natosg"]
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {
        "commands",
        "chat:write",
        "app_mentions:read",
        "channels:history",
        "groups:history",
    } <= scopes
    assert "users:read" in scopes  # users.info, to tell workspace admins for subscriptions
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert events == {"app_mention", "message.channels", "message.groups"}
    assert manifest["settings"]["socket_mode_enabled"] is True
