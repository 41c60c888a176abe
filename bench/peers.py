"""Side by side with the usual pure-Python peers, on the same stored sentences.

- Retrieval: rank-bm25's `BM25Okapi` over every stored sentence against the way `ask` finds
  and ranks sentences (`bot.commands.ask.retrieval.gather_evidence`, then
  `summarizer.answering.score_passages`), the same questions, the same words.
- Summarising: sumy's `LexRankSummarizer` over the sentences of the articles a digest reads
  against our digest builder (`summarizer.digest.build_digest`) on the same articles.

sumy's default tokenizer needs NLTK data that cannot be downloaded offline, so it gets a small
tokenizer of our own: the stored sentences are already split, words are runs of letters.
Both peers are optional (`pip install '.[bench]'`); `available()` says whether they are here.
"""

from __future__ import annotations

import re
import statistics
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.measure import timed
from bot.archive import MAX_DERIVED_PER_REVISION, Archive, Session
from bot.briefing.digests import RECENT_ARTICLES
from bot.commands.ask.retrieval import gather_evidence
from records.claims import ClaimSet, DerivedResults
from storage.claims import candidate_names, evidence_of_kind
from storage.db import open_database
from storage.passages import passages_of_articles, recent_article_ids
from summarizer.answers.ranking import score_passages
from summarizer.digest.build import build_digest
from summarizer.digest.parts import DigestInputs
from summarizer.entities.resolver import EntityResolver
from summarizer.questions.analysis import Question, analyse_question

SEARCH_LIMIT = 80
TOP = 10
SUMMARY_SENTENCES = 10
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Between two stored sentences of one article in the text handed to sumy's parser.
_SEPARATOR = " \u241e "


def available() -> bool:
    """Whether rank-bm25 and sumy are installed."""
    try:
        import rank_bm25  # noqa: F401
        import sumy  # noqa: F401
    except ImportError:
        return False
    return True


def words(text: str) -> list[str]:
    """The simple tokenisation both sides share: lower-cased runs of letters and digits."""
    return _WORD.findall(text.casefold())


class SentenceTokenizer:
    """A tokenizer for sumy that needs no NLTK data: sentences are already split."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """The sentences of one article, as stored."""
        return tuple(part.strip() for part in paragraph.split(_SEPARATOR.strip()) if part.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """A sentence's words."""
        return tuple(_WORD.findall(sentence))


def _ranked(session: Session, question: Question, resolver: EntityResolver) -> list[int]:
    """Our best sentences for a question, best first, as `ask` ranks them."""
    evidence = gather_evidence(session, question, resolver)
    scored = score_passages(evidence.question, evidence.items, evidence.stats, evidence.total)
    return [s.passage.sentence_id for s in scored[:SEARCH_LIMIT]]


def compare_retrieval(db_path: Path, queries: list[str]) -> dict[str, Any]:
    """Time rank-bm25 and our retrieval over the same sentences and questions (ms per query).

    rank-bm25 gets the question's words as asked; ours reads the question as `ask` does.
    Questions that `ask` answers from the stance engine, not by retrieval, are left out."""
    import numpy
    from rank_bm25 import BM25Okapi

    resolver = EntityResolver.default()
    with Archive(db_path).session() as session:
        db = session.db
        stored = db.execute("SELECT id, text FROM sentences ORDER BY id").fetchall()
        ids = [int(row[0]) for row in stored]
        texts = [str(row[1]) for row in stored]
        # Syndicated copies of a sentence have their own ids: compare what the sentences say.
        said = {sid: " ".join(words(text)) for sid, text in zip(ids, texts, strict=True)}
        index, build_s = timed(lambda: BM25Okapi([words(text) for text in texts]))
        candidates = candidate_names(db)
        ours_s, theirs_s, overlaps = [], [], []
        # Warm the page cache with a question of its own: ours keeps results per archive
        # revision, so each timed question must be new to it.
        _ranked(session, analyse_question("who leads NATO?", [], resolver, candidates), resolver)
        for query in dict.fromkeys(queries):
            question = analyse_question(query, [], resolver, candidates)
            if not question.concepts:
                continue
            tokens = words(query)

            def ours(asked: Question = question) -> list[int]:
                return _ranked(session, asked, resolver)

            found, seconds = timed(ours)
            ours_s.append(seconds)

            def rank(tokens: list[str] = tokens) -> list[int]:
                scores = index.get_scores(tokens)
                best = numpy.argsort(-scores, kind="stable")[:SEARCH_LIMIT]
                return [ids[int(i)] for i in best if scores[int(i)] > 0]

            ranked, seconds = timed(rank)
            theirs_s.append(seconds)
            ours_top = {said[sid] for sid in found[:TOP]}
            theirs_top = {said[sid] for sid in ranked[:TOP]}
            if ours_top or theirs_top:
                overlaps.append(len(ours_top & theirs_top) / max(len(ours_top), len(theirs_top)))
    ours_ms = statistics.mean(ours_s) * 1000
    theirs_ms = statistics.mean(theirs_s) * 1000
    return {
        "sentences": len(ids),
        "queries": len(ours_s),
        "bm25_build_s": build_s,
        "bm25_ms": theirs_ms,
        "ours_ms": ours_ms,
        "ratio": theirs_ms / ours_ms if ours_ms else 0.0,
        "top10_overlap": statistics.mean(overlaps) if overlaps else 0.0,
    }


def _digest_inputs(db_path: Path) -> tuple[DigestInputs, int]:
    db = open_database(db_path)
    try:
        pool = recent_article_ids(db, RECENT_ARTICLES)
        inputs = DigestInputs(
            # As the bot builds it: claims read afresh, each result derived once per build
            # (a set of plain rows would work out every candidate's stances again and again).
            rows=ClaimSet(
                evidence_of_kind(db, ["stance", "candidacy", "event"]),
                DerivedResults(MAX_DERIVED_PER_REVISION),
            ),
            passages=passages_of_articles(db, pool),
            new_article_ids=frozenset(),
            baseline_latest_id=None,
            today=datetime.now(UTC).date(),
        )
    finally:
        db.close()
    return inputs, len(pool)


def compare_summaries(db_path: Path, repeats: int = 3) -> dict[str, Any]:
    """Time sumy's LexRank and our digest build over the same recent articles (ms per run).

    Ours reads every claim and the articles' sentences and builds the whole digest; LexRank
    parses the same sentences and ranks them."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    def ours() -> int:
        inputs, _ = _digest_inputs(db_path)
        return len(build_digest(inputs).bullets)

    inputs, articles = _digest_inputs(db_path)
    by_article: dict[int, list[str]] = {}
    for passage in inputs.passages:
        by_article.setdefault(passage.article_id, []).append(passage.quote)
    text = "\n\n".join(_SEPARATOR.join(quotes) for quotes in by_article.values())

    def lexrank() -> int:
        parser = PlaintextParser.from_string(text, SentenceTokenizer())
        summarizer = LexRankSummarizer(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        return len(summarizer(parser.document, SUMMARY_SENTENCES))

    bullets, first_s = timed(ours)
    ours_s = [timed(ours)[1] for _ in range(repeats)]
    lexrank()
    lexrank_s = [timed(lexrank)[1] for _ in range(repeats)]
    ours_ms = statistics.median(ours_s) * 1000
    lexrank_ms = statistics.median(lexrank_s) * 1000
    return {
        "articles": articles,
        "sentences": len(inputs.passages),
        "claims": len(inputs.rows),
        "bullets": bullets,
        "ours_first_ms": first_s * 1000,
        "ours_ms": ours_ms,
        "lexrank_ms": lexrank_ms,
        "ratio": lexrank_ms / ours_ms if ours_ms else 0.0,
    }
