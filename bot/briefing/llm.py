"""The language-model backend the settings ask for, wired to the database's cache and log.

`natosg run` opens one `LLMService` for the process (`open_llm_service`) and carries it on
`Settings.llm_service`; backends built from those settings complete through it. Without one
(the CLI), each completion runs on an event loop of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The client (httpx, asyncio) is imported only once an endpoint is configured: a command
# answering offline in a new process would otherwise pay for it.
if TYPE_CHECKING:
    from storage.db import Database
    from summarizer.llm.backend import LLMBackend
    from summarizer.llm.client import LLMConfig
    from summarizer.llm.service import CompletionRunner, LLMService


def llm_config(settings: Any) -> LLMConfig | None:
    """The endpoint the settings name, or None when `NATOSG_LLM_BASE_URL` is unset."""
    base_url = getattr(settings, "llm_base_url", None)
    if not base_url:
        return None
    from summarizer.llm.backend import DEFAULT_MODEL
    from summarizer.llm.client import LLMConfig

    return LLMConfig(
        base_url=base_url,
        model=getattr(settings, "llm_model", None) or DEFAULT_MODEL,
        api_key=getattr(settings, "llm_api_key", None),
        deadline_s=float(getattr(settings, "llm_timeout_s", 60.0)),
    )


def open_llm_service(settings: Any) -> LLMService | None:
    """The process's LLM service, bound to the running event loop, or None when no endpoint
    is configured. The caller closes it (`await service.aclose()`)."""
    config = llm_config(settings)
    if config is None:
        return None
    from summarizer.llm.service import LLMService

    return LLMService(config)


def llm_backend(settings: Any, db: Database) -> LLMBackend | None:
    """An LLM backend when `NATOSG_LLM_BASE_URL` is set, else None (extractive only).

    It completes through `settings.llm_service` when the program opened one (call it from a
    worker thread then), else on a fresh event loop per completion (the CLI)."""
    service: LLMService | None = getattr(settings, "llm_service", None)
    runner: CompletionRunner
    if service is not None:
        runner = service.runner()
    else:
        config = llm_config(settings)
        if config is None:
            return None
        from summarizer.llm.service import FreshLoopRunner

        runner = FreshLoopRunner(config)
    from storage.llm_log import SqliteCallLog, SqliteCompletionCache
    from summarizer.llm.backend import LLMBackend

    return LLMBackend(runner, cache=SqliteCompletionCache(db), log=SqliteCallLog(db))
