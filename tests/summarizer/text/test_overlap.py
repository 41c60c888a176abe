"""Overlap verdicts: whole shared passages link two articles, stock phrases do not."""

from __future__ import annotations

from summarizer.text.overlap import SHINGLE_SAMPLE, judge_overlap, sentence_keys, shingle_hashes


def test_a_few_stock_phrases_are_no_overlap() -> None:
    # The seeds' unrelated reports share ten six-word runs, 2 % of the shorter one.
    assert judge_overlap(10, 456, 1410, shared_sentences=0, fewest_sentences=20) is None


def test_enough_shingles_but_no_whole_sentences_is_no_overlap() -> None:
    assert judge_overlap(150, 456, 1410, shared_sentences=1, fewest_sentences=20) is None


def test_shared_passages_are_an_overlap_and_most_of_a_text_a_near_duplicate() -> None:
    overlap = judge_overlap(150, 456, 1410, shared_sentences=5, fewest_sentences=20)
    assert overlap is not None and overlap.kind == "overlap" and overlap.containment == 0.3289
    copy = judge_overlap(440, 456, 470, shared_sentences=18, fewest_sentences=20)
    assert copy is not None and copy.kind == "near_duplicate"


def test_a_short_article_needs_only_its_own_sentences() -> None:
    verdict = judge_overlap(40, 45, 900, shared_sentences=2, fewest_sentences=2)
    assert verdict is not None and verdict.kind == "near_duplicate"


def test_sentence_keys_fold_case_and_spacing_and_skip_short_sentences() -> None:
    keys = sentence_keys(
        ["Share this story.", "Warsaw  backs Brzezinski to lead the alliance, officials said."]
    )
    assert keys == {"warsaw backs brzezinski to lead the alliance officials said"}


def test_two_texts_keep_the_same_sample_of_what_they_share() -> None:
    story = (
        "Warsaw said on Tuesday that it would back the Dutch prime minister for the post, "
        "ending weeks of hesitation among the eastern allies over who should lead the "
        "alliance after the summit in Washington, where the leaders are due to meet in July."
    )
    rerun = "Breaking news from the wires. " + story + " More details will follow."
    ours, theirs = shingle_hashes(story), shingle_hashes(rerun)
    assert ours and ours <= theirs  # everything sampled from the story is sampled again
    assert all(value % SHINGLE_SAMPLE == 0 for value in theirs)
    every_run = len(story.split()) - 5
    assert len(ours) < every_run  # a sample, not every run
