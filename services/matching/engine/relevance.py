"""Text relevance of candidates, in [0, 1]: idf-weighted term overlap blended with the
embedding similarity.

Keyword similarity is the cosine of idf-weighted binary term vectors. Exact syllables and
phrases (diacritics as written) count only when *both* listings carry diacritics, so a
demand typed without them is compared on folded syllables and bigrams alone — where
`nuoi_ca` still tells fish from `ca_phe`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from services.matching.engine.terms import FloatArray, IdArray, TermTable


class RelevanceSettings(BaseModel):
    """How keyword overlap and embedding similarity become one relevance in [0, 1]."""

    model_config = ConfigDict(frozen=True)

    exact_weight: float = Field(
        default=0.5,
        ge=0,
        description="Weight of a syllable as written: most Vietnamese words have two "
        "syllables, so one shared syllable is weaker evidence than a shared bigram.",
    )
    folded_weight: float = Field(
        default=0.5,
        ge=0,
        description="Weight of a folded syllable when one side has no diacritics.",
    )
    folded_weight_with_diacritics: float = Field(
        default=0.0,
        ge=0,
        description="Weight of a folded syllable when both sides have diacritics: `phần` and "
        "`phân` are different words, and bigrams still catch a name typed plainly.",
    )
    bigram_weight: float = Field(default=1.0, ge=0, description="Weight of a folded bigram.")
    phrase_weight: float = Field(default=1.0, ge=0, description="Weight of a bigram as written.")
    keyword_saturation: float = Field(
        default=0.5, gt=0, le=1, description="Keyword cosine that already counts as full relevance."
    )
    semantic_floor: float = Field(
        default=0.5,
        description="Standard scores (cosine above the query's mean cosine to every listing of "
        "the other kind, in standard deviations) at or below which a candidate is unrelated.",
    )
    semantic_ceiling: float = Field(
        default=4.0, description="Standard score from which a candidate is fully related."
    )
    prior_std: float = Field(
        default=0.03, gt=0, description="Typical spread of e5 cosines (small indexes)."
    )
    prior_weight: float = Field(
        default=20, ge=0, description="How many listings the prior spread counts for."
    )
    keyword_share: float = Field(
        default=0.6, ge=0, le=1, description="Share of keywords (vs embeddings) in relevance."
    )

    def space_weights(self, with_diacritics: bool) -> FloatArray:
        """Weights of the exact, folded, bigram and phrase spaces (`terms.Space` order)."""
        if with_diacritics:
            folded = self.folded_weight_with_diacritics
            return np.array([self.exact_weight, folded, self.bigram_weight, self.phrase_weight])
        return np.array([0.0, self.folded_weight, self.bigram_weight, 0.0])


def _weights(table: TermTable, ids: IdArray, space_weights: FloatArray) -> FloatArray:
    result: FloatArray = space_weights[table.space[ids]] * table.idf(ids)
    return result


def _cosines(
    table: TermTable, query: IdArray, candidates: list[IdArray], space_weights: FloatArray
) -> FloatArray:
    dense = np.zeros(len(table.surface), dtype=np.float64)
    dense[query] = _weights(table, query, space_weights)
    query_norm = float(np.sqrt(np.dot(dense[query], dense[query])))
    if not candidates or query_norm == 0.0:
        return np.zeros(len(candidates))
    ids = np.concatenate(candidates)
    owner = np.repeat(np.arange(len(candidates)), [len(c) for c in candidates])
    weights = _weights(table, ids, space_weights)
    dot = np.bincount(owner, weights=dense[ids] * weights, minlength=len(candidates))
    norms = np.sqrt(np.bincount(owner, weights=weights * weights, minlength=len(candidates)))
    with np.errstate(invalid="ignore", divide="ignore"):
        cosines: FloatArray = np.where(norms > 0, dot / (norms * query_norm), 0.0)
    return np.clip(cosines, 0.0, 1.0)


def keyword_similarity(
    table: TermTable,
    query: IdArray,
    candidates: list[IdArray],
    with_diacritics: list[bool],
    settings: RelevanceSettings,
) -> FloatArray:
    """Keyword similarity of the query to each candidate, scaled to [0, 1]."""
    both = np.array(with_diacritics, dtype=bool)
    cosines = np.zeros(len(candidates))
    if both.any():
        cosines = _cosines(table, query, candidates, settings.space_weights(True))
    if not both.all():
        folded = _cosines(table, query, candidates, settings.space_weights(False))
        cosines = np.where(both, cosines, folded)
    scaled: FloatArray = np.minimum(cosines / settings.keyword_saturation, 1.0)
    return scaled


class Spread(NamedTuple):
    """How similar a query is to every listing of the other kind: mean, std, how many."""

    mean: float
    std: float
    size: int


def calibrated(spread: Spread, settings: RelevanceSettings) -> Spread:
    """The spread with its deviation shrunk towards the prior: a few listings estimate the
    mean cosine well enough, but not how widely cosines vary."""
    n, n0 = spread.size, settings.prior_weight
    variance = (n * spread.std**2 + n0 * settings.prior_std**2) / (n + n0)
    return Spread(spread.mean, max(variance**0.5, 1e-6), n) if n + n0 > 0 else spread


def semantic_similarity(cosine: float, spread: Spread, settings: RelevanceSettings) -> float:
    """The cosine as a standard score against the query's other cosines, mapped to [0, 1].

    Absolute e5 cosines drift with language and length (English queries sit lower than
    Vietnamese ones), so a candidate counts by how far it stands out from the crowd.
    """
    z = (cosine - spread.mean) / spread.std
    span = settings.semantic_ceiling - settings.semantic_floor
    return min(1.0, max(0.0, (z - settings.semantic_floor) / span))


def text_relevance(keyword: float, semantic: float | None, settings: RelevanceSettings) -> float:
    """The blend of both signals; keywords alone when a listing has no embedding."""
    if semantic is None:
        return keyword
    share = settings.keyword_share
    return share * keyword + (1.0 - share) * semantic
