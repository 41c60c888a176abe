"""Small pieces of the bot's voice: days, counts and short names."""

from __future__ import annotations

from datetime import date


def human_day(iso: str | None) -> str:
    """`2024-03-06` as `6 March 2024` (unknown dates stay as given)."""
    if not iso:
        return "an unknown date"
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day.strftime('%B %Y')}"


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """`1 source`, `3 sources`."""
    return f"{number} {noun if number == 1 else (plural or noun + 's')}"


def short_name(name: str) -> str:
    """The surname the articles use on second mention: `Mark Rutte` → `Rutte`."""
    parts = name.split()
    particles = {"von", "van", "der", "de", "den", "di", "da", "la", "le"}
    start = len(parts) - 1
    while start > 0 and parts[start - 1].casefold() in particles:
        start -= 1
    return " ".join(parts[start:]) if parts else name


def balanced(fragment: str) -> str:
    """A quoted fragment with its quotation marks closed (`who “wanted …` → `who “wanted …”`)."""
    opened = fragment.count("“") - fragment.count("”")
    straight = fragment.count('"') % 2
    return fragment + "”" * max(opened, 0) + '"' * straight
