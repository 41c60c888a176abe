"""Dropping removed claims from rows held in memory: exactly those rows (by identity, so a
claim read again with the same values stays), in storage's order or any other."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from records.claims import EvidenceRow, storage_order, without_rows


def _row(claim_id: int, day: str | None, published: str | None, article_id: int) -> EvidenceRow:
    return EvidenceRow(
        claim_id, "stance", "A. Person", "Norway", None, "supports", None, day, False, False,
        False, None, None, None, claim_id, "Norway backs A. Person.", article_id, "a.txt",
        None, None, published, "stated", None, None,
    )  # fmt: skip


_DAYS = st.sampled_from([None, "2024-02-01", "2024-02-02"])
_ROWS = st.lists(st.tuples(_DAYS, _DAYS, st.integers(1, 4)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_ROWS, st.randoms(use_true_random=False), st.booleans())
def test_the_rows_left_are_those_not_removed(
    shapes: list[tuple[str | None, str | None, int]], rnd: random.Random, in_order: bool
) -> None:
    # Rows with equal values and equal places in storage's order (one article's claims) are
    # the hard case: only the very row removed may go.
    rows = [_row(1, day, published, article) for day, published, article in shapes]
    if in_order:
        rows.sort(key=storage_order)
    else:
        rnd.shuffle(rows)
    removed = rnd.sample(rows, rnd.randint(0, len(rows)))
    gone = {id(row) for row in removed}
    left = without_rows(tuple(rows), removed)
    assert [id(row) for row in left] == [id(row) for row in rows if id(row) not in gone]


def test_a_row_not_held_removes_nothing() -> None:
    rows = tuple(_row(i, "2024-02-01", None, i) for i in range(5))
    twin = _row(2, "2024-02-01", None, 2)  # the same values, another row
    assert without_rows(rows, [twin]) == rows
    assert all(a is b for a, b in zip(without_rows(rows, [twin]), rows, strict=True))
