"""Where a listing counts in the indicators: today's commune, across the 2025 reform."""

from __future__ import annotations

from services.matching.domain.facts import place_of
from services.matching.domain.indicators import UNKNOWN_PLACE, Place
from shared import places
from tests.unit.matching.engine_fakes import demand


def test_a_listing_in_todays_commune_counts_there() -> None:
    listing = demand("d1", "Cần máy sấy dược liệu", location=places.public(places.find("23425")))
    assert place_of(listing, None) == Place("23425", "Xã Tu Mơ Rông", "commune")


def test_a_former_commune_counts_in_the_commune_it_became() -> None:
    ngok_lay = places.public(places.find("23404"))  # merged into today's Xã Măng Ri
    assert place_of(demand("d1", "Cần máy sấy", location=ngok_lay), None) == Place(
        "23446", "Xã Măng Ri", "commune"
    )


def test_a_province_wide_listing_counts_at_its_owners_commune_or_nowhere() -> None:
    province_wide = demand("d1", "Cần máy sấy", location=places.public(places.find("51")))
    owner = places.public(places.find("23293"))
    assert place_of(province_wide, owner) == Place("23293", "Phường Kon Tum", "commune")
    assert place_of(province_wide, None) == UNKNOWN_PLACE


def test_a_former_district_cannot_be_split_and_counts_as_it_was() -> None:
    district = places.public(places.find("617"))
    assert place_of(demand("d1", "Cần máy sấy", location=district), None) == Place(
        "617", "Huyện Tu Mơ Rông", "district"
    )
