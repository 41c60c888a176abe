"""Facts about the alliance: membership by date and regional groups, never stances."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from summarizer.entities.alliance import bundled_alliance, parse_alliance


def test_membership_follows_accession_dates() -> None:
    alliance = bundled_alliance()
    assert len(alliance.members_on(date(2009, 3, 1))) == 26
    assert len(alliance.members_on(date(2009, 4, 1))) == 28
    assert "Finland" in alliance.members_on(date(2023, 4, 4))
    assert "Sweden" not in alliance.members_on(date(2024, 3, 6))


def test_a_group_name_lists_its_members() -> None:
    assert bundled_alliance().group_members("Baltic states") == ("Estonia", "Latvia", "Lithuania")
    assert bundled_alliance().group_members("Nordic neighbours") == ()


@pytest.mark.parametrize(
    "text",
    [
        '[members]\n"Ruritania" = 2001-01-01\n[backers]\n"Ruritania" = "Someone"\n',
        '[members]\n"Ruritania" = "soon"\n',
        '[members]\n"Ruritania" = 2001-01-01\n[groups]\n"Pair" = ["Ruritania", "Elbonia"]\n',
    ],
)
def test_anything_but_membership_and_groups_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_alliance(text)


def test_a_country_is_a_member_from_its_accession_day_and_not_the_day_before() -> None:
    alliance = bundled_alliance()
    for name, joined in alliance.joined.items():
        assert name in alliance.members_on(joined)
        assert name not in alliance.members_on(joined - timedelta(days=1))
    assert alliance.members_on(None) == frozenset(alliance.joined)
    assert alliance.members_on(date(1900, 1, 1)) == frozenset()
