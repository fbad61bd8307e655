"""The listing view and the search form: what a page shows and refuses, without I/O."""

from __future__ import annotations

from services.portal.domain.listings import ANONYMOUS_OWNER, listing_view
from services.portal.domain.search import read_search_form
from tests.unit.portal.fakes import anonymous_demand_json, offer_json


def test_an_offer_shows_its_owner_price_place_and_day_in_the_province() -> None:
    view = listing_view(offer_json(price_negotiable=True))
    assert (view.kind_label, view.sector_label) == ("Chào bán công nghệ", "Dược liệu")
    assert view.owner == "Viện Dược liệu"
    assert view.owner_kind == "Viện, trung tâm nghiên cứu"
    assert view.money == "1.200.000.000 ₫ (thỏa thuận)"
    assert (view.place, view.readiness, view.published_on) == (
        "Quảng Ngãi",
        "TRL 7/9",
        "03/12/2026",
    )
    assert view.url == "/listings/lst_sam_nuoi_cay_mo"


def test_an_anonymous_demand_names_no_owner_nor_its_kind() -> None:
    view = listing_view(anonymous_demand_json())
    assert view.owner == ANONYMOUS_OWNER
    assert view.owner_kind == ""
    assert (view.money_label, view.money) == ("Kinh phí dự kiến", "đến 500.000.000 ₫")
    assert (view.readiness, view.deadline) == ("TRL từ 6", "30/06/2027")


def test_the_search_form_collapses_spaces_and_passes_only_what_was_given() -> None:
    form = read_search_form({"q": "  sam   ngoc linh ", "kind": "", "sector": "medicinal_herbs"})
    assert form.is_valid
    assert form.api_params() == {"q": "sam ngoc linh", "sector": "medicinal_herbs"}


def test_each_bad_field_is_refused_in_vietnamese_under_its_own_name() -> None:
    form = read_search_form({"q": "x" * 201, "kind": "sale", "sector": "mining"})
    assert set(form.errors) == {"q", "kind", "sector"}
    assert form.errors["q"] == "Từ khóa tối đa 200 ký tự."
    assert "chào bán hoặc đặt hàng" in form.errors["kind"]
