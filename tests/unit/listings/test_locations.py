"""Where a listing is: today's units for a new listing, former ones kept from an import."""

from __future__ import annotations

import pytest

from services.listings.domain.errors import InvalidInputError
from services.listings.domain.listings import create_draft, revise
from services.listings.search import query_fields
from tests.unit.listings.factories import NOW, offer_terms, verified_org


def test_a_new_listing_in_a_former_district_is_refused_naming_the_communes_that_replaced_it() -> (
    None
):
    with pytest.raises(InvalidInputError) as refused:
        create_draft("lst_1", offer_terms(location_code="617"), verified_org(), NOW)
    (violation,) = refused.value.violations
    assert violation.field == "location_code"
    assert "Xã Tu Mơ Rông (23425)" in violation.message


def test_an_imported_former_district_is_kept_and_resolved_to_today() -> None:
    draft = create_draft("lst_1", offer_terms(location_code="617"), verified_org(), NOW, True)
    assert draft.location is not None
    assert (draft.location.name, draft.location.current_province_code) == ("Huyện Tu Mơ Rông", "51")
    assert "23425" in draft.location.current_commune_codes
    # Found by a search for today's province and for former Kon Tum.
    assert {"617", "62", "51"} <= set(query_fields(draft)["area_codes"])
    # Edited without moving it, the imported place stays as it was given.
    edited = revise(draft, offer_terms(location_code="617", trl=8), NOW).listing
    assert edited.location == draft.location


def test_a_listing_in_todays_commune_is_found_under_the_former_units_it_covers() -> None:
    draft = create_draft("lst_1", offer_terms(location_code="23425"), verified_org(), NOW)
    assert {"23425", "51", "23422", "617", "62"} <= set(query_fields(draft)["area_codes"])
