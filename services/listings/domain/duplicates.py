"""Possible duplicates: the same owner submitting a near-identical title twice."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from shared.text import folded_syllables


@dataclass(frozen=True)
class TitleRef:
    listing_id: str
    title: str


def comparable(title: str) -> str:
    """Case, diacritics, punctuation and spacing do not make a title different."""
    return " ".join(folded_syllables(title))


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, comparable(a), comparable(b), autojunk=False).ratio()


def possible_duplicates(title: str, others: Iterable[TitleRef], threshold: float) -> list[str]:
    """Ids of the owner's other listings whose title is at least `threshold` similar."""
    return [ref.listing_id for ref in others if similarity(title, ref.title) >= threshold]
