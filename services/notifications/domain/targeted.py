"""Targeted messages: sent to the parties an event concerns, without any subscription.

One entry of `TARGETED` per message: its template, who receives it (and whose contact details
it reveals to them), and the facts the template shows. Adding a message is adding an entry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from services.notifications.domain.recipients import RecipientRef, listing_owner, organization
from shared.events.base import Event
from shared.events.connections import IntroductionOpened
from shared.events.listings import ListingReturned
from shared.events.matches import MatchAccepted, MatchProposed


@dataclass(frozen=True)
class Party:
    recipient: RecipientRef
    role: str
    """`owner`, `offer` (the supplier side) or `demand` (the seeker side)."""
    counterpart: RecipientRef | None = None
    """Whose contact details the message reveals (only once both sides agreed)."""


@dataclass(frozen=True)
class TargetedMessage:
    template: str
    parties: Callable[[Event], list[Party]]
    facts: Callable[[Event], dict[str, Any]]
    listings: Callable[[Event], tuple[str, ...]]
    """Listings whose public titles the message names."""


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
}
"""`ce_type` → the targeted message it triggers."""
