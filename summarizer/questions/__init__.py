"""Understanding a question: what it asks, about whom, its concepts, and what "she" or "and
Hungary?" refer to in a conversation.

May import: `records`, `summarizer.text`, `summarizer.entities`.
"""
