"""The lifecycle of a listing:

    draft → submitted → published | returned (feedback) → submitted …
    published → updated · → withdrawn (reason) · → expired (sweep) → renewed · → fulfilled (deal)

Each transition takes the listing and returns its next version with the events it produces.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from services.listings.domain.errors import (
    InvalidInputError,
    InvalidTransitionError,
    RuleBrokenError,
)
from services.listings.domain.listings import Listing, ListingChange, ListingState
from services.listings.domain.moderation import Decision, ModerationDecision, QualityScore
from services.listings.domain.organizations import Organization
from services.listings.domain.terms import check
from shared.clock import local_day
from shared.events.base import Event
from shared.events.contacts import ListingOwnerRecorded
from shared.events.listings import (
    ListingExpired,
    ListingFulfilled,
    ListingPublished,
    ListingRenewed,
    ListingReturned,
    ListingSubmitted,
    ListingUpdated,
    ListingWithdrawn,
    ReturnFeedback,
)

SUBMITTABLE = (ListingState.DRAFT, ListingState.RETURNED)
WITHDRAWABLE = (
    ListingState.DRAFT,
    ListingState.SUBMITTED,
    ListingState.RETURNED,
    ListingState.PUBLISHED,
    ListingState.EXPIRED,
)
RENEWABLE = (ListingState.PUBLISHED, ListingState.EXPIRED)
DEAL_CLOSABLE = (ListingState.PUBLISHED, ListingState.EXPIRED, ListingState.FULFILLED)


def _require(listing: Listing, action: str, allowed: Sequence[ListingState]) -> None:
    if listing.status not in allowed:
        raise InvalidTransitionError(action, listing.status.value, [s.value for s in allowed])


def submit(
    listing: Listing, owner: Organization, duplicates: Sequence[str], now: datetime
) -> ListingChange:
    """To moderation. The first submission also tells the services who owns it (internally)."""
    _require(listing, "submit", SUBMITTABLE)
    if not owner.verified:
        raise RuleBrokenError(
            "organization.verified", "a broker must verify the organisation first"
        )
    check(listing.terms, local_day(now))
    submitted = listing.changed(
        now, status=ListingState.SUBMITTED, submitted_at=now, possible_duplicates=tuple(duplicates)
    )
    events: list[Event] = [
        ListingSubmitted(listing_id=listing.listing_id, listing=submitted.snapshot())
    ]
    if not listing.was_submitted:
        owner_id = listing.owner.organization_id
        events.append(
            ListingOwnerRecorded(listing_id=listing.listing_id, owner_organization_id=owner_id)
        )
    return ListingChange(submitted, events)


def approve(listing: Listing, broker: str, score: QualityScore, now: datetime) -> ListingChange:
    decision = ModerationDecision(
        decision=Decision.APPROVED, decided_by=broker, decided_at=now, score=score
    )
    if listing.pending is not None and listing.status is ListingState.PUBLISHED:
        return _approve_revision(listing, decision, now)
    _require(listing, "approve", (ListingState.SUBMITTED,))
    _still_valid(listing, local_day(now))
    published = listing.changed(
        now,
        status=ListingState.PUBLISHED,
        published_at=listing.published_at or now,
        moderation=(*listing.moderation, decision),
    )
    return ListingChange(
        published, [ListingPublished(listing_id=listing.listing_id, listing=published.snapshot())]
    )


def _approve_revision(
    listing: Listing, decision: ModerationDecision, now: datetime
) -> ListingChange:
    """The pending revision replaces the public version and is announced."""
    assert listing.pending is not None
    revised = listing.changed(
        now,
        terms=listing.pending.terms,
        location=listing.pending.location,
        pending=None,
        moderation=(*listing.moderation, decision),
    )
    return ListingChange(
        revised, [ListingUpdated(listing_id=listing.listing_id, listing=revised.snapshot())]
    )


def return_to_owner(
    listing: Listing,
    broker: str,
    feedback: ReturnFeedback,
    score: QualityScore | None,
    now: datetime,
) -> ListingChange:
    """Back to the owner with reason codes and a comment; the owner edits and resubmits. A
    pending revision of a published listing is dropped; the approved version stays public."""
    decision = ModerationDecision(
        decision=Decision.RETURNED,
        decided_by=broker,
        decided_at=now,
        score=score,
        feedback=feedback,
    )
    history = (*listing.moderation, decision)
    if listing.pending is not None and listing.status is ListingState.PUBLISHED:
        returned = listing.changed(now, pending=None, moderation=history)
    else:
        _require(listing, "return", (ListingState.SUBMITTED,))
        returned = listing.changed(now, status=ListingState.RETURNED, moderation=history)
    event = ListingReturned(
        listing_id=listing.listing_id, listing=returned.snapshot(), feedback=feedback
    )
    return ListingChange(returned, [event])


def withdraw(listing: Listing, reason: str, now: datetime) -> ListingChange:
    """Off the exchange. A draft nobody else has seen is withdrawn silently."""
    _require(listing, "withdraw", WITHDRAWABLE)
    withdrawn = listing.changed(now, status=ListingState.WITHDRAWN, withdrawal_reason=reason)
    if not listing.was_submitted:
        return ListingChange(withdrawn, [])
    event = ListingWithdrawn(
        listing_id=listing.listing_id, listing=withdrawn.snapshot(), reason=reason
    )
    return ListingChange(withdrawn, [event])


def expire(listing: Listing, now: datetime) -> ListingChange:
    """Published past its last valid day (Asia/Ho_Chi_Minh)."""
    _require(listing, "expire", (ListingState.PUBLISHED,))
    valid_until = listing.terms.valid_until
    if valid_until is None or valid_until >= local_day(now):
        raise RuleBrokenError("valid_until", "the listing is still valid")
    expired = listing.changed(now, status=ListingState.EXPIRED)
    return ListingChange(
        expired, [ListingExpired(listing_id=listing.listing_id, listing=expired.snapshot())]
    )


def renew(listing: Listing, valid_until: date, now: datetime) -> ListingChange:
    """A new last valid day; an expired listing is published again (it was moderated)."""
    _require(listing, "renew", RENEWABLE)
    if valid_until <= local_day(now):
        raise InvalidInputError.one("valid_until", "the new validity date must be in the future")
    terms = listing.terms.model_copy(update={"valid_until": valid_until})
    renewed = listing.changed(now, status=ListingState.PUBLISHED, terms=terms)
    return ListingChange(
        renewed, [ListingRenewed(listing_id=listing.listing_id, listing=renewed.snapshot())]
    )


def fulfil(listing: Listing, introduction_id: str, now: datetime) -> ListingChange:
    """A deal closed on it. The same introduction reported again changes nothing."""
    if introduction_id in listing.deals:
        return ListingChange(listing, [])
    _require(listing, "close a deal on", DEAL_CLOSABLE)
    fulfilled = listing.changed(
        now, status=ListingState.FULFILLED, deals=(*listing.deals, introduction_id)
    )
    event = ListingFulfilled(
        listing_id=listing.listing_id, listing=fulfilled.snapshot(), introduction_id=introduction_id
    )
    return ListingChange(fulfilled, [event])


def _still_valid(listing: Listing, today: date) -> None:
    valid_until = listing.terms.valid_until
    if valid_until is not None and valid_until < today:
        message = f"validity ended on {valid_until.isoformat()}: the owner must extend valid_until"
        raise RuleBrokenError("valid_until", message)
