"""Names: the entity data file, resolving mentions in sentences and names users type to the
canonical actors (countries, people, bodies), with fuzzy matching; and facts about the
alliance itself (membership by date, regional groups of members: alliance.py).

May import: `summarizer.text`.
"""
