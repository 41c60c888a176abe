"""Settings from the environment and an optional `.env` file (the environment wins)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summarizer.llm.service import LLMService

DEFAULT_DB = "natosg.db"
DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_DISCORD_API_URL = "https://discord.com/api/v10"


def _seeds_dir() -> Path:
    """The seed articles shipped with the project (next to the packages in a checkout)."""
    return Path(__file__).resolve().parent.parent / "seeds"


@dataclass(frozen=True)
class Settings:
    """Every setting the bot reads. Secrets are kept out of `repr` so they never reach a log.

    `llm_service` is not read from anywhere: `natosg run` sets it to the process's one LLM
    service (bound to its event loop) so that every command and digest shares one client.
    """

    db_path: Path = Path(DEFAULT_DB)
    seeds_dir: Path = field(default_factory=_seeds_dir)
    fetch_allow: str = ""
    llm_base_url: str | None = None
    llm_api_key: str | None = field(default=None, repr=False)
    llm_model: str | None = None
    llm_timeout_s: float = 60.0
    slack_bot_token: str | None = field(default=None, repr=False)
    slack_app_token: str | None = field(default=None, repr=False)
    slack_signing_secret: str | None = field(default=None, repr=False)
    slack_api_url: str | None = None
    slack_port: int = 3000
    slack_host: str = "127.0.0.1"  # HTTP mode listens here; a proxy in front faces the world
    discord_token: str | None = field(default=None, repr=False)
    discord_guild_id: str | None = None
    discord_api_url: str | None = None
    discord_gateway_url: str | None = None
    discord_message_content: bool = False
    admins: frozenset[str] = frozenset()
    log_level: str = "INFO"
    shell_via_bot: bool = True  # the shell's read-only commands go to a running bot
    cache_dir: Path | None = None  # what a process keeps for the next (None: keep nothing)
    llm_service: LLMService | None = field(default=None, repr=False, compare=False)

    def secrets(self) -> list[str]:
        """The configured secret values, for scrubbing logs and replies."""
        values = (
            self.llm_api_key,
            self.slack_bot_token,
            self.slack_app_token,
            self.slack_signing_secret,
            self.discord_token,
        )
        return [value for value in values if value]


def _flag(value: str | None) -> bool:
    return (value or "").strip().casefold() in ("1", "true", "yes", "on")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


def _seconds(value: str | None, default: float) -> float:
    try:
        seconds = float(value) if value else default
    except ValueError:
        return default
    return seconds if 0 < seconds <= 600 else default


def load_settings(env: dict[str, str] | None = None, env_file: Path | None = None) -> Settings:
    """Read settings from `env` (default: the process environment) over a `.env` file."""
    merged: dict[str, str] = {}
    dotenv_path = env_file if env_file is not None else Path(".env")
    if dotenv_path.is_file():
        from dotenv import dotenv_values  # only when there is a file: it costs every start

        merged.update({k: v for k, v in dotenv_values(dotenv_path).items() if v is not None})
    merged.update(os.environ if env is None else env)

    def get(name: str) -> str | None:
        value = merged.get(name, "").strip()
        return value or None

    seeds = get("NATOSG_SEEDS")
    return Settings(
        db_path=Path(get("NATOSG_DB") or DEFAULT_DB).expanduser(),
        seeds_dir=Path(seeds).expanduser() if seeds else _seeds_dir(),
        fetch_allow=get("NATOSG_FETCH_ALLOW") or "",
        llm_base_url=get("NATOSG_LLM_BASE_URL"),
        llm_api_key=get("NATOSG_LLM_API_KEY"),
        llm_model=get("NATOSG_LLM_MODEL"),
        llm_timeout_s=_seconds(get("NATOSG_LLM_TIMEOUT"), 60.0),
        slack_bot_token=get("SLACK_BOT_TOKEN"),
        slack_app_token=get("SLACK_APP_TOKEN"),
        slack_signing_secret=get("SLACK_SIGNING_SECRET"),
        slack_api_url=get("SLACK_API_URL"),
        slack_port=_int(get("SLACK_PORT"), 3000),
        slack_host=get("SLACK_HOST") or "127.0.0.1",
        discord_token=get("DISCORD_TOKEN"),
        discord_guild_id=get("DISCORD_GUILD_ID"),
        discord_api_url=get("DISCORD_API_URL"),
        discord_gateway_url=get("DISCORD_GATEWAY_URL"),
        discord_message_content=_flag(get("DISCORD_MESSAGE_CONTENT")),
        admins=frozenset(
            part.strip() for part in (get("NATOSG_ADMINS") or "").split(",") if part.strip()
        ),
        log_level=(get("NATOSG_LOG_LEVEL") or "INFO").upper(),
        shell_via_bot=_flag(get("NATOSG_SHELL_VIA_BOT") or "1"),
        cache_dir=_cache_dir(get("NATOSG_CACHE_DIR"), merged),
    )


def _cache_dir(value: str | None, env: dict[str, str]) -> Path | None:
    """NATOSG_CACHE_DIR, `off` for none; by default the user's cache directory."""
    if value is not None:
        return None if value.lower() == "off" else Path(value).expanduser()
    base = env.get("XDG_CACHE_HOME", "").strip()
    if base and Path(base).is_absolute():  # the XDG rule: a relative value is ignored
        return Path(base) / "natosg"
    home = env.get("HOME", "").strip()
    return Path(home) / ".cache" / "natosg" if home else None
