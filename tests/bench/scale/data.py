"""The scale run's data, generated and deterministic: N listings, N×3% organisations, N/5
proposals and N/50 introductions, built with the services' own domain code (so every record
passes their validation) over the 365 days before `now`.

Listings are made by the listings service's domain (draft → submitted → approved); proposals
and introductions by matching's (`propose`, `answer`, `open_introduction`). Their texts come
from the bounded set of `texts.py`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.listings.domain.lifecycle import approve, submit
from services.listings.domain.listings import Listing, create_draft
from services.listings.domain.moderation import QualityScore
from services.listings.domain.organizations import (
    Organization,
    OrganizationDetails,
    register,
    verify,
)
from services.listings.domain.terms import ListingTerms
from services.listings.domain.validation import tax_code_check_digit
from services.matching.domain.introductions import Introduction, open_introduction
from services.matching.domain.matches import Answer, Match, Scoring, answer, propose
from shared import places
from shared.events.listings import ListingSnapshot
from shared.events.matches import DeclineReason, Explanation, ProposedBy
from shared.events.vocabulary import ListingKind, OrganizationKind, TransferForm, TransferObject
from tests.bench.scale.texts import ListingText, listing_texts

TEXT_SEED = 20250701
PROVINCE = "51"  # Quảng Ngãi (with the former Kon Tum since 1 July 2025)
BROKER = "broker-01"
PROPOSAL_TTL = timedelta(days=30)
SUPPLIERS = (OrganizationKind.UNIVERSITY, OrganizationKind.RESEARCH_INSTITUTE,
             OrganizationKind.ENTERPRISE)  # fmt: skip
SEEKERS = (OrganizationKind.ENTERPRISE, OrganizationKind.COOPERATIVE)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "A", "Y")
GIVEN = ("Văn Hùng", "Thị Thu Hà", "Minh Tuấn", "Thị Lan", "Đức Anh", "Thị Hồng", "Văn Nam",
         "Quốc Bảo", "Thị Mai", "Thanh Sơn", "Blũi", "Hơ Nia")  # fmt: skip
NAMES = {
    OrganizationKind.UNIVERSITY: "Trường Cao đẳng Kỹ thuật Nông Lâm {place}",
    OrganizationKind.RESEARCH_INSTITUTE: "Trung tâm Nghiên cứu {product} {place}",
    OrganizationKind.ENTERPRISE: "Công ty TNHH {product} {place}",
    OrganizationKind.COOPERATIVE: "Hợp tác xã {product} {place}",
}
PRODUCTS = (
    "Sâm Ngọc Linh", "Cà phê", "Mắc ca", "Dược liệu", "Nông sản sạch", "Chanh leo", "Hồ tiêu",
    "Tinh bột sắn", "Chè xanh", "Mật ong rừng", "Cá tầm", "Sầu riêng",
)  # fmt: skip


@dataclass(frozen=True)
class ScaleData:
    organizations: list[Organization]
    listings: list[Listing]
    listing_text: dict[str, ListingText]
    """Listing id → the text it took (what its embedding is computed from)."""
    matches: list[Match]
    introductions: list[Introduction]


def tax_code(rng: random.Random) -> str:
    while (digit := tax_code_check_digit(head := f"6{rng.randrange(10**8):08d}")) is None:
        pass
    return f"{head}{digit}"


def organization(
    number: int, kind: OrganizationKind, rng: random.Random, at: datetime
) -> Organization:
    commune = rng.choice(places.today_units(PROVINCE))
    name = NAMES[kind].format(product=rng.choice(PRODUCTS), place=commune.name)
    details = OrganizationDetails(
        kind=kind, name=name, province_code=PROVINCE, commune_code=commune.code,
        tax_code=tax_code(rng) if kind == OrganizationKind.ENTERPRISE else None,
        contact_name=f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}",
        email=f"lienhe{number:05d}@to-chuc-{number:05d}.vn",
        phone=f"0905{rng.randrange(10**6):06d}",
    )  # fmt: skip
    registered = register(f"org_scale_{number:05d}", details, at).organization
    return verify(registered, BROKER, at).organization


def organizations(count: int, rng: random.Random, start: datetime) -> list[Organization]:
    kinds = [*SUPPLIERS, *SEEKERS]
    return [organization(n, kinds[n % len(kinds)], rng, start) for n in range(count)]


def terms_of(text: ListingText, rng: random.Random) -> ListingTerms:
    offer = text.kind == ListingKind.OFFER
    price = rng.choice([None, rng.randrange(50, 3000) * 1_000_000]) if offer else None
    return ListingTerms(
        kind=text.kind, title=text.title, summary=text.summary, description=text.description,
        desired_outcome=text.desired_outcome, sector=text.sector, keywords=list(text.keywords),
        trl=rng.randint(3, 9) if offer else None, min_trl=None if offer else rng.randint(3, 8),
        price_vnd=price, price_negotiable=offer and price is None,
        budget_max_vnd=None if offer else rng.randrange(100, 3000) * 1_000_000,
        transfer_forms=rng.sample(list(TransferForm), rng.randint(1, 2)),
        transfer_objects=[TransferObject.PROCESS] if offer else [],
        location_code=rng.choice(places.today_units(PROVINCE)).code,
    )  # fmt: skip


def published_listing(
    listing_id: str, text: ListingText, owner: Organization, rng: random.Random, at: datetime
) -> Listing:
    draft = create_draft(listing_id, terms_of(text, rng), owner, at)
    sent = submit(draft, owner, [], at).listing
    score = QualityScore(clarity=4, completeness=4, commercial_relevance=4)
    return approve(sent, BROKER, score, at).listing


def listings(
    size: int, texts_per_kind: int, owners: list[Organization], rng: random.Random, now: datetime
) -> Iterator[tuple[Listing, ListingText]]:
    """Offers and demands half and half, published in time order over the year before `now`;
    the texts are the same whatever `size`, so every size embeds the same ones."""
    texts = listing_texts(texts_per_kind, TEXT_SEED)
    suppliers = [o for o in owners if o.details.kind in SUPPLIERS]
    seekers = [o for o in owners if o.details.kind in SEEKERS]
    start = now - timedelta(days=365)
    for number in range(size):
        kind = ListingKind.OFFER if number % 2 == 0 else ListingKind.DEMAND
        text = rng.choice(texts[kind])
        owner = rng.choice(suppliers if kind == ListingKind.OFFER else seekers)
        at = start + timedelta(days=365 * number / size, minutes=rng.randrange(60))
        listing_id = f"lst_scale_{kind.value}_{number:06d}"
        yield published_listing(listing_id, text, owner, rng, at), text


def _answer(org: str | None, interested: bool, at: datetime) -> Answer:
    reason = None if interested else DeclineReason.PRICE
    return Answer(interested=interested, reason=reason, organization_id=org or "",
                  answered_by=f"user_{org}", answered_at=at)  # fmt: skip


def matches(
    published: list[ListingSnapshot], count: int, accepted: int, rng: random.Random
) -> tuple[list[Match], list[Introduction]]:
    """`count` engine proposals between offers and demands of other owners, each made when the
    later of the two was published; `accepted` of them accepted with an introduction, a fifth
    of the rest declined, the others still open."""
    offers = [s for s in published if s.kind == ListingKind.OFFER]
    demands = [s for s in published if s.kind == ListingKind.DEMAND]
    found: dict[str, Match] = {}
    introductions: list[Introduction] = []
    while len(found) < count:
        offer, demand = rng.choice(offers), rng.choice(demands)
        if offer.owner_organization_id == demand.owner_organization_id:
            continue
        at = max(offer.published_at or offer.updated_at, demand.published_at or demand.updated_at)
        scoring = Scoring(
            score=round(rng.uniform(0.45, 0.95), 3),
            explanation=Explanation(features=[], sentence_vi="Cùng lĩnh vực · TRL phù hợp"),
            engine_version="scale-bench",
        )
        match, _ = propose(offer, demand, offer.owner_organization_id or "", scoring,
                           ProposedBy.ENGINE, at, PROPOSAL_TTL)  # fmt: skip
        if match.match_id in found:
            continue
        later = at + timedelta(days=rng.randint(1, 20))
        if len(introductions) < accepted:
            match, _ = answer(
                match, ListingKind.OFFER, _answer(match.offer_owner_organization_id, True, later)
            )
            match, _ = answer(
                match, ListingKind.DEMAND, _answer(demand.owner_organization_id, True, later)
            )
            introduction, _ = open_introduction(match, offer, BROKER, later)
            introductions.append(introduction)
        elif rng.random() < 0.2:
            match, _ = answer(
                match, ListingKind.DEMAND, _answer(demand.owner_organization_id, False, later)
            )
        found[match.match_id] = match
    return list(found.values()), introductions


def generate(size: int, texts_per_kind: int, now: datetime, seed: int) -> ScaleData:
    rng = random.Random(seed)
    owners = organizations(max(2, size * 3 // 100), rng, now - timedelta(days=400))
    made = list(listings(size, texts_per_kind, owners, rng, now))
    snapshots = [listing.snapshot() for listing, _ in made]
    found, introductions = matches(snapshots, size // 5, size // 50, rng)
    return ScaleData(
        organizations=owners,
        listings=[listing for listing, _ in made],
        listing_text={listing.listing_id: text for listing, text in made},
        matches=found,
        introductions=introductions,
    )
