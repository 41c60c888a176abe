"""Every SQL statement about language-model completions: the cache and the call log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from records.usage import Usage
from storage.db import Database, write_transaction


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class SqliteCompletionCache:
    """Completions kept in the database, so a rebuilt digest over the same passages is free."""

    db: Database

    def get(self, key: str) -> str | None:
        """The stored completion for this key, if any."""
        row = self.db.execute("SELECT response FROM llm_cache WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else None

    def put(self, key: str, model: str, text: str, usage: Usage) -> None:
        """Store (or replace) a completion."""
        with write_transaction(self.db) as conn:
            conn.execute(
                "INSERT OR REPLACE INTO llm_cache (key, model, response, prompt_tokens, "
                "completion_tokens, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [key, model, text, usage.prompt_tokens, usage.completion_tokens, _now()],
            )


@dataclass
class SqliteCallLog:
    """One row per call to the model: what for, tokens, cached or not, error class."""

    db: Database

    def record(self, model: str, purpose: str, usage: Usage, *, cached: bool, error: str) -> None:
        """Record one call."""
        with write_transaction(self.db) as conn:
            conn.execute(
                "INSERT INTO llm_calls (at, model, purpose, cached, prompt_tokens, "
                "completion_tokens, error) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    _now(),
                    model,
                    purpose,
                    int(cached),
                    usage.prompt_tokens,
                    usage.completion_tokens,
                    error,
                ],
            )


@dataclass(frozen=True)
class CallTotals:
    """How many calls reached the endpoint, and the tokens they used."""

    calls: int
    cached: int
    prompt_tokens: int
    completion_tokens: int


def call_totals(db: Database, purpose: str | None = None) -> CallTotals:
    """Totals over the call log (optionally for one purpose)."""
    where, params = ("WHERE purpose = ?", [purpose]) if purpose else ("", [])
    row = db.execute(
        "SELECT COALESCE(SUM(cached = 0 AND error = ''), 0), COALESCE(SUM(cached), 0), "
        "COALESCE(SUM(prompt_tokens), 0), COALESCE(SUM(completion_tokens), 0) "
        f"FROM llm_calls {where}",
        params,
    ).fetchone()
    return CallTotals(int(row[0]), int(row[1]), int(row[2]), int(row[3]))
