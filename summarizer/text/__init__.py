"""Article text: cleaning scraped pages and plain files, sentence splitting with exact offsets,
dates written in text, language, shared-passage hashes, instruction-like text, and the bot's
small wording helpers.

May import: the standard library and third-party text tools; nothing else of the project.
"""
