"""The content rules of offers and demands (bad input is named by its field)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from services.listings.domain.terms import violations
from tests.unit.listings.factories import TODAY, demand_terms, offer_terms


def fields_of(error: ValidationError) -> list[str]:
    return [".".join(str(p) for p in e["loc"]) for e in error.errors()]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"trl": 0}, "trl"),
        ({"trl": 10}, "trl"),
        ({"price_vnd": -1}, "price_vnd"),
        ({"sector": "tourism"}, "sector"),
        ({"title": "S" * 1_000_000}, "title"),
        ({"transfer_forms": ["barter"]}, "transfer_forms.0"),
        ({"attachments": ["javascript:alert(1)"]}, "attachments.0"),
        ({"title": {"$gt": ""}}, "title"),
    ],
)
def test_malformed_fields_are_refused_by_name(overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        offer_terms(**overrides)
    assert fields_of(refused.value) == [field]


def test_a_complete_offer_and_demand_break_no_rule() -> None:
    assert violations(offer_terms(), TODAY) == []
    assert violations(demand_terms(), TODAY) == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"trl": None}, "trl"),
        ({"transfer_objects": []}, "transfer_objects"),
        ({"price_vnd": None}, "price_vnd"),
        ({"min_trl": 5}, "min_trl"),
        ({"anonymous": True}, "anonymous"),
        ({"state_funded": True}, "funding_task_code"),
        ({"funding_task_code": "ĐTKHCN.KT.08/2022"}, "funding_task_code"),
        ({"ip_status": "patent_granted"}, "ip_registration_numbers"),
        ({"ip_registration_numbers": ["1-0023456"]}, "ip_registration_numbers"),
        ({"valid_until": "2026-03-01"}, "valid_until"),
    ],
)
def test_offer_rules_name_the_field_to_fix(overrides: dict[str, Any], field: str) -> None:
    assert [v.field for v in violations(offer_terms(**overrides), TODAY)] == [field]


def test_a_negotiable_state_funded_offer_with_its_task_code_is_fine() -> None:
    terms = offer_terms(
        price_vnd=None,
        price_negotiable=True,
        state_funded=True,
        funding_task_code="ĐTKHCN.KT.08/2022",
        ip_status="plant_variety",
        ip_registration_numbers=["45/QĐ-TT-CLT"],
    )
    assert violations(terms, TODAY) == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"desired_outcome": None}, "desired_outcome"),
        ({"budget_min_vnd": 900_000_001}, "budget_min_vnd"),
        ({"trl": 7}, "trl"),
        ({"price_vnd": 1}, "price_vnd"),
        ({"deadline": "2026-03-01"}, "deadline"),
        ({"state_funded": True}, "kind"),
    ],
)
def test_demand_rules_name_the_field_to_fix(overrides: dict[str, Any], field: str) -> None:
    assert field in [v.field for v in violations(demand_terms(**overrides), TODAY)]


def test_every_broken_rule_is_reported_at_once() -> None:
    terms = offer_terms(trl=None, transfer_objects=[], valid_until="2020-01-01")
    assert {v.field for v in violations(terms, TODAY)} == {"trl", "transfer_objects", "valid_until"}


GI_NGOC_LINH = {"category": "geographical_indication", "status": "granted", "number": "00049"}


def test_the_ngoc_linh_geographical_indication_and_an_ocop_product_are_accepted() -> None:
    terms = offer_terms(
        ip_rights=[GI_NGOC_LINH, {"category": "trade_secret", "status": "unregistered"}],
        ocop_products=[{"name": "Sâm Ngọc Linh", "stars": 5, "year": 2024}],
        transfer_forms=["machinery_with_technology", "other"],
        transfer_methods=["documents", "training", "experts", "equipment"],
    )

    assert violations(terms, TODAY) == []


@pytest.mark.parametrize(
    ("right", "field"),
    [
        ({"category": "trademark", "status": "granted"}, "ip_rights.0.number"),
        ({"category": "trade_secret", "status": "pending"}, "ip_rights.0.status"),
        ({"category": "plant_variety", "status": "unregistered"}, "ip_rights.0.status"),
        (
            {"category": "copyright", "status": "unregistered", "number": "123/2020"},
            "ip_rights.0.number",
        ),
        (
            {"category": "patent", "status": "pending", "granted_on": "2024-01-01"},
            "ip_rights.0.granted_on",
        ),
    ],
)
def test_an_ip_right_breaking_a_rule_is_named_by_its_field(
    right: dict[str, Any], field: str
) -> None:
    assert [v.field for v in violations(offer_terms(ip_rights=[right]), TODAY)] == [field]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        (
            {"ocop_products": [{"name": "Cà phê", "stars": 2, "year": 2024}]},
            "ocop_products.0.stars",
        ),
        (
            {"ip_rights": [{"category": "utility_model", "status": "granted"}]},
            "ip_rights.0.category",
        ),
        ({"transfer_methods": ["telepathy"]}, "transfer_methods.0"),
    ],
)
def test_malformed_structured_facts_are_refused_by_name(
    overrides: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        offer_terms(**overrides)
    assert fields_of(refused.value) == [field]


def test_a_task_result_certificate_belongs_to_a_state_funded_offer() -> None:
    certificate = {"number": "12/2023/ĐK", "issued_on": "2023-05-18"}
    funded = offer_terms(
        state_funded=True,
        funding_task_code="ĐTKHCN.KT.08/2022",
        task_result_certificate=certificate,
    )

    assert violations(funded, TODAY) == []
    assert [
        v.field for v in violations(offer_terms(task_result_certificate=certificate), TODAY)
    ] == ["task_result_certificate"]
