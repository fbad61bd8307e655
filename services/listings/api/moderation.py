"""Brokers: the moderation queue, approve, return with feedback."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from services.listings.api.deps import BrokerDep, UseCasesDep
from services.listings.api.listings import ListingIdPath
from services.listings.api.models import ApproveRequest, ListingRead, QueueItem, ReturnRequest
from shared.http import PROBLEM_RESPONSES

router = APIRouter(prefix="/v1", tags=["moderation"], responses=PROBLEM_RESPONSES)


@router.get("/moderation/queue")
async def moderation_queue(
    _: BrokerDep, services: UseCasesDep, limit: Annotated[int, Query(ge=1, le=200)] = 50
) -> list[QueueItem]:
    """Submitted listings, oldest first, with possible duplicates of the same owner."""
    entries = await services.queries.moderation_queue(limit)
    return [QueueItem.of(entry) for entry in entries]


@router.post("/listings/{listing_id}/approve")
async def approve_listing(
    listing_id: ListingIdPath, body: ApproveRequest, broker: BrokerDep, services: UseCasesDep
) -> ListingRead:
    """Publish it, recording the quality score (clarity, completeness, relevance 0–5)."""
    listing = await services.moderation.approve(broker, listing_id, body.score)
    return ListingRead.of(listing, private=True)


@router.post("/listings/{listing_id}/return")
async def return_listing(
    listing_id: ListingIdPath, body: ReturnRequest, broker: BrokerDep, services: UseCasesDep
) -> ListingRead:
    """Back to its owner with reason codes and a comment."""
    listing = await services.moderation.return_to_owner(
        broker, listing_id, body.feedback, body.score
    )
    return ListingRead.of(listing, private=True)
