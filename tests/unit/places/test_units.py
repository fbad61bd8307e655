"""Administrative units either side of 1 July 2025: mergers, splits and reused codes."""

from __future__ import annotations

from datetime import date

import pytest

from shared import places

BEFORE = date(2025, 6, 30)
AFTER = date(2025, 7, 1)


def test_kon_tum_existed_until_the_merger_and_names_its_successor() -> None:
    kon_tum = places.find("62")
    assert (kon_tum.name, kon_tum.valid_to, kon_tum.successor_codes) == ("Kon Tum", BEFORE, ("51",))
    assert places.find("62", on=BEFORE) == kon_tum
    with pytest.raises(places.UnknownUnitError):
        places.find("62", on=AFTER)


def test_an_old_kon_tum_district_resolves_to_quang_ngai_from_the_merger_day() -> None:
    ngoc_hoi = places.find("611")
    assert places.current_province(ngoc_hoi, on=BEFORE).name == "Kon Tum"
    assert places.current_province(ngoc_hoi, on=AFTER).label() == "Quảng Ngãi (51)"
    assert places.current_province(ngoc_hoi).code == "51"


def test_a_code_reused_after_the_merger_names_the_unit_of_that_day() -> None:
    assert places.find("52", on=BEFORE).name == "Bình Định"
    assert places.find("52", on=AFTER).name == "Gia Lai"
    pleiku = places.find("622")
    assert places.current_province(pleiku).label() == "Gia Lai (52)"
    # A new commune kept the code of one of the communes it was formed from.
    assert places.find("21136", on=BEFORE).name == "Xã Trà Tân"
    assert places.find("21136", on=AFTER).name == "Xã Cà Đam"


def test_a_commune_formed_from_several_old_ones_knows_them_all() -> None:
    mang_ri = places.find("23446", on=AFTER)
    formed_from = {u.code for u in places.former_units(mang_ri) if u.level == "commune"}
    # Ngọk Lây, Măng Ri, Ngọk Yêu, Tê Xăng (whose code it kept) and Văn Xuôi
    assert formed_from == {"23404", "23410", "23413", "23446", "23449"}
    for code in formed_from:
        assert places.current_communes(places.find(code, on=BEFORE)) == (mang_ri,)


def test_a_commune_split_between_two_names_both_the_default_first() -> None:
    tra_bui = places.find("21142", on=BEFORE)
    assert tra_bui.name == "Xã Trà Bùi"
    heirs = [u.label() for u in places.current_communes(tra_bui)]
    assert heirs == ["Xã Cà Đam (21136)", "Xã Tây Trà Bồng (21157)"]
    assert places.public(tra_bui).successor_code == "21136"


def test_a_former_district_is_covered_by_the_communes_its_communes_went_to() -> None:
    tu_mo_rong = places.find("617")
    heirs = {u.code for u in places.current_communes(tu_mo_rong)}
    assert heirs == {"23416", "23419", "23425", "23446"}
    message = places.successor_message(tu_mo_rong)
    assert "Xã Tu Mơ Rông (23425)" in message
    assert "Quảng Ngãi (51)" in message


def test_a_search_code_finds_a_unit_across_the_reform_but_not_a_wider_one() -> None:
    today_commune = places.find("23425", on=AFTER)
    assert {"23425", "51", "23422", "617", "62"} <= places.area_codes(today_commune)
    assert places.area_codes(places.find("617")) == {"617", "62", "51"}
    # Today's Quảng Ngãi is more than former Kon Tum: a province-wide listing is not in it.
    assert places.area_codes(places.find("51", on=AFTER)) == {"51"}


def test_a_unit_round_trips_through_its_published_form() -> None:
    for unit in (places.find("62"), places.find("51"), places.find("23446"), places.find("617")):
        published = places.public(unit)
        assert places.version_of(published) == unit
    assert places.public(places.find("23404")).current_commune_codes == ["23446"]


def test_an_unknown_code_is_refused() -> None:
    with pytest.raises(places.UnknownUnitError):
        places.find("99")
