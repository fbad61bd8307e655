"""Which terms of a listing become the keyword query, and with what boost.

A whole listing is too long to be a query: its rarest terms (tf·idf over the index) are
kept. A syllable is searched folded *and*, when the listing carries diacritics, as
written — so `cá` prefers fish over `cà phê` while `ca` still finds both.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from services.matching.engine.terms import Space, TermTable
from services.matching.engine.text_index import BIGRAMS, EXACT, FOLDED
from services.matching.engine.tokens import Tokens, fold_syllable

QueryTerm = tuple[str, str, float]
"""(field, token, boost)"""


class QuerySettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    syllables: int = Field(default=16, ge=1, description="Most distinctive syllables searched.")
    bigrams: int = Field(default=12, ge=0, description="Most distinctive bigrams searched.")
    exact_boost: float = Field(default=1.0, ge=0, description="Boost of a syllable as written.")
    folded_boost: float = Field(default=0.6, ge=0, description="Boost of a folded syllable.")
    bigram_boost: float = Field(default=1.2, ge=0, description="Boost of a folded bigram.")


def _distinctive(
    table: TermTable, space: Space, counts: dict[str, int], limit: int
) -> list[tuple[str, float]]:
    """Up to `limit` (term, 1 + log tf) of terms some listing has, by tf·idf (ties by term)."""
    known = [(term, table.lookup(space, term), tf) for term, tf in counts.items()]
    present = [(term, i, tf) for term, i, tf in known if i is not None]
    if not present:
        return []
    ids = np.array([i for _, i, _ in present], dtype=np.int32)
    df, idf = table.df(ids), table.idf(ids)
    scored = [
        (-(1.0 + math.log(tf)) * float(w), term, 1.0 + math.log(tf))
        for (term, _, tf), w, d in zip(present, idf, df, strict=True)
        if d > 0
    ]
    return [(term, weight) for _, term, weight in sorted(scored)[:limit]]


def query_terms(tokens: Tokens, table: TermTable, settings: QuerySettings) -> list[QueryTerm]:
    """The keyword query for `tokens`, against the terms of the indexed listings."""
    syllables = _distinctive(table, Space.FOLDED, Counter(tokens.folded), settings.syllables)
    terms = [(FOLDED, term, settings.folded_boost * tf) for term, tf in syllables]
    if not tokens.diacritic_free:
        chosen = {term for term, _ in syllables}
        terms += [
            (EXACT, syllable, settings.exact_boost * (1.0 + math.log(tf)))
            for syllable, tf in sorted(Counter(tokens.exact).items())
            if fold_syllable(syllable) in chosen and table.lookup(Space.EXACT, syllable) is not None
        ]
    bigrams = _distinctive(table, Space.BIGRAM, Counter(tokens.bigrams), settings.bigrams)
    terms += [(BIGRAMS, term, settings.bigram_boost * tf) for term, tf in bigrams]
    return terms
