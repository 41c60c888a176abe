"""Which sentences could answer: the smallest groups of concepts that reach the coverage an
answer needs. Sound (every group reaches it) and complete (every set of concepts that reaches
it holds a group), also when there are too many groups to list."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.answers.coverage import MAX_GROUPS, coverage_groups
from summarizer.answers.ranking import COVERED_AT, concept_weight


def _reaches(held: set[int], weights: list[float], searchable: list[bool]) -> bool:
    free = sum(w for w, ok in zip(weights, searchable, strict=True) if not ok)
    return sum(weights[i] for i in held) + free >= COVERED_AT * sum(weights) - 1e-9


def test_a_word_in_every_other_sentence_cannot_make_up_for_a_rare_one() -> None:
    # "when is the NATO summit in Washington?" over 500,000 sentences
    total = 500_000
    weights = [concept_weight(n, total) for n in (51_000, 54_000, 262_000)]
    assert coverage_groups(weights, [True, True, True]) == [(0, 1)]


def test_a_concept_no_sentence_holds_is_in_every_group() -> None:
    total = 10_000
    weights = [concept_weight(n, total) for n in (0, 300, 2_000, 4_000)]
    groups = coverage_groups(weights, [True] * 4)
    assert groups and all(0 in group for group in groups)


def test_a_concept_the_index_cannot_search_counts_as_held() -> None:
    assert coverage_groups([5.0, 1.0, 1.0], [False, True, True]) == [(1,), (2,)]
    assert coverage_groups([1.0, 1.0], [False, False]) == []
    with pytest.raises(ValueError):
        coverage_groups([1.0], [True, False])


def test_too_many_groups_give_the_concepts_one_of_which_every_answer_needs() -> None:
    weights = [1.0] * 12  # any 8 of 12: 495 groups
    groups = coverage_groups(weights, [True] * 12)
    assert len(groups) <= MAX_GROUPS
    assert all(len(group) == 1 for group in groups)
    singles = {group[0] for group in groups}
    for held in combinations(range(12), 8):
        assert singles & set(held)


@settings(max_examples=300, deadline=None)
@given(
    weights=st.lists(st.floats(min_value=0.1, max_value=14.0), min_size=1, max_size=9),
    data=st.data(),
)
def test_groups_are_sound_complete_and_minimal(weights: list[float], data: st.DataObject) -> None:
    searchable = data.draw(st.lists(st.booleans(), min_size=len(weights), max_size=len(weights)))
    groups = coverage_groups(weights, searchable)
    listed = all(len(group) > 1 for group in groups) or len(groups) <= MAX_GROUPS
    for group in groups:
        assert all(searchable[i] for i in group)
    indices = [i for i, ok in enumerate(searchable) if ok]
    # (A sentence holding no searchable concept cannot be searched for; it is never asked.)
    for size in range(1, len(indices) + 1):
        for held in map(set, combinations(indices, size)):
            if _reaches(held, weights, searchable):
                assert any(set(group) <= held for group in groups), (held, groups)
    if listed and not any(len(group) == 1 for group in groups):
        for group in groups:
            assert _reaches(set(group), weights, searchable)
            for i in group:
                assert not _reaches(set(group) - {i}, weights, searchable)
