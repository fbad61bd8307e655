"""A broker's declaration of a contract made outside the platform: checked, placed, keyed by
its registration certificate."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from services.matching.domain.declared_contracts import (
    ContractDeclaration,
    declaration_id_of,
    declare,
)
from services.matching.domain.errors import RuleBrokenError

NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)
TODAY = date(2026, 12, 3)


def declaration(**changes: Any) -> ContractDeclaration:
    data: dict[str, Any] = {
        "title": "Công nghệ sấy lạnh cà phê Robusta",
        "sector": "agro_forestry_fishery_processing",
        "place_code": "23425",
        "supplier_name": "Viện Cơ điện nông nghiệp",
        "supplier_kind": "research_institute",
        "buyer_name": "HTX Nông nghiệp Tu Mơ Rông",
        "transfer_form": "independent_transfer",
        "value_vnd": 650_000_000,
        "signed_on": "2026-10-15",
        "registration_number": "21/GCN-SKHCN",
        "registered_on": "2026-10-30",
    }
    return ContractDeclaration.model_validate(data | changes)


def test_a_declaration_is_placed_in_todays_commune_and_keyed_by_its_certificate() -> None:
    declared = declare(declaration(), "broker-01", NOW, TODAY)

    assert (declared.place.code, declared.place.level) == ("23425", "commune")
    assert declared.declaration_id == declaration_id_of("21/gcn-skhcn")
    assert len(declared.party_keys()) == 2


def test_a_contract_signed_before_the_reform_may_name_a_commune_of_that_day() -> None:
    old = declaration(place_code="23404", signed_on="2025-03-01", registered_on="2025-03-20")

    assert declare(old, "broker-01", NOW, TODAY).place.valid_to == date(2025, 6, 30)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"signed_on": "2026-12-04", "registered_on": "2026-12-04"}, "body.signed_on"),
        ({"registered_on": "2026-10-01"}, "body.registered_on"),
        ({"place_code": "617"}, "body.place_code"),  # a district, abolished before 2026
        ({"place_code": "99999"}, "body.place_code"),
        (
            {"place_code": "617", "signed_on": "2025-03-01", "registered_on": "2025-03-02"},
            "body.place_code",
        ),
    ],
)
def test_a_wrong_declaration_names_the_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(RuleBrokenError) as refused:
        declare(declaration(**changes), "broker-01", NOW, TODAY)
    assert refused.value.rule == field
