"""The language-model endpoint, when configured: reachable, and its key accepted
(`GET /models`, which every OpenAI-compatible server answers or refuses alike)."""

from __future__ import annotations

import httpx

from bot.config import Settings
from bot.doctor import CHECK_TIMEOUT_S, Check, failed, passed


def model_checks(settings: Settings, client: httpx.Client) -> list[Check]:
    """Whether the model endpoint answers and accepts the key (a note when none is set)."""
    base = settings.llm_base_url
    if not base:
        return [passed("language model: none configured (offline summaries)")]
    headers = {"Authorization": f"Bearer {settings.llm_api_key}"} if settings.llm_api_key else {}
    url = base.rstrip("/") + "/models"
    try:
        response = client.get(url, headers=headers, timeout=CHECK_TIMEOUT_S)
    except httpx.HTTPError as exc:
        return [
            failed(
                f"language model at {base}: not reachable ({type(exc).__name__}); check "
                "NATOSG_LLM_BASE_URL and that the server runs"
            )
        ]
    if response.status_code in (401, 403):
        return [
            failed(
                f"language model at {base}: the key was refused (HTTP {response.status_code}); "
                "check NATOSG_LLM_API_KEY"
            )
        ]
    if response.status_code >= 500:
        return [failed(f"language model at {base}: answers HTTP {response.status_code}")]
    return [passed(f"language model at {base}: reachable")]
