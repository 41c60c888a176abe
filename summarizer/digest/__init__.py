"""The cited daily digest: its sections from claims and passages, the fact ledger that keeps
anything from being said twice, and the language model's verified prose.

May import: `records`, `summarizer.text`, `summarizer.race`, `summarizer.llm`.
"""
