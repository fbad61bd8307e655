"""Use cases over in-memory fakes: authorisation, idempotency, duplicates, deals, the sweep."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pytest

from services.listings.domain.errors import RuleBrokenError
from services.listings.domain.listings import ListingState
from services.listings.domain.terms import ListingTerms
from services.listings.service.base import ListingWriter
from services.listings.service.errors import (
    ConflictError,
    ForbiddenError,
    IdempotencyKeyReusedError,
)
from services.listings.service.imports import ImportService
from services.listings.service.listings import Listings
from services.listings.service.moderation import Moderation
from services.listings.service.organizations import Organizations
from shared.auth import Principal, Role
from shared.consuming import RejectedEventError
from shared.events.connections import IntroductionDealClosed, IntroductionParties
from shared.outbox import Tx
from tests.unit.listings.factories import (
    GOOD_SCORE,
    NOW,
    demand_terms,
    offer_terms,
    org_details,
    verified_org,
)
from tests.unit.listings.fakes import (
    FakeOutbox,
    InMemoryIdempotencyKeys,
    InMemoryListings,
    InMemoryOrganizations,
)

OWNER = Principal("user-hoa", frozenset({Role.org}), "org_samngoclinh")
STRANGER = Principal("user-x", frozenset({Role.org}), "org_other")
BROKER = Principal("broker-01", frozenset({Role.broker}))


@dataclass
class World:
    now: datetime = NOW
    listings: InMemoryListings = field(default_factory=InMemoryListings)
    orgs: InMemoryOrganizations = field(
        default_factory=lambda: InMemoryOrganizations(verified_org(), verified_org("org_other"))
    )
    keys: InMemoryIdempotencyKeys = field(default_factory=InMemoryIdempotencyKeys)

    def __post_init__(self) -> None:
        self.outbox = FakeOutbox(self.listings, self.orgs, self.keys)
        changes = ListingWriter(self.outbox, self.listings, lambda: self.now)
        self.owner_side = Listings(changes, self.orgs, self.keys, duplicate_threshold=0.9)
        self.moderation = Moderation(changes)
        self.imports = ImportService(changes, self.orgs, duplicate_threshold=0.9, max_rows=100)

    async def published(self, terms: ListingTerms | None = None) -> str:
        created = await self.owner_side.create(OWNER, terms or offer_terms(), None)
        await self.owner_side.submit(OWNER, created.listing.listing_id)
        await self.moderation.approve(BROKER, created.listing.listing_id, GOOD_SCORE)
        return created.listing.listing_id


async def test_a_retried_create_returns_the_first_listing_and_a_changed_body_is_refused() -> None:
    world = World()
    first = await world.owner_side.create(OWNER, offer_terms(), "catalogue-2026-001")
    again = await world.owner_side.create(OWNER, offer_terms(), "catalogue-2026-001")
    assert (again.listing, again.replayed) == (first.listing, True)
    assert len(world.listings.items) == 1
    with pytest.raises(IdempotencyKeyReusedError):
        await world.owner_side.create(OWNER, offer_terms(trl=8), "catalogue-2026-001")


async def test_another_organisation_cannot_touch_a_listing() -> None:
    world = World()
    created = await world.owner_side.create(OWNER, offer_terms(), None)
    with pytest.raises(ForbiddenError):
        await world.owner_side.submit(STRANGER, created.listing.listing_id)
    assert world.outbox.published == []


async def test_a_stale_version_conflicts_and_changes_nothing() -> None:
    world = World()
    listing_id = (await world.owner_side.create(OWNER, offer_terms(), None)).listing.listing_id
    await world.owner_side.update(OWNER, listing_id, offer_terms(price_vnd=900_000_000), 1)
    with pytest.raises(ConflictError):
        await world.owner_side.update(OWNER, listing_id, offer_terms(price_vnd=1), 1)
    assert world.listings.items[listing_id].terms.price_vnd == 900_000_000


async def test_submitting_a_near_identical_title_flags_the_owners_earlier_listing() -> None:
    world = World()
    first = await world.published()
    again = await world.owner_side.create(
        OWNER, offer_terms(title="Quy trình nhân giống sâm Ngọc Linh bằng nuôi cấy mô."), None
    )
    submitted = await world.owner_side.submit(OWNER, again.listing.listing_id)
    assert submitted.possible_duplicates == (first,)


async def test_a_deal_fulfils_both_listings_and_a_repeat_publishes_nothing() -> None:
    world = World()
    offer_id, demand_id = await world.published(), await world.published(demand_terms())
    deal = closed_deal(offer_id, demand_id)
    first, repeat = consumer_tx(), consumer_tx()
    await world.moderation.close_deal(deal, first)
    await world.moderation.close_deal(deal, repeat)
    statuses = {world.listings.items[i].status for i in (offer_id, demand_id)}
    assert statuses == {ListingState.FULFILLED}
    assert [e.ce_type for e in first.emitted] == ["stx.listing.fulfilled"] * 2
    assert repeat.emitted == []


async def test_a_deal_on_an_unknown_listing_is_rejected_for_the_dead_letter_topic() -> None:
    world = World()
    offer_id = await world.published()
    with pytest.raises(RejectedEventError, match="lst_unknown"):
        await world.outbox.unit_of_work(
            lambda tx: world.moderation.close_deal(closed_deal(offer_id, "lst_unknown"), tx)
        )
    assert world.listings.items[offer_id].status is ListingState.PUBLISHED


async def test_the_sweep_expires_what_is_due_once() -> None:
    world = World()
    listing_id = await world.published(offer_terms(valid_until="2026-03-10"))
    world.now = NOW + timedelta(days=30)
    assert await world.moderation.expire_due() == 1
    assert await world.moderation.expire_due() == 0
    assert world.listings.items[listing_id].status is ListingState.EXPIRED
    assert world.outbox.types()[-1] == "stx.listing.expired"


async def test_an_import_for_an_unverified_organisation_stores_nothing() -> None:
    world = World()
    unverified = world.orgs.items["org_other"].model_copy(update={"verified": False})
    world.orgs.items["org_other"] = unverified
    with pytest.raises(RuleBrokenError, match="verify"):
        await world.imports.import_catalogue("org_other", [offer_terms(), offer_terms(trl=5)])
    assert world.listings.items == {}
    assert world.outbox.published == []


def closed_deal(offer_id: str, demand_id: str) -> IntroductionDealClosed:
    parties = IntroductionParties(
        offer_id=offer_id,
        demand_id=demand_id,
        sector="medicinal_herbs",
        supplier_organization_id="org_samngoclinh",
        supplier_kind="enterprise",
        state_funded=False,
        ip_asset=False,
    )
    return IntroductionDealClosed(
        introduction_id="itr_1", parties=parties, closed_on=date(2026, 12, 10), value_vnd=1
    )


def consumer_tx() -> Tx:
    return Tx(session=None, correlation_id=None, causation_id=None)  # type: ignore[arg-type]


async def test_the_verification_queue_is_oldest_first_and_for_brokers_only() -> None:
    world = World()
    organizations = Organizations(world.outbox, world.orgs, lambda: world.now)
    for offset, org_id in enumerate(("org_late", "org_early")):
        world.now = NOW - timedelta(days=offset)
        member = Principal(f"user-{org_id}", frozenset({Role.org}), org_id)
        await organizations.register(member, org_details(name=f"HTX {org_id}"), None)
    queue = await organizations.listed(False, 10, broker=True)
    assert [org.organization_id for org in queue] == ["org_early", "org_late"]
    directory = await organizations.listed(True, 10, broker=False)
    assert [org.details.name for org in directory] == sorted(o.details.name for o in directory)
    assert "org_late" not in {org.organization_id for org in directory}
    with pytest.raises(ForbiddenError):
        await organizations.listed(False, 10, broker=False)
