"""The transparent weighted score: each feature in [0, 1] times its (normalised) weight."""

from __future__ import annotations

from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, model_validator

FEATURES = ("text", "sector", "trl", "budget", "transfer_form", "region", "state_funded")
"""Feature names, in the order they are explained."""
STRUCTURED = FEATURES[1:]


class Weights(BaseModel):
    """How much each feature counts. Defaults sum to 1; other values are normalised by their sum."""

    model_config = ConfigDict(frozen=True)

    text: float = Field(default=0.36, ge=0, description="Text relevance (keywords + embeddings).")
    sector: float = Field(default=0.23, ge=0, description="Same or related sector.")
    trl: float = Field(default=0.09, ge=0, description="Offer TRL vs the demand's minimum TRL.")
    budget: float = Field(default=0.09, ge=0, description="Asking price vs the demand's budget.")
    transfer_form: float = Field(default=0.05, ge=0, description="Shared transfer forms.")
    region: float = Field(default=0.09, ge=0, description="Same or neighbouring province.")
    state_funded: float = Field(
        default=0.09,
        ge=0,
        description="Boost for results of state-funded tasks (commercialisation priority).",
    )

    @model_validator(mode="after")
    def _some_weight(self) -> Weights:
        if self.total() <= 0:
            raise ValueError("at least one weight must be positive")
        return self

    def total(self) -> float:
        return sum(self.of(name) for name in FEATURES)

    def of(self, name: str) -> float:
        value: float = getattr(self, name)
        return value

    @cached_property
    def normalised(self) -> dict[str, float]:
        """Feature name → weight / sum of weights (computed once: the model is frozen)."""
        total = self.total()
        return {name: self.of(name) / total for name in FEATURES}


class ScoringSettings(BaseModel):
    """The feature weights, and how far structured fit counts when texts barely relate."""

    model_config = ConfigDict(frozen=True)

    weights: Weights = Field(default_factory=Weights, description="Feature weights.")
    full_fit_from_text: float = Field(
        default=0.4,
        gt=0,
        le=1,
        description="Text relevance from which structured fit counts in full; below it, "
        "structured features count in proportion (same sector and province alone is no match).",
    )

    def gate(self, text: float) -> float:
        """Share of the structured features that counts, given the text relevance."""
        return min(1.0, max(0.0, text) / self.full_fit_from_text)


class FeatureScore(BaseModel):
    """One feature of a proposal: its value, its normalised weight and what it added."""

    model_config = ConfigDict(frozen=True)

    value: float = Field(ge=0, le=1, description="The feature, in [0, 1].", examples=[0.8])
    weight: float = Field(ge=0, le=1, description="Normalised weight.", examples=[0.15])
    contribution: float = Field(
        ge=0,
        le=1,
        description="value × weight (× the text gate for structured features).",
        examples=[0.12],
    )


def _clipped(value: float) -> float:
    return min(1.0, max(0.0, value))


def contributions(values: dict[str, float], settings: ScoringSettings) -> dict[str, float]:
    """What each feature adds to the score; structured ones scaled by the text gate."""
    weights, gate = settings.weights.normalised, settings.gate(values["text"])
    return {
        name: _clipped(values[name]) * weight * (1.0 if name == "text" else gate)
        for name, weight in weights.items()
    }


def score_of(values: dict[str, float], settings: ScoringSettings) -> float:
    """Σ contributions, in [0, 1], rounded to 4 decimals (stable ordering)."""
    weights = settings.weights.normalised
    structured = sum(_clipped(values[name]) * weights[name] for name in STRUCTURED)
    text = _clipped(values["text"])
    return round(min(1.0, text * weights["text"] + settings.gate(text) * structured), 4)


def feature_scores(values: dict[str, float], settings: ScoringSettings) -> dict[str, FeatureScore]:
    """Each feature's value, normalised weight and contribution to the score."""
    added = contributions(values, settings)
    return {
        # Built from values computed and bounded here: no need to validate them again.
        name: FeatureScore.model_construct(
            value=round(_clipped(values[name]), 4),
            weight=round(weight, 4),
            contribution=round(added[name], 4),
        )
        for name, weight in settings.weights.normalised.items()
    }
