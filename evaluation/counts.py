"""Precision and recall counts, shared by the sentence scorer and the race scorer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives of one comparison."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp), or None when nothing was predicted."""
        predicted = self.tp + self.fp
        return self.tp / predicted if predicted else None

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn), or None when nothing was expected."""
        expected = self.tp + self.fn
        return self.tp / expected if expected else None

    def to_json(self) -> dict[str, Any]:
        """The counts and the two rates (null when undefined), rounded for reading."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": rounded(self.precision),
            "recall": rounded(self.recall),
        }


@dataclass(frozen=True)
class DateCounts:
    """Of the matched items, how many also carry the expected date."""

    matched: int = 0
    correct: int = 0

    def __add__(self, other: DateCounts) -> DateCounts:
        return DateCounts(self.matched + other.matched, self.correct + other.correct)

    @property
    def accuracy(self) -> float | None:
        """correct / matched, or None when nothing matched."""
        return self.correct / self.matched if self.matched else None

    def to_json(self) -> dict[str, Any]:
        """The counts and the accuracy (null when undefined)."""
        return {
            "matched": self.matched,
            "correct": self.correct,
            "accuracy": rounded(self.accuracy),
        }


def rounded(value: float | None) -> float | None:
    """A rate rounded to four places for reports; None stays None."""
    return None if value is None else round(value, 4)


def rate(value: float | None) -> str:
    """A rate for a table: `0.83`, or `—` when undefined."""
    return "—" if value is None else f"{value:.2f}"
