"""The terms two listings share, to explain a match: rare phrases first, written as in one of
them (`sấy lạnh`, even when the other typed `say lanh`)."""

from __future__ import annotations

import numpy as np

from services.matching.engine.concepts import TOPIC_PREFIX
from services.matching.engine.terms import IdArray, Space, TermTable

_MIN_DOCUMENTS_FOR_COMMON = 20
"""Below this many indexed listings, no term is too common to explain a match."""
_MAX_SYLLABLES = 2
"""Single syllables explain a match only when no phrase does, and only a couple of them."""
_MIN_SYLLABLE_LENGTH = 2
"""A shared one-letter syllable (`ô` of `ô nhiễm`) explains nothing."""


def _weighted(table: TermTable, ids: IdArray) -> list[tuple[str, float]]:
    """(surface, idf) of `ids`; terms found in most listings are left out."""
    folded = table.folded_of[ids]
    df, idf = table.df(folded).tolist(), table.idf(folded).tolist()
    common = table.documents / 2 if table.documents >= _MIN_DOCUMENTS_FOR_COMMON else None
    return [
        (table.surface[i], w)
        for i, w, d in zip(ids.tolist(), idf, df, strict=True)
        if common is None or d <= common
    ]


def _chained(bigrams: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Overlapping shared bigrams joined into phrases: `giữ hoạt` + `hoạt chất` → `giữ hoạt
    chất`, weighing the sum of their idf."""
    following: dict[str, tuple[str, float]] = {}
    for phrase, weight in sorted(bigrams):
        following.setdefault(phrase.split(" ")[0], (phrase, weight))
    continued = {phrase.split(" ")[1] for phrase, _ in bigrams}
    chains: list[tuple[str, float]] = []
    used: set[str] = set()
    heads_first = sorted(bigrams, key=lambda item: (item[0].split(" ")[0] in continued, item))
    for phrase, weight in heads_first:
        if phrase in used:
            continue
        words, total = phrase.split(" "), weight
        used.add(phrase)
        while (step := following.get(words[-1])) is not None and step[0] not in used:
            used.add(step[0])
            words.append(step[0].split(" ")[1])
            total += step[1]
        chains.append((" ".join(words), total))
    return chains


def shared_terms(
    table: TermTable, shown: IdArray, other: IdArray, with_diacritics: bool, limit: int = 5
) -> list[str]:
    """Up to `limit` terms both listings use, the weightiest first (ties by text).

    With diacritics on both sides only identical spellings count (`cá` never explains a
    match with `cà`); otherwise only bigrams do, as a folded syllable alone is ambiguous.
    """
    if with_diacritics:
        picked = np.intersect1d(shown, other, assume_unique=True)
    else:
        common = np.intersect1d(table.folded_of[shown], table.folded_of[other])
        picked = shown[np.isin(table.folded_of[shown], common)]
    phrases = _chained(_weighted(table, picked[table.space[picked] == Space.PHRASE]))
    ranked = sorted(phrases, key=_weightiest)
    if not ranked and with_diacritics:
        syllables = _weighted(table, picked[table.space[picked] == Space.EXACT])
        long_enough = [
            term
            for term in syllables
            if len(term[0]) >= _MIN_SYLLABLE_LENGTH and not term[0].startswith(TOPIC_PREFIX)
        ]
        ranked = sorted(long_enough, key=_weightiest)[:_MAX_SYLLABLES]
    return [term for term, _ in ranked[:limit]]


def _weightiest(term: tuple[str, float]) -> tuple[float, str]:
    return -term[1], term[0]
