"""Scoring and explaining fused candidates against the listing they were found for."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from services.matching.engine import relevance
from services.matching.engine.explanation import Proposal, sentence_vi
from services.matching.engine.profile import ListingProfile, structured_fit
from services.matching.engine.relevance import RelevanceSettings, Spread
from services.matching.engine.scoring import ScoringSettings, feature_scores, score_of
from services.matching.engine.shared_terms import shared_terms
from services.matching.engine.terms import TermTable
from shared.events.vocabulary import ListingKind


@dataclass(frozen=True, slots=True)
class Scored:
    score: float
    other: ListingProfile
    values: dict[str, float]


def _sides(query: ListingProfile, other: ListingProfile) -> tuple[ListingProfile, ListingProfile]:
    """(offer, demand) of the pair, whichever side was searched from."""
    return (other, query) if other.kind == ListingKind.OFFER else (query, other)


def score_all(
    terms: TermTable,
    query: ListingProfile,
    others: Sequence[ListingProfile],
    cosines: Sequence[float | None],
    spread: Spread | None,
    relevance_settings: RelevanceSettings,
    scoring: ScoringSettings,
) -> list[Scored]:
    """Every candidate's features and weighted score."""
    keyword = relevance.keyword_similarity(
        terms,
        query.term_ids,
        [other.term_ids for other in others],
        [not (query.diacritic_free or other.diacritic_free) for other in others],
        relevance_settings,
    )
    calibrated = None if spread is None else relevance.calibrated(spread, relevance_settings)
    scored = []
    for other, kw, cosine in zip(others, keyword.tolist(), cosines, strict=True):
        semantic = None
        if cosine is not None and calibrated is not None:
            semantic = relevance.semantic_similarity(cosine, calibrated, relevance_settings)
        values = structured_fit(*_sides(query, other))
        values["text"] = relevance.text_relevance(kw, semantic, relevance_settings)
        scored.append(Scored(score_of(values, scoring), other, values))
    return scored


def proposal(
    terms: TermTable, query: ListingProfile, scored: Scored, scoring: ScoringSettings, version: str
) -> Proposal:
    """The explained proposal for one scored candidate."""
    offer, demand = _sides(query, scored.other)
    offer_shown = not offer.diacritic_free or demand.diacritic_free
    shown, hidden = (offer, demand) if offer_shown else (demand, offer)
    with_diacritics = not (offer.diacritic_free or demand.diacritic_free)
    shared = shared_terms(terms, shown.term_ids, hidden.term_ids, with_diacritics)
    features = feature_scores(scored.values, scoring)
    return Proposal(
        offer_id=offer.listing_id,
        demand_id=demand.listing_id,
        score=scored.score,
        features=features,
        text_gate=round(scoring.gate(scored.values["text"]), 4),
        shared_terms=shared,
        sentence_vi=sentence_vi(offer, demand, features, shared),
        engine_version=version,
    )
