"""The scale run's generated data: deterministic, in the proportions the issue sets, valid by
the services' own domain rules, Vietnamese, and drawing its texts from a bounded set."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.listings.domain.listings import ListingState
from services.listings.domain.organizations import OrganizationDetails
from services.listings.domain.terms import ListingTerms, check
from services.matching.domain.matches import MatchStatus
from services.matching.engine import embedding_text
from shared.events.vocabulary import ListingKind, OrganizationKind
from tests.bench.scale.data import ScaleData, generate
from tests.bench.scale.texts import listing_texts

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
SIZE = 500
TEXTS = 12


@pytest.fixture(scope="module")
def data() -> ScaleData:
    return generate(SIZE, TEXTS, NOW, seed=7)


def test_the_same_seed_gives_the_same_data(data: ScaleData) -> None:
    again = generate(SIZE, TEXTS, NOW, seed=7)
    assert [x.model_dump() for x in again.listings] == [x.model_dump() for x in data.listings]
    assert again.organizations == data.organizations
    assert again.matches == data.matches
    assert again.introductions == data.introductions
    other = generate(SIZE, TEXTS, NOW, seed=8)
    assert [x.terms for x in other.listings] != [x.terms for x in data.listings]


def test_sizes_follow_the_issue_proportions(data: ScaleData) -> None:
    assert len(data.listings) == SIZE
    assert len(data.organizations) == SIZE * 3 // 100
    assert len(data.matches) == SIZE // 5
    assert len(data.introductions) == SIZE // 50
    assert len({x.listing_id for x in data.listings}) == SIZE
    assert len({m.match_id for m in data.matches}) == SIZE // 5


def test_listings_are_published_valid_and_within_the_year(data: ScaleData) -> None:
    kinds = {x.kind for x in data.listings}
    assert kinds == {ListingKind.OFFER, ListingKind.DEMAND}
    for listing in data.listings:
        assert listing.status == ListingState.PUBLISHED
        terms = ListingTerms.model_validate(listing.terms.model_dump())
        check(terms, listing.created_at.date())  # raises on any violation
        assert NOW - timedelta(days=366) <= listing.created_at <= NOW
        assert listing.location is not None
        assert listing.location.code != "51"
    offer_owners = {x.owner.kind for x in data.listings if x.kind == ListingKind.OFFER}
    assert OrganizationKind.COOPERATIVE not in offer_owners


def test_organisations_pass_the_listings_service_validation(data: ScaleData) -> None:
    for org in data.organizations:
        details = OrganizationDetails.model_validate(org.details.model_dump())
        assert org.verified
        assert (details.tax_code is not None) == (details.kind == OrganizationKind.ENTERPRISE)
    assert len({org.details.email for org in data.organizations}) == len(data.organizations)


def test_texts_are_vietnamese_and_bounded(data: ScaleData) -> None:
    embedded = {(x.kind, embedding_text(x.snapshot())) for x in data.listings}
    assert len(embedded) <= 2 * TEXTS
    assert all(any(ch in "ăâđêôơưạảấầậệịọụữ" for ch in text.lower()) for _, text in embedded)
    texts = listing_texts(TEXTS, seed=1)
    assert all(len(texts[kind]) == TEXTS for kind in ListingKind)
    # the demo seed's own offers come first, as written
    first = "Quy trình nhân giống Sâm Ngọc Linh bằng nuôi cấy mô"
    assert texts[ListingKind.OFFER][0].title == first


def test_proposals_pair_other_owners_and_introductions_follow_accepted_ones(
    data: ScaleData,
) -> None:
    by_id = {x.listing_id: x for x in data.listings}
    for match in data.matches:
        offer, demand = by_id[match.offer_id], by_id[match.demand_id]
        assert offer.kind == ListingKind.OFFER
        assert demand.kind == ListingKind.DEMAND
        assert offer.owner.organization_id != demand.owner.organization_id
        assert match.proposed_at >= max(offer.created_at, demand.created_at)
    accepted = {m.match_id for m in data.matches if m.status == MatchStatus.ACCEPTED}
    assert {i.parties.match_id for i in data.introductions} == accepted
    statuses = {m.status for m in data.matches}
    assert {MatchStatus.PROPOSED, MatchStatus.DECLINED, MatchStatus.ACCEPTED} <= statuses
