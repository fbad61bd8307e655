"""Vietnamese tokens of a listing: syllables as written, folded syllables, syllable bigrams.

Folding alone merges `ca/cá/cà/cả` (DESIGN.md §4a), so every syllable is kept twice — as
written (case-folded, NFC) and folded — and adjacent syllables form bigrams (`nuoi_ca`,
`ca_phe`) that tell `nuôi cá` from `cà phê` even when a demand is typed without diacritics.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from services.matching.engine.concepts import topic_terms
from services.matching.engine.syllables import fold_syllable, runs
from shared.events.listings import ListingSnapshot

__all__ = ["BIGRAM_JOINER", "Tokens", "fold_syllable", "listing_tokens", "tokenize"]

BIGRAM_JOINER = "_"
"""Joins the two folded syllables of a bigram token: `nuoi_ca`."""

_TITLE_WEIGHT = 2
"""Title and keywords count twice: they say what the listing is about."""
_TOPIC_WEIGHT = 1
"""Each topic the listing's phrases name (`concepts.py`) counts as one more term."""


@dataclass(frozen=True, slots=True)
class Tokens:
    """The token streams of one listing, in reading order, weighted fields repeated."""

    exact: list[str]
    """Syllables as written (case-folded NFC), e.g. `cá`."""
    folded: list[str]
    """The same syllables without diacritics, position by position, e.g. `ca`."""
    bigrams: list[str]
    """Folded bigrams of adjacent content syllables, e.g. `nuoi_ca`."""
    phrases: dict[str, str]
    """Folded bigram → the bigram as written (`say_lanh` → `sấy lạnh`; the last spelling
    wins), for explanations."""

    @property
    def diacritic_free(self) -> bool:
        """No syllable carries a diacritic (nor `đ`): typed without them, or English."""
        return self.exact == self.folded


def tokenize(weighted_texts: list[tuple[str, int]]) -> Tokens:
    """Tokens of texts, each text's tokens repeated `weight` times."""
    tokens = Tokens([], [], [], {})
    for text, weight in weighted_texts:
        for run in runs(text):
            folded = [fold_syllable(syllable) for syllable in run]
            bigrams = [f"{a}{BIGRAM_JOINER}{b}" for a, b in pairwise(folded)]
            tokens.phrases.update(zip(bigrams, [f"{a} {b}" for a, b in pairwise(run)], strict=True))
            tokens.exact.extend(run * weight)
            tokens.folded.extend(folded * weight)
            tokens.bigrams.extend(bigrams * weight)
    return tokens


def listing_tokens(listing: ListingSnapshot) -> Tokens:
    """Tokens of every searchable field of a listing, title and keywords weighted up, plus
    the topic terms its phrases name."""
    weighted = [
        (listing.title, _TITLE_WEIGHT),
        (" , ".join(listing.keywords), _TITLE_WEIGHT),
        (listing.title_en or "", _TITLE_WEIGHT),
        (listing.summary, 1),
        (listing.description, 1),
        (listing.desired_outcome or "", 1),
        (" , ".join(listing.related_products), 1),
        (listing.description_en or "", 1),
    ]
    named = ((run, [fold_syllable(s) for s in run]) for text, _ in weighted for run in runs(text))
    weighted.append((" , ".join(topic_terms(named)), _TOPIC_WEIGHT))
    return tokenize(weighted)
