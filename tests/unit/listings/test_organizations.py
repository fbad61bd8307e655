"""Registering and verifying organisations: public profile out, contact only internally."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from services.listings.domain import organizations
from services.listings.domain.errors import InvalidInputError, InvalidTransitionError
from shared.events.contacts import ContactDetailsUpdated
from shared.events.organizations import OrganizationRegistered, OrganizationVerified
from tests.unit.listings.factories import NOW, org_details


def test_registration_publishes_the_profile_and_sends_the_contact_internally() -> None:
    change = organizations.register("org_samngoclinh", org_details(), NOW)
    registered, contact = change.events
    assert isinstance(registered, OrganizationRegistered)
    assert "hoa.yt" not in registered.model_dump_json()
    assert "0905123456" not in registered.model_dump_json()
    assert isinstance(contact, ContactDetailsUpdated)
    assert (contact.email, contact.phone) == ("hoa.yt@samngoclinh.vn", "0905123456")


def test_a_registration_today_names_todays_province_and_commune() -> None:
    profile = organizations.register("org_x", org_details(), NOW).organization.profile(NOW.date())
    assert profile.commune is not None
    assert (profile.province.name, profile.commune.name) == ("Quảng Ngãi", "Xã Tu Mơ Rông")
    assert profile.commune.current_commune_codes == ["23425"]
    assert profile.current_province.name == "Quảng Ngãi"
    assert profile.district is None


def test_a_registration_today_with_former_units_is_refused_naming_their_successors() -> None:
    former = org_details(province_code="62", district_code="617", commune_code=None)
    with pytest.raises(InvalidInputError) as refused:
        organizations.register("org_x", former, NOW)
    why = {v.field: v.message for v in refused.value.violations}
    assert "Quảng Ngãi (51)" in why["province_code"]
    assert "Xã Tu Mơ Rông (23425)" in why["district_code"]


def test_a_registration_before_the_reform_used_the_units_of_that_day() -> None:
    before = datetime(2025, 6, 30, 3, 0, tzinfo=UTC)
    former = org_details(province_code="62", district_code="617", commune_code="23422")
    org = organizations.register("org_x", former, before).organization
    assert org.district is not None
    assert (org.province.name, org.district.name) == ("Kon Tum", "Huyện Tu Mơ Rông")
    profile = org.profile(NOW.date())
    assert profile.current_province.code == "51"
    with pytest.raises(InvalidInputError):  # today's commune did not exist yet
        organizations.register("org_x", org_details(), before)


def test_a_former_address_sent_back_unchanged_is_kept_as_registered() -> None:
    before = datetime(2025, 6, 30, 3, 0, tzinfo=UTC)
    former = org_details(province_code="62", district_code="617", commune_code=None)
    org = organizations.register("org_x", former, before).organization
    renamed = former.model_copy(update={"name_en": "Ngoc Linh Ginseng JSC"})
    kept = organizations.update(org, renamed, NOW).organization
    assert (kept.province, kept.district) == (org.province, org.district)
    moved = former.model_copy(update={"district_code": "611"})
    with pytest.raises(InvalidInputError) as refused:
        organizations.update(org, moved, NOW)
    assert {v.field for v in refused.value.violations} == {"province_code", "district_code"}


def test_an_enterprise_without_tax_code_is_refused() -> None:
    with pytest.raises(InvalidInputError) as refused:
        organizations.register("org_x", org_details(tax_code=None), NOW)
    assert [v.field for v in refused.value.violations] == ["tax_code"]


def test_a_tax_code_of_wrong_length_is_refused_at_the_edge() -> None:
    with pytest.raises(ValidationError, match="10 digits"):
        org_details(tax_code="61001234")


def test_a_commune_must_lie_in_the_province() -> None:
    with pytest.raises(InvalidInputError) as refused:
        organizations.register("org_x", org_details(province_code="52", commune_code="23425"), NOW)
    assert refused.value.violations[0].field == "commune_code"
    assert "Gia Lai (52)" in refused.value.violations[0].message


def test_an_unknown_province_is_refused() -> None:
    with pytest.raises(InvalidInputError) as refused:
        organizations.register("org_x", org_details(province_code="99", commune_code=None), NOW)
    assert refused.value.violations[0].field == "province_code"


def test_expert_flags_belong_to_individual_experts() -> None:
    expert = org_details(kind="individual_expert", tax_code=None, overseas_vietnamese_expert=True)
    assert organizations.register(
        "org_x", expert, NOW
    ).organization.details.overseas_vietnamese_expert
    with pytest.raises(InvalidInputError):
        organizations.register("org_y", org_details(overseas_vietnamese_expert=True), NOW)


def test_a_broker_verifies_once() -> None:
    org = organizations.register("org_x", org_details(), NOW).organization
    change = organizations.verify(org, "broker-01", NOW)
    (event,) = change.events
    assert isinstance(event, OrganizationVerified)
    assert event.organization.verified
    assert event.verified_by == "broker-01"
    with pytest.raises(InvalidTransitionError):
        organizations.verify(change.organization, "broker-02", NOW)


def test_an_update_sends_the_contact_only_when_it_changed() -> None:
    org = organizations.register("org_x", org_details(), NOW).organization
    renamed = organizations.update(org, org_details(name="Công ty CP Dược liệu Măng Đen"), NOW)
    assert [e.ce_type for e in renamed.events] == ["stx.organization.updated"]
    moved = organizations.update(org, org_details(phone="0260 3862 345"), NOW)
    assert [e.ce_type for e in moved.events] == ["stx.organization.updated", "stx.contact.updated"]
    assert moved.organization.version == 2


def test_an_organisation_changing_its_name_or_tax_code_must_be_verified_again() -> None:
    org = organizations.register("org_x", org_details(), NOW).organization
    verified = organizations.verify(org, "broker-01", NOW).organization

    renamed = organizations.update(verified, org_details(name="Công ty CP Sâm Măng Đen"), NOW)
    moved = organizations.update(verified, org_details(phone="0260 3862 345"), NOW)
    corrected = organizations.update(
        verified, org_details(name="Công ty CP Sâm Măng Đen"), NOW, by_broker=True
    )

    assert (renamed.organization.verified, renamed.organization.verified_by) == (False, None)
    assert renamed.events[0].organization.verified is False  # type: ignore[attr-defined]
    assert moved.organization.verified
    assert corrected.organization.verified


def test_a_science_and_technology_enterprise_gives_its_certificate_and_tax_code() -> None:
    certified = org_details(
        kind="science_technology_enterprise", st_enterprise_certificate="12/DNKHCN"
    )
    change = organizations.register("org_st", certified, NOW)

    assert change.organization.profile(NOW.date()).st_enterprise_certificate == "12/DNKHCN"
    for details, fields in [
        (org_details(kind="science_technology_enterprise"), ["st_enterprise_certificate"]),
        (org_details(st_enterprise_certificate="12/DNKHCN"), ["st_enterprise_certificate"]),
        (certified.model_copy(update={"tax_code": None}), ["tax_code"]),
    ]:
        with pytest.raises(InvalidInputError) as refused:
            organizations.register("org_x", details, NOW)
        assert [v.field for v in refused.value.violations] == fields


def test_valuation_and_assessment_bodies_register_as_intermediaries() -> None:
    for kind in ("technology_valuation", "technology_assessment"):
        change = organizations.register("org_i", org_details(kind=kind, tax_code=None), NOW)
        assert change.organization.details.kind == kind


def test_the_language_of_its_messages_travels_on_the_private_contact() -> None:
    org = organizations.register("org_x", org_details(), NOW).organization

    change = organizations.update(org, org_details(language="en"), NOW)

    [contact] = change.events[1:]
    assert isinstance(contact, ContactDetailsUpdated)
    assert contact.language == "en"
