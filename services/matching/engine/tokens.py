"""Vietnamese tokens of a listing: syllables as written, folded syllables, syllable bigrams.

Folding alone merges `ca/cá/cà/cả` (DESIGN.md §4a), so every syllable is kept twice — as
written (case-folded, NFC) and folded — and adjacent syllables form bigrams (`nuoi_ca`,
`ca_phe`) that tell `nuôi cá` from `cà phê` even when a demand is typed without diacritics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from shared.events.listings import ListingSnapshot
from shared.text import fold, nfc

BIGRAM_JOINER = "_"
"""Joins the two folded syllables of a bigram token: `nuoi_ca`."""

_TOKEN = re.compile(r"(\w+)|[^\w\s]+")
"""A syllable (captured) or a run of punctuation (captured as "", it ends a bigram run)."""
_TITLE_WEIGHT = 2
"""Title and keywords count twice: they say what the listing is about."""

STOPWORDS = frozenset(
    {
        # Vietnamese function words, as written (their folded forms are real words:
        # "duoc" is also "dược" — medicinal — so only the exact form is a stopword).
        "và", "của", "các", "cho", "trong", "được", "có", "là", "với", "những", "một",
        "để", "từ", "theo", "tại", "này", "đã", "sẽ", "nhằm", "về", "khi", "như", "đến",
        "thì", "mà", "hoặc", "hay", "cũng", "đang", "bị", "do", "nên", "vì", "nếu", "vào",
        "lại", "rất", "bằng", "gồm", "qua", "đó", "nhờ",
        # English function words.
        "the", "of", "and", "for", "in", "to", "a", "an", "with", "on", "by", "from",
        "is", "are", "at", "or", "that", "this", "as", "be", "our", "we", "it", "its",
    }
)  # fmt: skip


@lru_cache(maxsize=200_000)
def fold_syllable(syllable: str) -> str:
    """`fold` of one syllable, cached: a corpus has few distinct syllables."""
    return fold(syllable)


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


def _runs(text: str) -> list[list[str]]:
    """Runs of adjacent content syllables; punctuation and stopwords end a run."""
    runs: list[list[str]] = []
    run: list[str] = []
    for word in _TOKEN.findall(nfc(text).casefold()):
        if word and word not in STOPWORDS:
            run.append(word)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def tokenize(weighted_texts: list[tuple[str, int]]) -> Tokens:
    """Tokens of texts, each text's tokens repeated `weight` times."""
    tokens = Tokens([], [], [], {})
    for text, weight in weighted_texts:
        for run in _runs(text):
            folded = [fold_syllable(syllable) for syllable in run]
            bigrams = [f"{a}{BIGRAM_JOINER}{b}" for a, b in pairwise(folded)]
            tokens.phrases.update(zip(bigrams, [f"{a} {b}" for a, b in pairwise(run)], strict=True))
            tokens.exact.extend(run * weight)
            tokens.folded.extend(folded * weight)
            tokens.bigrams.extend(bigrams * weight)
    return tokens


def listing_tokens(listing: ListingSnapshot) -> Tokens:
    """Tokens of every searchable field of a listing, title and keywords weighted up."""
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
    return tokenize(weighted)
