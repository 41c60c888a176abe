"""Answering a question from passages: which sentences could answer at all, ranking them,
deciding "not covered", and the language model's verified prose.

May import: `records`, `summarizer.text`, `summarizer.questions`, `summarizer.llm`.
"""
