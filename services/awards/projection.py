"""Other services' events → activity facts (one side of one public market fact each).

The date of a fact is the business date the event carries (signed on, closed on...) or, when
it carries none, the day the event happened in Asia/Ho_Chi_Minh. Adding a new kind of evidence
is one function here and one handler.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from services.awards.domain.activity import ActivityFact, FactKind, Side
from services.awards.domain.eligibility import Nominee
from shared.clock import local_day
from shared.events.connection_events import MeetingOutcomeRecorded
from shared.events.connections import IntroductionParties
from shared.events.listings import ListingPublished
from shared.events.matches import MatchAccepted
from shared.events.organizations import OrganizationProfile
from shared.events.vocabulary import ListingKind


def nominee_of(profile: OrganizationProfile) -> Nominee:
    return Nominee(
        organization_id=profile.organization_id,
        name=profile.name,
        kind=profile.kind,
        verified=profile.verified,
    )


def listing_published(event: ListingPublished, at: datetime) -> list[ActivityFact]:
    listing = event.listing
    kind = (
        FactKind.OFFER_PUBLISHED if listing.kind is ListingKind.OFFER else FactKind.DEMAND_PUBLISHED
    )
    return [
        ActivityFact(
            kind=kind,
            ref=listing.listing_id,
            side=Side.OWNER,
            organization_id=listing.owner_organization_id,  # null for an anonymous demand
            listing_id=listing.listing_id,
            on=local_day(listing.published_at or at),
            state_funded=listing.state_funded,
        )
    ]


def match_accepted(event: MatchAccepted, at: datetime) -> list[ActivityFact]:
    sides = _Sides(
        event.offer_owner_organization_id,
        event.offer_id,
        event.demand_owner_organization_id,
        event.demand_id,
    )
    return sides.facts(FactKind.MATCH_ACCEPTED, event.match_id, local_day(at))


def meeting_attended(event: MeetingOutcomeRecorded, at: datetime) -> list[ActivityFact]:
    """A B2B meeting's outcome recorded for a side: that side was at the techmart (a `no_show`
    outcome says the *other* side did not come). One fact per event and organisation, however
    many meetings it had there."""
    return [
        ActivityFact(
            kind=FactKind.CONNECTION_EVENT_ATTENDED,
            ref=f"{event.event_id}:{event.organization_id}",
            side=Side.ATTENDEE,
            organization_id=event.organization_id,
            on=local_day(at),
        )
    ]


def introduction(
    kind: FactKind, introduction_id: str, parties: IntroductionParties, on: date, value_vnd: int = 0
) -> list[ActivityFact]:
    """Both sides of an introduction step (opened, MoU, contract, registration, deal)."""
    sides = _Sides(
        parties.supplier_organization_id,
        parties.offer_id,
        parties.seeker_organization_id,
        parties.demand_id,
    )
    return sides.facts(kind, introduction_id, on, value_vnd, parties.state_funded)


@dataclass(frozen=True)
class _Sides:
    supplier: str
    offer_id: str
    seeker: str | None  # null while an anonymous demand's owner is unknown
    demand_id: str

    def facts(
        self, kind: FactKind, ref: str, on: date, value_vnd: int = 0, state_funded: bool = False
    ) -> list[ActivityFact]:
        sides = (
            (Side.SUPPLIER, self.supplier, self.offer_id),
            (Side.SEEKER, self.seeker, self.demand_id),
        )
        return [
            ActivityFact(
                kind=kind,
                ref=ref,
                side=side,
                organization_id=organization_id,
                listing_id=listing_id,
                on=on,
                value_vnd=value_vnd,
                state_funded=state_funded,
            )
            for side, organization_id, listing_id in sides
        ]
