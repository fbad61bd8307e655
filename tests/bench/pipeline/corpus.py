"""The benchmark's records: realistic Vietnamese offers/demands as `stx.listing.published`
CloudEvents (`to_record`, exactly what the listings service publishes) and the private contacts
of their owners (so the notifications service can mail both parties of a proposal)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from shared.events.contacts import ContactDetailsUpdated
from shared.events.envelope import OutgoingRecord, source_of, to_record
from shared.events.listings import ListingPublished
from shared.events.vocabulary import ListingKind
from tests.bench.bench_matching_engine import synthetic_listing

SOURCE = source_of("bench", "listings")
ORGANIZATIONS = 40


def org_id(number: int) -> str:
    return f"org_bench_{number:03d}"


@dataclass(frozen=True)
class Listing:
    listing_id: str
    record: OutgoingRecord

    @property
    def event_id(self) -> str:
        return self.record.event_id


def listings(seed: int, count: int, prefix: str) -> list[Listing]:
    """`count` published listings, offers and demands alternating at random (seeded)."""
    rng = random.Random(seed)
    out = []
    for number in range(count):
        kind = ListingKind.OFFER if rng.random() < 0.5 else ListingKind.DEMAND
        snapshot = synthetic_listing(rng, number, kind)
        snapshot = snapshot.model_copy(
            update={
                "listing_id": f"lst_{prefix}_{kind.value}_{number:05d}",
                "owner_organization_id": org_id(rng.randrange(ORGANIZATIONS)),
            }
        )
        event = ListingPublished(listing_id=snapshot.listing_id, listing=snapshot)
        out.append(Listing(snapshot.listing_id, to_record(event, source=SOURCE)))
    return out


def contacts() -> list[OutgoingRecord]:
    source = source_of("bench", "listings")
    return [
        to_record(
            ContactDetailsUpdated(
                organization_id=org_id(n),
                contact_name=f"Nguyễn Văn Bench {n}",
                email=f"lienhe{n:03d}@bench-kontum.edu.vn",
            ),
            source=source,
        )
        for n in range(ORGANIZATIONS)
    ]
