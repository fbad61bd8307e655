"""Where a listing counts in the indicators: today's commune, across the 2025 reform, in
today's province and in the province it lay in before."""

from __future__ import annotations

from services.matching.domain.facts import place_of
from services.matching.domain.market_facts import UNKNOWN_PLACE, Place, Province
from shared import places
from tests.unit.matching.engine_fakes import demand

QUANG_NGAI = Province("51", "Quảng Ngãi")
FORMER_KON_TUM = Province("62", "Kon Tum")


def where(place: Place) -> tuple[str, str, str]:
    return place.code, place.name, place.level


def test_a_listing_in_todays_commune_counts_there_and_in_both_provinces() -> None:
    listing = demand("d1", "Cần máy sấy dược liệu", location=places.public(places.find("23425")))
    place = place_of(listing, None)
    assert where(place) == ("23425", "Xã Tu Mơ Rông", "commune")
    assert (place.province, place.former_province) == (QUANG_NGAI, FORMER_KON_TUM)


def test_a_former_commune_counts_in_the_commune_it_became() -> None:
    ngok_lay = places.public(places.find("23404"))  # merged into today's Xã Măng Ri
    place = place_of(demand("d1", "Cần máy sấy", location=ngok_lay), None)
    assert where(place) == ("23446", "Xã Măng Ri", "commune")
    assert place.former_province == FORMER_KON_TUM


def test_a_province_wide_listing_counts_at_its_owners_commune_or_in_the_province_only() -> None:
    province_wide = demand("d1", "Cần máy sấy", location=places.public(places.find("51")))
    owner = places.public(places.find("23293"))
    assert where(place_of(province_wide, owner)) == ("23293", "Phường Kon Tum", "commune")
    alone = place_of(province_wide, None)
    assert where(alone) == ("", "Chưa xác định", "")
    assert alone.province == QUANG_NGAI
    assert alone.former_province == UNKNOWN_PLACE.former_province  # 51 covers two former ones
    assert place_of(demand("d1", "Cần máy sấy"), None) == UNKNOWN_PLACE


def test_a_former_district_cannot_be_split_and_counts_as_it_was() -> None:
    district = places.public(places.find("617"))
    place = place_of(demand("d1", "Cần máy sấy", location=district), None)
    assert where(place) == ("617", "Huyện Tu Mơ Rông", "district")
    assert (place.province, place.former_province) == (QUANG_NGAI, FORMER_KON_TUM)
