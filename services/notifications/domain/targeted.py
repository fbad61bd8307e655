"""Targeted messages: sent to the parties an event concerns, without any subscription.

One entry of `TARGETED` per message: its template, who receives it (and whose contact details
it reveals to them), and the facts the template shows. Adding a message is adding an entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

from services.notifications.domain.attachments import meeting_cancellation, meeting_invitation
from services.notifications.domain.messages import Party, TargetedMessage
from services.notifications.domain.recipients import RecipientRef, listing_owner, organization
from services.notifications.domain.targeted_meetings import (
    cancelled_facts,
    meeting_facts,
    meeting_id,
    meeting_listings,
    meeting_parties,
)
from shared.events.awards import AwardProgrammeOpened
from shared.events.base import Event
from shared.events.connection_events import (
    MeetingCancelled,
    MeetingRequestSent,
    MeetingRescheduled,
    MeetingScheduled,
)
from shared.events.connections import IntroductionOpened
from shared.events.listings import ListingReturned
from shared.events.matches import MatchAccepted, MatchProposed
from shared.events.nominations import AwardGranted
from shared.events.vocabulary import OrganizationKind


def _owner(org_id: str | None, listing_id: str) -> RecipientRef:
    """The owner named in the event, else the privately recorded owner (anonymous demands)."""
    return organization(org_id) if org_id else listing_owner(listing_id)


def _returned_owner(event: Event) -> list[Party]:
    assert isinstance(event, ListingReturned)
    return [Party(_owner(event.listing.owner_organization_id, event.listing_id), "owner")]


def _returned_facts(event: Event) -> dict[str, Any]:
    assert isinstance(event, ListingReturned)
    return {
        "listing_id": event.listing_id,
        "title": event.listing.title,
        "reasons_given": [reason.value for reason in event.feedback.reasons],
        "comment": event.feedback.comment,
    }


def _match_sides(event: Event) -> tuple[RecipientRef, RecipientRef]:
    assert isinstance(event, MatchProposed | MatchAccepted)
    return (
        organization(event.offer_owner_organization_id),
        _owner(event.demand_owner_organization_id, event.demand_id),
    )


def _proposal_parties(event: Event) -> list[Party]:
    supplier, seeker = _match_sides(event)
    return [Party(supplier, "offer"), Party(seeker, "demand")]


def _introduced_match_parties(event: Event) -> list[Party]:
    supplier, seeker = _match_sides(event)
    return [Party(supplier, "offer", seeker), Party(seeker, "demand", supplier)]


def _match_facts(event: Event) -> dict[str, Any]:
    assert isinstance(event, MatchProposed | MatchAccepted)
    facts: dict[str, Any] = {
        "match_id": event.match_id,
        "offer_id": event.offer_id,
        "demand_id": event.demand_id,
    }
    if isinstance(event, MatchProposed):
        facts |= {
            "score": event.score,
            "explanation": event.explanation.sentence_vi,
            "sector": event.sector.value,
            "expires_at": event.expires_at.isoformat(),
        }
    return facts


def _match_listings(event: Event) -> tuple[str, ...]:
    assert isinstance(event, MatchProposed | MatchAccepted)
    return (event.offer_id, event.demand_id)


def _introduction_parties(event: Event) -> list[Party]:
    """A broker's introduction without a match; after a match, `match_accepted` introduced them."""
    assert isinstance(event, IntroductionOpened)
    parties = event.parties
    if parties.match_id is not None:
        return []
    supplier = organization(parties.supplier_organization_id)
    seeker = _owner(parties.seeker_organization_id, parties.demand_id)
    return [Party(supplier, "offer", seeker), Party(seeker, "demand", supplier)]


def _introduction_facts(event: Event) -> dict[str, Any]:
    assert isinstance(event, IntroductionOpened)
    return {
        "introduction_id": event.introduction_id,
        "offer_id": event.parties.offer_id,
        "demand_id": event.parties.demand_id,
        "sector": event.parties.sector.value,
    }


def _introduction_listings(event: Event) -> tuple[str, ...]:
    assert isinstance(event, IntroductionOpened)
    return (event.parties.offer_id, event.parties.demand_id)


def _returned_listing(event: Event) -> tuple[str, ...]:
    return ()  # the event carries the title itself


def _no_listings(event: Event) -> tuple[str, ...]:
    return ()


def _no_parties(event: Event) -> list[Party]:
    return []


def _request_parties(event: Event) -> list[Party]:
    """The organisation asked, told who asked (by public name, if known)."""
    assert isinstance(event, MeetingRequestSent)
    asked = organization(event.to_organization_id)
    return [Party(asked, "asked", named=organization(event.from_organization_id))]


def _request_facts(event: Event) -> dict[str, Any]:
    assert isinstance(event, MeetingRequestSent)
    return {
        "request_id": event.request_id,
        "event_id": event.event_id,
        "expires_at": event.expires_at.isoformat(),
    }


def _award_parties(event: Event) -> list[Party]:
    """The nominee and its nominator (once, when it nominated itself)."""
    assert isinstance(event, AwardGranted)
    nominee = Party(organization(event.nominee_organization_id), "nominee")
    if event.nominator_organization_id == event.nominee_organization_id:
        return [nominee]
    return [nominee, Party(organization(event.nominator_organization_id), "nominator")]


def _award_facts(event: Event) -> dict[str, Any]:
    assert isinstance(event, AwardGranted)
    return {
        "nomination_id": event.nomination_id,
        "programme_id": event.programme_id,
        "year": event.year,
        "programme_title": event.programme_title,
        "category_name": event.category_name,
        "category_name_en": event.category_name_en,
        "level": event.level.value,
        "nominee_name": event.nominee_name,
        "citation": event.citation,
        "announced_at": event.announced_at.isoformat(),
    }


def _programme_facts(event: Event) -> dict[str, Any]:
    assert isinstance(event, AwardProgrammeOpened)
    return {
        "programme_id": event.programme_id,
        "year": event.year,
        "title": event.title,
        "title_en": event.title_en,
        "period_start": event.period_start.isoformat(),
        "period_end": event.period_end.isoformat(),
        "nominations_close_at": event.nominations_close_at.isoformat(),
        "categories": [
            {
                "name": category.name,
                "name_en": category.name_en,
                "quota": category.quota,
                "merit_quota": category.merit_quota,
            }
            for category in event.categories
        ],
    }


def _nominations_close(facts: Mapping[str, Any]) -> datetime:
    return datetime.fromisoformat(facts["nominations_close_at"])


TARGETED: Final[Mapping[str, TargetedMessage]] = {
    ListingReturned.ce_type: TargetedMessage(
        "listing_returned", _returned_owner, _returned_facts, _returned_listing
    ),
    MatchProposed.ce_type: TargetedMessage(
        "match_proposed", _proposal_parties, _match_facts, _match_listings
    ),
    MatchAccepted.ce_type: TargetedMessage(
        "match_accepted", _introduced_match_parties, _match_facts, _match_listings
    ),
    IntroductionOpened.ce_type: TargetedMessage(
        "introduction_opened", _introduction_parties, _introduction_facts, _introduction_listings
    ),
    MeetingScheduled.ce_type: TargetedMessage(
        "meeting_scheduled",
        meeting_parties,
        meeting_facts,
        meeting_listings,
        attachments=meeting_invitation,
        revised=meeting_id,
    ),
    MeetingRescheduled.ce_type: TargetedMessage(
        "meeting_rescheduled",
        meeting_parties,
        meeting_facts,
        meeting_listings,
        attachments=meeting_invitation,
        revised=meeting_id,
    ),
    MeetingCancelled.ce_type: TargetedMessage(
        "meeting_cancelled",
        meeting_parties,
        cancelled_facts,
        _no_listings,
        attachments=meeting_cancellation,
        revised=meeting_id,
    ),
    MeetingRequestSent.ce_type: TargetedMessage(
        "meeting_request_received", _request_parties, _request_facts, _no_listings
    ),
    AwardGranted.ce_type: TargetedMessage(
        "award_granted", _award_parties, _award_facts, _no_listings
    ),
    AwardProgrammeOpened.ce_type: TargetedMessage(
        "award_programme_opened",
        _no_parties,
        _programme_facts,
        _no_listings,
        audience=OrganizationKind.ASSOCIATION,
        open_until=_nominations_close,
    ),
}
"""`ce_type` → the targeted message it triggers."""
