"""Understanding news about the race: text, entities, extraction, race state, questions,
answers, digests and the language model. Never touches a chat SDK or the database.

May import: `records` and its own subpackages; never `storage` or `bot`.
"""
