"""Watched sources: feeds and pages polled politely by `natosg run`, filtered to the race.

Owns the conditional fetch (`conditional.py`), reading a source's items (`items.py`), the
poll times (`timing.py`), one poll (`polling.py`) and the scheduled poller (`poller.py`).
May import `bot.ingest`, `bot.archive`, `storage`, `summarizer` and `records`.
"""
