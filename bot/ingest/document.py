"""Re-export of the document value, which lives in summarizer/ (below bot/ in the layering)."""

from summarizer.document import DateHow, RawDocument, SourceKind

__all__ = ["DateHow", "RawDocument", "SourceKind"]
