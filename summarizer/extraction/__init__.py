"""Reading claims from sentences: stances, candidacy events and milestones, with their dates.

May import: `records`, `summarizer.text`, `summarizer.entities`.
"""
