"""A proposal ("match") of an offer for a demand, and the two parties' answers.

    proposed ─ one side interested ─> proposed (waiting for the other side)
    proposed ─ both interested ─────> accepted    (an introduction opens)
    proposed ─ one side not ────────> declined    (with a structured reason)
    proposed ─ nobody answered ─────> expired
    proposed ─ a listing left ──────> retracted   (or a re-score dropped the pair)

Parties stay anonymous to each other until both are interested: the events carry the
demand's owner only when the demand is public.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from services.matching.domain.errors import ConflictError, RuleBrokenError
from services.matching.domain.ids import match_id_of
from shared.events.base import Event
from shared.events.listings import ListingSnapshot
from shared.events.matches import (
    DeclineReason,
    Explanation,
    MatchAccepted,
    MatchDeclined,
    MatchExpired,
    MatchInterestExpressed,
    MatchProposed,
    MatchRetracted,
    ProposedBy,
)
from shared.events.vocabulary import ListingKind, ListingStatus, Sector


class MatchStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"
    RETRACTED = "retracted"


class Answer(BaseModel):
    """One side's answer. The comment is internal: it never reaches a topic."""

    model_config = ConfigDict(frozen=True)

    interested: bool
    reason: DeclineReason | None = None
    comment: str = ""
    organization_id: str
    answered_by: str
    answered_at: datetime


class Scoring(BaseModel):
    """How well the pair fits, and why (from the engine, or a broker's judgement)."""

    model_config = ConfigDict(frozen=True)

    score: float
    explanation: Explanation
    engine_version: str


class Match(BaseModel):
    model_config = ConfigDict(frozen=True)

    match_id: str
    offer_id: str
    demand_id: str
    sector: Sector
    offer_owner_organization_id: str
    demand_owner_organization_id: str | None
    """The demand's public owner: None while the demand is anonymous."""
    proposed_by: ProposedBy
    proposed_at: datetime
    expires_at: datetime
    scoring: Scoring
    status: MatchStatus = MatchStatus.PROPOSED
    offer_answer: Answer | None = None
    demand_answer: Answer | None = None
    closed_at: datetime | None = None
    closed_reason: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status == MatchStatus.PROPOSED

    def answer_of(self, side: ListingKind) -> Answer | None:
        return self.offer_answer if side == ListingKind.OFFER else self.demand_answer

    def ids(self) -> dict[str, Any]:
        return {"match_id": self.match_id, "offer_id": self.offer_id, "demand_id": self.demand_id}

    def _closed(self, status: MatchStatus, now: datetime, reason: str | None = None) -> Match:
        return self.model_copy(update={"status": status, "closed_at": now, "closed_reason": reason})


def check_proposable(
    offer: ListingSnapshot,
    demand: ListingSnapshot,
    offer_owner: str | None,
    demand_owner: str | None,
) -> None:
    """A broker may pair any published offer with any published demand of another owner."""
    for field, listing, kind in (
        ("offer_id", offer, ListingKind.OFFER),
        ("demand_id", demand, ListingKind.DEMAND),
    ):
        if listing.kind != kind:
            raise RuleBrokenError(field, f"{listing.listing_id} is a {listing.kind}, not a {kind}")
        if listing.status != ListingStatus.PUBLISHED:
            raise ConflictError(
                "listing.published",
                f"{listing.listing_id} is {listing.status}: only published listings are matched",
            )
    if offer_owner is None:
        raise ConflictError("offer.owner", f"the owner of {offer.listing_id} is not known yet")
    if offer_owner == demand_owner:
        raise RuleBrokenError(
            "demand_id", "an organisation's offer is never proposed for its own demand"
        )


def propose(
    offer: ListingSnapshot,
    demand: ListingSnapshot,
    offer_owner: str,
    scoring: Scoring,
    proposed_by: ProposedBy,
    now: datetime,
    ttl: timedelta,
) -> tuple[Match, MatchProposed]:
    match = Match(
        match_id=match_id_of(offer.listing_id, demand.listing_id),
        offer_id=offer.listing_id,
        demand_id=demand.listing_id,
        sector=demand.sector,
        offer_owner_organization_id=offer_owner,
        demand_owner_organization_id=demand.owner_organization_id,
        proposed_by=proposed_by,
        proposed_at=now,
        expires_at=now + ttl,
        scoring=scoring,
    )
    event = MatchProposed(
        **match.ids(),
        **scoring.model_dump(),
        proposed_by=proposed_by,
        sector=match.sector,
        offer_owner_organization_id=offer_owner,
        demand_owner_organization_id=match.demand_owner_organization_id,
        expires_at=match.expires_at,
    )
    return match, event


def _check_answer(match: Match, side: ListingKind, answer: Answer) -> None:
    if not match.is_open:
        raise ConflictError(
            "match.open", f"the proposal is {match.status}: it takes no more answers"
        )
    if answer.answered_at >= match.expires_at:
        raise ConflictError(
            "match.expires_at", f"the proposal expired at {match.expires_at.isoformat()}"
        )
    if match.answer_of(side) is not None:
        raise ConflictError("match.answer_once", f"the {side} side has already answered")
    if answer.interested and answer.reason is not None:
        raise RuleBrokenError("reason", "a reason is given only when not interested")
    if not answer.interested and answer.reason is None:
        raise RuleBrokenError(
            "reason", "say why you are not interested (too_early_stage, price, …)"
        )
    if answer.reason == DeclineReason.OTHER and not answer.comment:
        raise RuleBrokenError("comment", "explain the reason `other` in a comment")


def answer(match: Match, side: ListingKind, given: Answer) -> tuple[Match, list[Event]]:
    """Record one side's answer: interest, acceptance when both are interested, or decline."""
    _check_answer(match, side, given)
    answered = match.model_copy(update={f"{side.value}_answer": given})
    if given.reason is not None:
        declined = MatchDeclined(**match.ids(), side=side, reason=given.reason)
        return answered._closed(MatchStatus.DECLINED, given.answered_at, given.reason), [declined]
    other = answered.answer_of(
        ListingKind.DEMAND if side == ListingKind.OFFER else ListingKind.OFFER
    )
    if other is None:
        return answered, [MatchInterestExpressed(**match.ids(), side=side)]
    accepted = MatchAccepted(
        **match.ids(),
        offer_owner_organization_id=match.offer_owner_organization_id,
        demand_owner_organization_id=match.demand_owner_organization_id,
    )
    return answered._closed(MatchStatus.ACCEPTED, given.answered_at), [accepted]


def retract(match: Match, reason: str, now: datetime) -> tuple[Match, list[Event]]:
    """An open proposal no longer stands; a closed one is left as it is."""
    if not match.is_open:
        return match, []
    return match._closed(MatchStatus.RETRACTED, now, reason), [
        MatchRetracted(**match.ids(), reason=reason)
    ]


def expire(match: Match, now: datetime) -> tuple[Match, list[Event]]:
    """An open proposal past its time expires; anything else is left as it is."""
    if not match.is_open or now < match.expires_at:
        return match, []
    return match._closed(MatchStatus.EXPIRED, now, "unanswered"), [MatchExpired(**match.ids())]


def rescore(match: Match, scoring: Scoring) -> Match:
    """An update of either listing refreshes an open proposal's score (no event)."""
    return match.model_copy(update={"scoring": scoring}) if match.is_open else match
