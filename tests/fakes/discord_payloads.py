"""Discord API objects for the fake Discord server and the tests: ids, users, the guild,
channels, threads, messages and interactions, with the fields discord.py 2.7 reads."""

from __future__ import annotations

from typing import Any

JSON = dict[str, Any]

APPLICATION_ID = BOT_ID = 1_100_000_000_000_000_001
GUILD_ID = 1_100_000_000_000_000_002
CHANNEL_ID = 1_100_000_000_000_000_003
OTHER_CHANNEL_ID = 1_100_000_000_000_000_004
USER_ID = 1_100_000_000_000_000_005
OWNER_ID = 1_100_000_000_000_000_006
COMMAND_ID = 1_100_000_000_000_000_007
TIMESTAMP = "2024-05-04T08:00:00.000000+00:00"
# view channel, send messages, embed links, read history, use app commands, public threads,
# send messages in threads
MEMBER_PERMISSIONS = sum(1 << bit for bit in (10, 11, 14, 16, 31, 35, 38))
MANAGE_CHANNELS = 1 << 4


def user(user_id: int, name: str, *, bot: bool = False) -> JSON:
    """A user object."""
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": name.title(),
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
    }


BOT = user(BOT_ID, "natosg", bot=True)
USER = user(USER_ID, "analyst")


def member_part(permissions: int | None = None) -> JSON:
    """The member fields Discord sends next to a user (in interactions, with permissions)."""
    part: JSON = {"roles": [], "joined_at": TIMESTAMP, "deaf": False, "mute": False, "flags": 0}
    if permissions is not None:
        part["permissions"] = str(permissions)
    return part


def application() -> JSON:
    """The bot's application, as `GET /oauth2/applications/@me` returns it."""
    return {
        "id": str(APPLICATION_ID),
        "name": "natosg",
        "description": "",
        "icon": None,
        "bot_public": True,
        "bot_require_code_grant": False,
        "owner": user(OWNER_ID, "owner"),
        "verify_key": "0" * 64,
        "flags": 0,
    }


def ready(gateway_url: str) -> JSON:
    """The READY dispatch: the bot user, one guild still to come, the resume URL."""
    return {
        "v": 10,
        "user": BOT,
        "guilds": [{"id": str(GUILD_ID), "unavailable": True}],
        "session_id": "fake-session",
        "resume_gateway_url": gateway_url,
        "application": {"id": str(APPLICATION_ID), "flags": 0},
        "shard": [0, 1],
    }


def text_channel(channel_id: int, name: str) -> JSON:
    """A guild text channel."""
    return {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(GUILD_ID),
        "name": name,
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "flags": 0,
    }


def guild(channels: list[JSON]) -> JSON:
    """GUILD_CREATE: the guild, its @everyone role, its channels and two members."""
    everyone = {
        "id": str(GUILD_ID),
        "name": "@everyone",
        "permissions": str(MEMBER_PERMISSIONS),
        "position": 0,
        "color": 0,
        "hoist": False,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }
    return {
        "id": str(GUILD_ID),
        "name": "NATO watchers",
        "owner_id": str(OWNER_ID),
        "unavailable": False,
        "member_count": 2,
        "large": False,
        "roles": [everyone],
        "emojis": [],
        "stickers": [],
        "features": [],
        "channels": [c for c in channels if c["type"] == 0],
        "threads": [c for c in channels if c["type"] == 11],
        "members": [{**member_part(), "user": u} for u in (BOT, USER)],
        "voice_states": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "joined_at": TIMESTAMP,
        "premium_tier": 0,
        "preferred_locale": "en-US",
    }


def thread(thread_id: int, parent_id: int, name: str) -> JSON:
    """A public thread (type 11) with the fields discord.py requires."""
    metadata = {
        "archived": False,
        "auto_archive_duration": 1440,
        "archive_timestamp": TIMESTAMP,
        "locked": False,
        "create_timestamp": TIMESTAMP,
    }
    return {
        "id": str(thread_id),
        "type": 11,
        "guild_id": str(GUILD_ID),
        "parent_id": str(parent_id),
        "owner_id": str(BOT_ID),
        "name": name,
        "last_message_id": None,
        "message_count": 0,
        "member_count": 1,
        "total_message_sent": 0,
        "rate_limit_per_user": 0,
        "flags": 0,
        "thread_metadata": metadata,
    }


def message_object(
    message_id: int,
    channel_id: int,
    author: JSON,
    content: str = "",
    *,
    embeds: list[JSON] | None = None,
    flags: int = 0,
    mentions_bot: bool = False,
) -> JSON:
    """A message object as the REST API returns it."""
    return {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": author,
        "content": content,
        "timestamp": TIMESTAMP,
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [BOT] if mentions_bot else [],
        "mention_roles": [],
        "attachments": [],
        "embeds": embeds or [],
        "pinned": False,
        "type": 0,
        "flags": flags,
    }


def _option(name: str, value: Any, focused: str | None) -> JSON:
    option: JSON = {"name": name, "type": 5 if isinstance(value, bool) else 3, "value": value}
    if name == focused:
        option["focused"] = True
    return option


def interaction(
    interaction_id: int,
    subcommand: str,
    options: JSON,
    *,
    kind: int = 2,
    focused: str | None = None,
    permissions: int = MEMBER_PERMISSIONS,
    channel: JSON | None = None,
    member: JSON | None = None,
) -> JSON:
    """An application command (kind 2) or autocomplete (kind 4) interaction for `/natosg`."""
    channel = channel or text_channel(CHANNEL_ID, "briefings")
    sub = {
        "name": subcommand,
        "type": 1,
        "options": [_option(name, value, focused) for name, value in options.items()],
    }
    return {
        "id": str(interaction_id),
        "application_id": str(APPLICATION_ID),
        "type": kind,
        "token": f"token-{interaction_id}",
        "version": 1,
        "data": {"id": str(COMMAND_ID), "name": "natosg", "type": 1, "options": [sub]},
        "guild_id": str(GUILD_ID),
        "channel_id": channel["id"],
        "channel": channel,
        "member": {**member_part(permissions), "user": member or USER},
        "app_permissions": str(MEMBER_PERMISSIONS),
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"0": str(GUILD_ID)},
        "context": 0,
        "attachment_size_limit": 8_388_608,
    }
