"""The lifecycle: draft → submitted → published | returned …, each step returning its events."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from services.listings.domain import lifecycle
from services.listings.domain.errors import (
    InvalidInputError,
    InvalidTransitionError,
    RuleBrokenError,
)
from services.listings.domain.listings import ListingState, revise
from services.listings.domain.organizations import register
from shared.events.contacts import ListingOwnerRecorded
from shared.events.listings import ListingPublished, ListingSubmitted, ReturnFeedback
from shared.events.vocabulary import ListingStatus, ReturnReason
from tests.unit.listings.factories import (
    GOOD_SCORE,
    NOW,
    demand_terms,
    draft,
    offer_terms,
    org_details,
    published,
    submitted,
    verified_org,
)

LATER = NOW + timedelta(days=1)
FEEDBACK = ReturnFeedback(reasons=[ReturnReason.INCOMPLETE], comment="Bổ sung số liệu thử nghiệm.")


def test_a_draft_is_private_until_submitted() -> None:
    listing = draft()
    assert listing.status is ListingState.DRAFT
    assert not listing.is_public


def test_no_event_leaving_a_draft_reports_the_internal_draft_state() -> None:
    submitted_change = lifecycle.submit(draft(), verified_org(), [], NOW)
    statuses = [e.listing.status for e in submitted_change.events if hasattr(e, "listing")]
    assert statuses == [ListingStatus.SUBMITTED]
    assert lifecycle.withdraw(draft(), "Không còn nhu cầu.", NOW).events == []


def test_first_submission_records_the_owner_on_the_internal_topic() -> None:
    change = lifecycle.submit(draft(), verified_org(), [], NOW)
    submitted_event, owner = change.events
    assert isinstance(submitted_event, ListingSubmitted)
    assert isinstance(owner, ListingOwnerRecorded)
    assert owner.owner_organization_id == "org_samngoclinh"
    assert change.listing.status is ListingState.SUBMITTED
    assert change.listing.version == 2


def test_an_unverified_organisation_cannot_submit() -> None:
    unverified = register("org_samngoclinh", org_details(), NOW).organization
    with pytest.raises(RuleBrokenError, match="verify"):
        lifecycle.submit(draft(), unverified, [], NOW)


def test_approval_publishes_the_public_snapshot_with_the_score() -> None:
    change = lifecycle.approve(submitted(), "broker-01", GOOD_SCORE, NOW)
    (event,) = change.events
    assert isinstance(event, ListingPublished)
    assert event.listing.status is ListingStatus.PUBLISHED
    assert event.listing.owner_name == "Công ty Cổ phần Sâm Ngọc Linh Kon Tum"
    assert change.listing.moderation[-1].score == GOOD_SCORE
    assert change.listing.published_at == NOW


def test_an_anonymous_demand_is_published_without_its_owner() -> None:
    snapshot = published(demand_terms()).snapshot()
    assert snapshot.anonymous
    assert (snapshot.owner_organization_id, snapshot.owner_name) == (None, None)


def test_a_listing_whose_validity_passed_cannot_be_published() -> None:
    listing = submitted(offer_terms(valid_until="2026-03-05"))
    with pytest.raises(RuleBrokenError) as refused:
        lifecycle.approve(listing, "broker-01", GOOD_SCORE, NOW + timedelta(days=10))
    assert refused.value.field == "valid_until"


def test_a_returned_listing_is_revised_and_resubmitted_without_a_second_owner_record() -> None:
    returned = lifecycle.return_to_owner(submitted(), "broker-01", FEEDBACK, None, NOW)
    assert returned.events[0].ce_type == "stx.listing.returned"
    revised = revise(
        returned.listing, offer_terms(summary="Tỷ lệ sống 87% qua 3 vụ thử nghiệm."), NOW
    )
    assert revised.events == []
    again = lifecycle.submit(revised.listing, verified_org(), [], LATER)
    assert [e.ce_type for e in again.events] == ["stx.listing.submitted"]


def test_a_new_last_day_of_a_published_listing_is_announced_at_once() -> None:
    change = revise(published(), offer_terms(valid_until="2028-06-30"), LATER)
    assert [e.ce_type for e in change.events] == ["stx.listing.updated"]
    assert change.listing.status is ListingState.PUBLISHED
    assert change.listing.pending is None


def test_a_material_edit_of_a_published_listing_waits_for_a_broker() -> None:
    approved = published()
    change = revise(approved, offer_terms(price_vnd=90_000_000, title="Giá mới rất hấp dẫn"), LATER)
    assert change.events == []
    pending = change.listing
    assert pending.status is ListingState.PUBLISHED
    assert pending.snapshot().title == approved.terms.title  # the public keeps the approved one
    assert pending.pending is not None

    accepted = lifecycle.approve(pending, "broker-02", GOOD_SCORE, LATER)
    (updated,) = accepted.events
    assert updated.ce_type == "stx.listing.updated"
    assert accepted.listing.snapshot().title == "Giá mới rất hấp dẫn"
    assert accepted.listing.pending is None

    refused = lifecycle.return_to_owner(pending, "broker-02", FEEDBACK, None, LATER)
    assert refused.listing.status is ListingState.PUBLISHED
    assert refused.listing.pending is None
    assert refused.listing.snapshot().title == approved.terms.title
    assert [e.ce_type for e in refused.events] == ["stx.listing.returned"]  # internal topic


def test_a_listing_under_moderation_cannot_be_edited_nor_change_kind() -> None:
    with pytest.raises(InvalidTransitionError, match="submitted"):
        revise(submitted(), offer_terms(), NOW)
    with pytest.raises(InvalidInputError):
        revise(draft(), demand_terms(), NOW)


def test_withdrawing_a_never_submitted_draft_publishes_nothing() -> None:
    assert lifecycle.withdraw(draft(), "Nhập nhầm.", NOW).events == []
    change = lifecycle.withdraw(published(), "Đã chuyển giao ngoài sàn.", NOW)
    assert [e.ce_type for e in change.events] == ["stx.listing.withdrawn"]
    with pytest.raises(InvalidTransitionError):
        lifecycle.withdraw(change.listing, "again", NOW)


def test_the_sweep_expires_a_published_listing_after_its_last_valid_day() -> None:
    listing = published(offer_terms(valid_until="2026-03-10"))
    with pytest.raises(RuleBrokenError):
        lifecycle.expire(listing, NOW + timedelta(days=8))  # 10 March is still valid
    change = lifecycle.expire(listing, NOW + timedelta(days=9))
    assert change.listing.status is ListingState.EXPIRED
    assert [e.ce_type for e in change.events] == ["stx.listing.expired"]


def test_an_expired_listing_is_renewed_into_publication() -> None:
    expired = lifecycle.expire(
        published(offer_terms(valid_until="2026-03-10")), NOW + timedelta(days=20)
    ).listing
    with pytest.raises(InvalidInputError):
        lifecycle.renew(expired, date(2026, 3, 1), NOW)
    change = lifecycle.renew(expired, date(2027, 3, 31), NOW)
    assert change.listing.status is ListingState.PUBLISHED
    assert change.listing.terms.valid_until == date(2027, 3, 31)
    assert [e.ce_type for e in change.events] == ["stx.listing.renewed"]


def test_a_closed_deal_fulfils_once_per_introduction() -> None:
    first = lifecycle.fulfil(published(), "itr_1", NOW)
    assert first.listing.status is ListingState.FULFILLED
    assert [e.ce_type for e in first.events] == ["stx.listing.fulfilled"]
    repeated = lifecycle.fulfil(first.listing, "itr_1", LATER)
    assert repeated.events == []
    assert repeated.listing is first.listing


def test_a_deal_cannot_close_on_a_listing_never_published() -> None:
    with pytest.raises(InvalidTransitionError):
        lifecycle.fulfil(submitted(), "itr_1", NOW)


def test_only_submitted_listings_are_moderated() -> None:
    with pytest.raises(InvalidTransitionError):
        lifecycle.approve(published(), "broker-01", GOOD_SCORE, NOW)
    with pytest.raises(InvalidTransitionError):
        lifecycle.return_to_owner(draft(), "broker-01", FEEDBACK, None, NOW)
