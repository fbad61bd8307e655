"""Subscription filters: which public notices an instant subscriber receives."""

from __future__ import annotations

import pytest

from services.notifications.domain.notices import Notice, NoticeKind, notice_of
from services.notifications.domain.subscriptions import Filters, SubscriptionRuleError
from shared import places
from shared.events.organizations import AdministrativeUnit
from tests.unit.notifications.samples import DAK_HA, NOW, published


def notice(**overrides: object) -> Notice:
    made = notice_of(published(**overrides), "0b6f3c1e-8d2a-4f5b-9c7e-1a2b3c4d5e6f", NOW)
    assert made is not None
    return made


@pytest.mark.parametrize(
    "keyword",
    ["sâm Ngọc Linh", "SAM NGOC LINH", "sam ngoc linh", "Sâm Ngọc Linh", "nuoi cay mo"],
)
def test_keywords_match_whatever_the_diacritics_case_or_keyboard(keyword: str) -> None:
    assert Filters(keywords=(keyword,)).admits(notice())


def test_a_keyword_matches_whole_syllables_only() -> None:
    assert not Filters(keywords=("sa",)).admits(notice())
    assert not Filters(keywords=("ngọc linh sâm",)).admits(notice())


def test_d_with_stroke_folds_to_d() -> None:
    dried = notice(title="Công nghệ sấy đông khô Đảng sâm", keywords=[])
    assert Filters(keywords=("dang sam",)).admits(dried)


def test_sector_and_district_must_both_hold() -> None:
    herbs_in_tu_mo_rong = Filters(sectors=("medicinal_herbs",), districts=("617",))
    assert herbs_in_tu_mo_rong.admits(notice())
    assert not herbs_in_tu_mo_rong.admits(notice(location=DAK_HA))
    assert not herbs_in_tu_mo_rong.admits(notice(sector="healthcare"))


def test_a_filter_on_the_merged_province_still_matches_a_former_unit() -> None:
    kon_tum = AdministrativeUnit(
        code="62", name="Kon Tum", level="province", valid_to="2025-06-30", successor_code="51"
    )
    assert Filters(districts=("51",)).admits(notice(location=kon_tum))


def test_a_filter_on_a_former_unit_matches_a_listing_in_todays_commune_within_it() -> None:
    tu_mo_rong_today = places.public(places.find("23425"))
    for former in ("62", "617", "23422"):  # Kon Tum, Huyện and Xã Tu Mơ Rông before 2025-07-01
        assert Filters(districts=(former,)).admits(notice(location=tu_mo_rong_today))
    assert not Filters(districts=("615",)).admits(notice(location=tu_mo_rong_today))


def test_empty_filters_admit_every_notice() -> None:
    assert Filters().admits(notice())


def test_unknown_event_types_are_refused_with_the_known_ones() -> None:
    with pytest.raises(SubscriptionRuleError, match=r"stx\.listing\.published") as caught:
        Filters(event_types=("stx.listing.publish",)).check()
    assert caught.value.field == "filters.event_types"


def test_a_keyword_without_letters_is_refused() -> None:
    with pytest.raises(SubscriptionRuleError):
        Filters(keywords=("--",)).check()


def test_an_anonymous_demand_notice_names_no_owner() -> None:
    demand = notice(kind="demand", anonymous=True, owner_name="HTX Dược liệu Đăk Hà")
    assert demand.owner_name is None


def test_an_ocop_filter_admits_listings_rated_at_least_that_many_stars() -> None:
    five_stars = notice(ocop_products=[{"name": "Sâm Ngọc Linh", "stars": 5, "year": 2024}])
    three_stars = notice(ocop_products=[{"name": "Cà phê Đăk Hà", "stars": 3, "year": 2023}])

    assert Filters(ocop_min_stars=4).admits(five_stars)
    assert not Filters(ocop_min_stars=4).admits(three_stars)
    assert not Filters(ocop_min_stars=3).admits(notice())
    assert Filters().admits(notice())


def test_a_kind_filter_tells_a_demand_from_an_offer_of_the_same_event_type() -> None:
    demands_only = Filters(kinds=(NoticeKind.DEMAND,))
    assert demands_only.admits(notice(kind="demand"))
    assert not demands_only.admits(notice())
    assert Filters(kinds=(NoticeKind.OFFER, NoticeKind.DEMAND)).admits(notice())
    assert Filters().admits(notice(kind="demand"))
