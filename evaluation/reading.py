"""Running the project's extractor over labelled lines, each as a tiny article of one archive."""

from __future__ import annotations

from collections.abc import Sequence

from evaluation.labels import LabeledLine
from evaluation.mapping import Labeling, to_labels
from records.claims import ExtractedClaim
from records.people import ArticleReading, Sighting
from summarizer.entities.learned import LearnedResolvers, WhoIsWho
from summarizer.entities.resolver import EntityResolver
from summarizer.extraction.reader import read_article
from summarizer.text.sentences import split_sentences


class ExtractorReader:
    """Reads labelled lines with the rule-based extractor and maps its output to labels.

    Each line is an article of its own: the headline is its title, the text its body, the
    line's `article_date` its publication date. Like the bot's archive, the lines together
    teach who is who (`learn`): a full name with its office in one line lets a surname or
    "the Danish prime minister" in another be read, as ingest does across stored articles.
    """

    def __init__(self, resolver: EntityResolver) -> None:
        self._resolvers = LearnedResolvers(resolver)
        self._known: WhoIsWho | None = None

    def learn(self, lines: Sequence[LabeledLine]) -> WhoIsWho:
        """Read every line once to learn who is who, then once more with what was learned
        (contenders read the second time settle shared surnames); later calls use it."""
        self._known = None
        for _ in range(2):
            sightings: list[Sighting] = []
            for line in lines:
                sightings += self._read(line).sightings
            self._known = WhoIsWho.of(sightings)
        assert self._known is not None
        return self._known

    def claims(self, line: LabeledLine) -> list[ExtractedClaim]:
        """The extractor's claims for one line."""
        return self._read(line).claims

    def __call__(self, line: LabeledLine) -> Labeling:
        """The extractor's reading of `line`, in the label vocabulary."""
        return to_labels(self.claims(line))

    def _read(self, line: LabeledLine) -> ArticleReading:
        sentences = [span.text for span in split_sentences(line.text)]
        resolver = self._resolvers.for_knowledge(self._known)
        return read_article(
            sentences,
            line.article_date,
            resolver,
            title=line.headline or None,
            known=self._known,
        )
