"""The benchmark's records: realistic Vietnamese offers/demands as `stx.listing.published`
CloudEvents (`to_record`, exactly what the listings service publishes), the private contacts
of their owners (so the notifications service can mail both parties of a proposal), and
proposals between them as matching would publish them (to load notifications on its own)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from shared.events.contacts import ContactDetailsUpdated
from shared.events.envelope import OutgoingRecord, source_of, to_record
from shared.events.listings import ListingPublished, ListingSnapshot
from shared.events.matches import Explanation, MatchProposed
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
    snapshot: ListingSnapshot

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
        out.append(Listing(snapshot.listing_id, to_record(event, source=SOURCE), snapshot))
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


def proposals(listings: list[Listing], count: int, seed: int) -> tuple[list[OutgoingRecord], int]:
    """`count` `stx.match.proposed` records between offers and demands of `listings` (pairs drawn
    at random, seeded, ids of their own), and how many e-mails they call for (one per distinct
    owner of the pair)."""
    rng = random.Random(seed)
    offers = [x.snapshot for x in listings if x.snapshot.kind == ListingKind.OFFER]
    demands = [x.snapshot for x in listings if x.snapshot.kind == ListingKind.DEMAND]
    pairs = rng.sample([(o, d) for o in offers for d in demands], count)
    source = source_of("bench", "matching")
    expires = datetime.now(UTC) + timedelta(days=30)
    records, mails = [], 0
    for number, (offer, demand) in enumerate(pairs):
        event = MatchProposed(
            match_id=f"mat_bench_direct_{number:05d}",
            offer_id=offer.listing_id,
            demand_id=demand.listing_id,
            score=0.8,
            explanation=Explanation(features=[], sentence_vi="Cùng lĩnh vực · TRL phù hợp"),
            engine_version="bench",
            proposed_by="engine",
            sector=demand.sector,
            offer_owner_organization_id=offer.owner_organization_id or "",
            demand_owner_organization_id=demand.owner_organization_id,
            expires_at=expires,
        )
        records.append(to_record(event, source=source))
        mails += len({offer.owner_organization_id, demand.owner_organization_id} - {None})
    return records, mails
