"""The language-model backend the settings ask for, wired to the database's cache and log."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from storage.llm_log import SqliteCallLog, SqliteCompletionCache
from summarizer.llm.backend import DEFAULT_MODEL, LLMBackend
from summarizer.llm.client import LLMConfig


def llm_backend(settings: Any, db: Database) -> LLMBackend | None:
    """An LLM backend when `NATOSG_LLM_BASE_URL` is set, else None (extractive only)."""
    base_url = getattr(settings, "llm_base_url", None)
    if not base_url:
        return None
    config = LLMConfig(
        base_url=base_url,
        model=getattr(settings, "llm_model", None) or DEFAULT_MODEL,
        api_key=getattr(settings, "llm_api_key", None),
        deadline_s=float(getattr(settings, "llm_timeout_s", 60.0)),
    )
    return LLMBackend(config, cache=SqliteCompletionCache(db), log=SqliteCallLog(db))
