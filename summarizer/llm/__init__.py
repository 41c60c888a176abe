"""The language model: an async client for OpenAI-compatible endpoints, the per-process service
that owns it (with the synchronous ways in), the cached backend, and grounding (numbered
passages in, verified sentences out).

May import: `records`, `summarizer.text`.
"""
