"""The state of the race from stored claims: current stances with history, candidates and their
status, and the timeline. Pure functions over `records.claims.EvidenceRow`.

May import: `records`, `summarizer.text`.
"""
