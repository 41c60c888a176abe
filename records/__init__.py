"""Value types at the bottom of the import graph: what storage stores and the summarizer reads.

Frozen dataclasses and literals only. `records` imports nothing of the project, so storage and
the summarizer can both use it without importing each other.
"""
