"""A listing entered by a broker from an organisation's paper dossier ("hồ sơ giấy"): only a
broker may enter one for another organisation, only for a verified one, and who entered it
stays off the public snapshot and every event."""

from __future__ import annotations

import pytest

from services.listings.domain.entry import Author, Entry, check_dossier_owner, entry_of
from services.listings.domain.errors import NotPermittedError, UnverifiedOwnerError
from services.listings.domain.organizations import register
from services.listings.service.errors import ConflictError
from shared.auth import Principal, Role
from tests.unit.listings.factories import NOW, offer_terms, org_details, verified_org
from tests.unit.listings.test_service import BROKER, OWNER, World

ORGANIZATION = Author("hoa", "org_samngoclinh", is_organization=True, is_broker=False)
A_BROKER = Author("broker-01", None, is_organization=False, is_broker=True)


def test_an_organisation_enters_its_own_listing() -> None:
    assert entry_of(ORGANIZATION, None) == Entry("org_samngoclinh")


def test_a_broker_enters_a_listing_for_the_organisation_it_names_and_is_recorded() -> None:
    assert entry_of(A_BROKER, "org_samngoclinh") == Entry("org_samngoclinh", "broker-01")


def test_an_organisation_cannot_enter_a_listing_for_another_one() -> None:
    with pytest.raises(NotPermittedError) as refused:
        entry_of(ORGANIZATION, "org_other")
    assert refused.value.status == 403


def test_a_broker_has_no_listings_of_its_own() -> None:
    with pytest.raises(NotPermittedError):
        entry_of(A_BROKER, None)


def test_a_paper_dossier_is_entered_only_for_a_verified_organisation() -> None:
    unverified = register("org_moi", org_details(), NOW).organization
    with pytest.raises(UnverifiedOwnerError) as refused:
        check_dossier_owner(Entry("org_moi", "broker-01"), unverified)
    assert refused.value.code == "organization-unverified"
    check_dossier_owner(Entry("org_moi"), unverified)  # its own draft: verified only to submit
    check_dossier_owner(Entry("org_samngoclinh", "broker-01"), verified_org())


async def test_the_broker_s_draft_belongs_to_the_organisation_which_sends_it_itself() -> None:
    world = World()
    created = await world.owner_side.create(BROKER, offer_terms(), None, "org_samngoclinh")
    listing = created.listing
    assert (listing.owner.organization_id, listing.entered_by) == ("org_samngoclinh", "broker-01")
    submitted = await world.owner_side.submit(OWNER, listing.listing_id)
    assert "broker-01" not in submitted.snapshot().model_dump_json()
    assert all("broker-01" not in event.model_dump_json() for event in world.outbox.published)


async def test_a_broker_cannot_enter_for_an_unregistered_organisation() -> None:
    world = World()
    with pytest.raises(ConflictError):
        await world.owner_side.create(BROKER, offer_terms(), None, "org_khong_co")
    assert world.listings.items == {}


async def test_a_reviewer_enters_nothing() -> None:
    reviewer = Principal("reviewer-01", frozenset({Role.reviewer}))
    with pytest.raises(NotPermittedError):
        await World().owner_side.create(reviewer, offer_terms(), None, "org_samngoclinh")
