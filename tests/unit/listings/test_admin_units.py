"""Administrative units across the 1 July 2025 merger."""

from __future__ import annotations

from datetime import date

import pytest

from services.listings.domain import admin_units

BEFORE = date(2025, 6, 30)
AFTER = date(2025, 7, 1)


def test_kon_tum_existed_until_the_merger_and_names_its_successor() -> None:
    kon_tum = admin_units.find("62")
    assert (kon_tum.name, kon_tum.valid_to, kon_tum.successor_code) == ("Kon Tum", BEFORE, "51")
    assert admin_units.find("62", on=BEFORE) == kon_tum
    with pytest.raises(admin_units.UnknownUnitError):
        admin_units.find("62", on=AFTER)


def test_an_old_kon_tum_address_resolves_to_quang_ngai_today() -> None:
    ngoc_hoi = admin_units.find("611")
    assert admin_units.current_province(ngoc_hoi, BEFORE).name == "Kon Tum"
    assert admin_units.current_province(ngoc_hoi, AFTER).name == "Quảng Ngãi"
    assert admin_units.current_province(ngoc_hoi, AFTER).code == "51"


def test_a_code_reused_after_the_merger_names_the_unit_of_that_day() -> None:
    assert admin_units.find("52", on=BEFORE).name == "Bình Định"
    assert admin_units.find("52", on=AFTER).name == "Gia Lai"
    pleiku = admin_units.find("622")
    assert admin_units.current_province(pleiku, AFTER).name == "Gia Lai"
    assert admin_units.current_province(pleiku, AFTER).code == "52"


def test_a_unit_round_trips_through_its_public_form() -> None:
    kon_tum = admin_units.find("62")
    assert admin_units.version_of(kon_tum.public()) == kon_tum


def test_an_unknown_code_is_refused() -> None:
    with pytest.raises(admin_units.UnknownUnitError):
        admin_units.find("99")
