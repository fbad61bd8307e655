"""Which ranked candidates become proposals: the serving gate, on a calibrated probability.

A fixed cut-off on the score does not carry over to data it was not tuned on: a short, general
demand in a cooperative's words ("HTX cần máy sấy nông sản mini") shares few words with offers
written in technical terms, so even its right offers score low, and a fixed cut left a third of
an independent set's demands with no proposal at all. The gate therefore asks a different
question — how likely is this candidate to be relevant, *given how it stands among this
listing's candidates* — with a logistic model over the score, the text relevance, the score
relative to the listing's best, and the rank:

- a candidate is proposed when that probability reaches `min_probability`;
- the best candidate is proposed when its own probability reaches `best_probability` (lower),
  so a listing with a plausible counterpart is never left without a proposal;
- nothing below `floor` (score) or `text_floor` (text relevance) is ever proposed: same sector
  and province alone is no match.

The coefficients, the two probability cuts and the text floor were fitted on the *dev* markets
of `tests/bench/quality` only (`python -m tests.bench.quality.calibrate`, after the ranking's own
settings were chosen there with `tune_ranking`); the held-out markets are evaluated, never
fitted. The score floor is a product choice, not a fit: the labelled markets hold no demand
without a counterpart, so calibration alone proposes a listing's best candidate on almost no
evidence (it picked 0.03, and proposed a biogas offer to a drying demand in the integration
tests' background market of unrelated listings); 0.08 stops that and leaves 1 of 64 dev demands
without a proposal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from services.matching.engine.explanation import Proposal

FEATURES = ("intercept", "score", "text", "relative", "log_rank")
"""The calibration's inputs, in the order of `ServingSettings.coefficients`."""


class ServingSettings(BaseModel):
    """The gate between the ranked candidates of a listing and its proposals."""

    model_config = ConfigDict(frozen=True)

    coefficients: tuple[float, float, float, float, float] = Field(
        default=(-0.96, 1.72, 1.01, 2.31, -0.84),
        description="Logistic coefficients of (intercept, score, text relevance, score / best "
        "score, ln rank) giving the probability that a candidate is relevant.",
    )
    min_probability: float = Field(
        default=0.5, ge=0, le=1, description="Probability of relevance worth a proposal."
    )
    best_probability: float = Field(
        default=0.1,
        ge=0,
        le=1,
        description="Probability from which a listing's best candidate is proposed even below "
        "`min_probability`: a listing with a plausible counterpart is not left empty.",
    )
    floor: float = Field(
        default=0.08, ge=0, le=1, description="No proposal scores below this, whatever the rest."
    )
    text_floor: float = Field(
        default=0.02,
        ge=0,
        le=1,
        description="No proposal has less text relevance: structured fit alone is no match.",
    )


def _text(proposal: Proposal) -> float:
    feature = proposal.features.get("text")
    return 0.0 if feature is None else feature.value


def gate_features(proposal: Proposal, best: float, rank: int) -> tuple[float, ...]:
    """The calibration's inputs for the candidate at `rank` (1 = best) of a listing."""
    relative = proposal.score / best if best > 0 else 0.0
    return (1.0, proposal.score, _text(proposal), relative, math.log(rank))


def probability(features: Sequence[float], settings: ServingSettings) -> float:
    logit = sum(c * x for c, x in zip(settings.coefficients, features, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))


def served(ranked: Sequence[Proposal], settings: ServingSettings, limit: int) -> list[Proposal]:
    """The proposals made from `ranked` (best first), at most `limit`, in the same order."""
    if not ranked or limit <= 0:
        return []
    best = ranked[0].score
    kept = []
    for rank, proposal in enumerate(ranked, start=1):
        if proposal.score < settings.floor or _text(proposal) < settings.text_floor:
            continue
        chance = probability(gate_features(proposal, best, rank), settings)
        needed = settings.best_probability if rank == 1 else settings.min_probability
        if chance >= needed:
            kept.append(proposal)
    return kept[:limit]
