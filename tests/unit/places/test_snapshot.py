"""The vendored snapshot against the resolutions, its source package and an independent one."""

from __future__ import annotations

from collections import Counter

import vietnam_provinces

from shared import places
from shared.places import generate
from shared.places.registry import _registry


def test_the_snapshot_is_what_the_pinned_package_gives() -> None:
    assert generate.main(["--check"]) == 0
    assert places.source() == {"package": "vietnamadminunits", "version": "1.0.4", "licence": "MIT"}


def test_the_country_has_34_provinces_and_3321_communes_today() -> None:
    today = _registry().today.values()
    levels = Counter(unit.level for unit in today)
    assert levels == {"province": 34, "commune": 3321}  # Resolutions 202/2025 and 1677-1680


def test_quang_ngai_has_96_units_as_resolution_1677_sets_them() -> None:
    units = [u for u in _registry().today.values() if u.parent_code == "51"]
    kinds = Counter(unit.name.split()[0] for unit in units)
    assert kinds == {"Xã": 86, "Phường": 9, "Đặc": 1}  # 86 communes, 9 wards, 1 special zone
    assert places.find("51").successor_codes == ()
    merged = {u.name for u in places.former_units(places.find("51"))}
    assert merged == {"Quảng Ngãi", "Kon Tum"}  # Resolution 202/2025/QH15


def test_former_kon_tum_had_ten_districts_and_102_communes_all_now_in_quang_ngai() -> None:
    districts = [
        u for u in _registry().former.values() if u.level == "district" and u.parent_code == "62"
    ]
    assert len(districts) == 10
    communes = [
        u
        for u in _registry().former.values()
        if u.level == "commune" and u.parent_code in {d.code for d in districts}
    ]
    assert len(communes) == 102
    assert {places.current_province(c).code for c in communes} == {"51"}


def test_todays_quang_ngai_communes_agree_with_the_gso_list_of_vietnam_provinces() -> None:
    """Same codes and names; `vietnam-provinces` writes "Phường Đăk BLa", hence the casefold."""
    ours = {u.code: u.name.casefold() for u in _registry().today.values() if u.parent_code == "51"}
    theirs = {
        f"{ward.code.value:05d}": ward.name.casefold()
        for ward in vietnam_provinces.Ward.iter_all()
        if ward.province_code.value == 51
    }
    assert ours == theirs
