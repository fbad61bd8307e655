"""Events on `stx.matches.v1`: proposals between an offer and a demand, and the responses.

Parties stay anonymous to each other until both are interested: an anonymous demand's owner
never appears here.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, Field

from shared.events.base import Event
from shared.events.listings import LISTING_ID_EXAMPLE
from shared.events.organizations import ORG_ID_EXAMPLE
from shared.events.registry import register
from shared.events.vocabulary import ListingKind, Sector
from shared.topics import MATCHES

MATCH_ID_EXAMPLE = "mat_3f1c9a7e52d04b18"


class DeclineReason(StrEnum):
    TOO_EARLY_STAGE = "too_early_stage"
    PRICE = "price"
    UNCLEAR_BENEFIT = "unclear_benefit"
    WRONG_SECTOR = "wrong_sector"
    OTHER = "other"


class ProposedBy(StrEnum):
    ENGINE = "engine"
    BROKER = "broker"


class FeatureContribution(BaseModel):
    name: str = Field(description="Feature name.", examples=["sector"])
    value: float = Field(ge=0, le=1, description="Feature value in [0, 1].", examples=[1.0])
    weight: float = Field(ge=0, le=1, description="Its weight in the score.", examples=[0.2])
    contribution: float = Field(ge=0, le=1, description="value × weight.", examples=[0.2])


class Explanation(BaseModel):
    features: list[FeatureContribution] = Field(description="Each feature's contribution.")
    shared_terms: list[str] = Field(
        default_factory=list, description="Terms both listings share.", examples=[["sấy lạnh"]]
    )
    sentence_vi: str = Field(
        description="A short Vietnamese explanation.",
        examples=["Cùng lĩnh vực · TRL 7 ≥ yêu cầu 6 · Giá ≤ ngân sách · Trùng từ khóa: sấy lạnh"],
    )


class _MatchEvent(Event):
    topic: ClassVar[str] = MATCHES
    subject_field: ClassVar[str] = "match_id"

    match_id: str = Field(
        description="Stable id of the (offer, demand) match.", examples=[MATCH_ID_EXAMPLE]
    )
    offer_id: str = Field(description="The offer.", examples=[LISTING_ID_EXAMPLE])
    demand_id: str = Field(description="The demand.", examples=["lst_01JC9X0F1B2C3D4E5F6G7H8J9Z"])


@register
class MatchProposed(_MatchEvent):
    """The engine (or a broker) proposes that an offer answers a demand."""

    ce_type: ClassVar[str] = "stx.match.proposed"

    score: float = Field(ge=0, le=1, description="Weighted score in [0, 1].", examples=[0.82])
    explanation: Explanation = Field(description="Why the two listings match.")
    engine_version: str = Field(
        description="Version of the matching engine.", examples=["stx-match-1.0"]
    )
    proposed_by: ProposedBy = Field(description="`engine` or `broker`.", examples=["engine"])
    sector: Sector = Field(description="Sector of the demand.", examples=["medicinal_herbs"])
    offer_owner_organization_id: str = Field(
        description="Owner of the offer.", examples=[ORG_ID_EXAMPLE]
    )
    demand_owner_organization_id: str | None = Field(
        default=None,
        description="Owner of the demand; null when the demand is anonymous.",
        examples=[None],
    )
    expires_at: datetime = Field(
        description="Unanswered proposals expire at this time (UTC).",
        examples=["2026-12-26T08:15:00Z"],
    )


@register
class MatchRetracted(_MatchEvent):
    """An open proposal no longer stands (a listing left the market, or a re-score dropped it)."""

    ce_type: ClassVar[str] = "stx.match.retracted"

    reason: str = Field(description="Why it was retracted.", examples=["offer_withdrawn"])


@register
class MatchInterestExpressed(_MatchEvent):
    """One side said it is interested; the other has not answered yet."""

    ce_type: ClassVar[str] = "stx.match.interest_expressed"

    side: ListingKind = Field(description="Which side answered.", examples=["demand"])


@register
class MatchDeclined(_MatchEvent):
    """One side is not interested."""

    ce_type: ClassVar[str] = "stx.match.declined"

    side: ListingKind = Field(description="Which side declined.", examples=["offer"])
    reason: DeclineReason = Field(description="Structured reason.", examples=["price"])


@register
class MatchAccepted(_MatchEvent):
    """Both sides are interested: an introduction opens."""

    ce_type: ClassVar[str] = "stx.match.accepted"

    offer_owner_organization_id: str = Field(
        description="Owner of the offer.", examples=[ORG_ID_EXAMPLE]
    )
    demand_owner_organization_id: str | None = Field(
        default=None,
        description="Owner of the demand; null when the demand is anonymous.",
        examples=[None],
    )


@register
class MatchExpired(_MatchEvent):
    """Nobody answered in time."""

    ce_type: ClassVar[str] = "stx.match.expired"
