"""HTTP: match proposals — a broker's proposal, the owners' answers, views, decline reasons."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from services.matching.domain.matches import Answer, Match, MatchStatus
from services.matching.domain.reasons import DeclineSummary
from services.matching.service.matches import AnswerRequest, Matches
from shared.auth import Principal, Role, require
from shared.events.base import EdgeModel
from shared.events.matches import DeclineReason, Explanation, ProposedBy
from shared.events.vocabulary import Sector
from shared.http import PROBLEM_RESPONSES

Broker = Annotated[Principal, Depends(require(Role.broker))]
Organization = Annotated[Principal, Depends(require(Role.org))]
Reader = Annotated[Principal, Depends(require(Role.broker, Role.org))]


class ProposalCreate(EdgeModel):
    offer_id: str = Field(min_length=1, max_length=100, description="A published offer.")
    demand_id: str = Field(min_length=1, max_length=100, description="A published demand.")


class AnswerCreate(EdgeModel):
    interested: bool = Field(description="Is your organisation interested?", examples=[False])
    reason: DeclineReason | None = Field(
        default=None, description="Required when not interested.", examples=["price"]
    )
    comment: str = Field(
        default="", max_length=2000, description="Internal: brokers read it, no topic carries it."
    )


class AnswerRead(BaseModel):
    interested: bool
    reason: DeclineReason | None
    comment: str | None = Field(description="Shown to brokers and to the side that wrote it.")
    answered_at: datetime


class MatchRead(BaseModel):
    match_id: str
    offer_id: str
    demand_id: str
    sector: Sector
    score: float
    explanation: Explanation
    engine_version: str
    proposed_by: ProposedBy
    proposed_at: datetime
    expires_at: datetime
    status: MatchStatus
    closed_reason: str | None
    offer_owner_organization_id: str
    demand_owner_organization_id: str | None = Field(description="Null for an anonymous demand.")
    offer_answer: AnswerRead | None
    demand_answer: AnswerRead | None

    @classmethod
    def of(cls, match: Match, reader: Principal) -> MatchRead:
        def shown(given: Answer | None) -> AnswerRead | None:
            if given is None:
                return None
            own = reader.has(Role.broker) or reader.acts_for(given.organization_id)
            comment = given.comment if own else None
            return AnswerRead(**given.model_dump(exclude={"comment"}), comment=comment)

        return cls(
            **match.model_dump(exclude={"scoring", "offer_answer", "demand_answer", "closed_at"}),
            **match.scoring.model_dump(),
            offer_answer=shown(match.offer_answer),
            demand_answer=shown(match.demand_answer),
        )


def matches_router(desk: Matches) -> APIRouter:
    router = APIRouter(prefix="/v1/matches", tags=["matches"], responses=PROBLEM_RESPONSES)
    _reading(router, desk)
    _writing(router, desk)
    return router


def _writing(router: APIRouter, desk: Matches) -> None:
    @router.post("", status_code=201, summary="A broker proposes a match by hand")
    async def propose_match(body: ProposalCreate, broker: Broker) -> MatchRead:
        return MatchRead.of(await desk.propose_by_broker(body.offer_id, body.demand_id), broker)

    @router.post("/{match_id}/answers", summary="Interested, or not interested and why")
    async def answer_match(match_id: str, body: AnswerCreate, owner: Organization) -> MatchRead:
        request = AnswerRequest(body.interested, body.reason, body.comment)
        return MatchRead.of(await desk.answer(match_id, owner, request), owner)


def _reading(router: APIRouter, desk: Matches) -> None:
    @router.get("", summary="Matches of your listings (brokers: all)")
    async def list_matches(
        reader: Reader,
        listing_id: str | None = None,
        status: MatchStatus | None = None,
        sector: Sector | None = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
    ) -> list[MatchRead]:
        found = await desk.visible_to(
            reader, listing_id=listing_id, status=status, sector=sector, limit=limit
        )
        return [MatchRead.of(match, reader) for match in found]

    @router.get("/decline-reasons", summary="Why proposals were declined, aggregated")
    async def decline_reasons(
        reader: Reader, listing_id: str | None = None, sector: Sector | None = None
    ) -> DeclineSummary:
        return await desk.declines(reader, listing_id, sector)

    @router.get("/{match_id}", summary="One match (brokers and the two owners)")
    async def get_match(match_id: str, reader: Reader) -> MatchRead:
        return MatchRead.of(await desk.view(match_id, reader), reader)
