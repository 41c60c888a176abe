"""Running the project's extractor over one labelled line, as a tiny article."""

from __future__ import annotations

from evaluation.labels import LabeledLine
from evaluation.mapping import Labeling, to_labels
from summarizer.entities.resolver import EntityResolver
from summarizer.extraction.reader import extract_claims
from summarizer.text.sentences import split_sentences


class ExtractorReader:
    """Reads labelled lines with the rule-based extractor and maps its output to labels.

    Each line is an article of its own: the headline is its title, the text its body, the
    line's `article_date` its publication date.
    """

    def __init__(self, resolver: EntityResolver) -> None:
        self._resolver = resolver

    def __call__(self, line: LabeledLine) -> Labeling:
        """The extractor's reading of `line`, in the label vocabulary."""
        sentences = [span.text for span in split_sentences(line.text)]
        claims = extract_claims(
            sentences, line.article_date, self._resolver, title=line.headline or None
        )
        return to_labels(claims)
