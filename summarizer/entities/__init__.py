"""Names: the entity data file, resolving mentions in sentences and names users type to the
canonical actors (countries, people, bodies), with fuzzy matching.

May import: `summarizer.text`.
"""
