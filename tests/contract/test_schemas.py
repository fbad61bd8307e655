"""The public contract: committed artefacts match the models, and v1 only grows."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest

from shared.contract import (
    SCHEMAS_DIR,
    check,
    committed_schemas,
    contract_models,
    schema_file_name,
)
from shared.contract_changes import breaking_changes
from shared.events.listings import ListingPublished


def test_committed_schemas_and_asyncapi_match_the_models() -> None:
    assert check() == []


def test_every_event_type_has_a_committed_schema() -> None:
    committed = committed_schemas()
    for model in contract_models():
        assert schema_file_name(model) in committed, model.ce_type


def _every_property(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [(name, prop) for name, prop in schema.get("properties", {}).items()]
    for definition in schema.get("$defs", {}).values():
        found.extend(_every_property(definition))
    return found


def test_every_field_is_described_for_subscribers() -> None:
    for name, schema in committed_schemas().items():
        undescribed = [p for p, prop in _every_property(schema) if "description" not in prop]
        assert undescribed == [], f"{name}: fields without description: {undescribed}"


def _listing_published_schema() -> dict[str, Any]:
    return json.loads((SCHEMAS_DIR / schema_file_name(ListingPublished)).read_text())


def test_adding_an_optional_field_is_compatible() -> None:
    old = _listing_published_schema()
    new = copy.deepcopy(old)
    new["$defs"]["ListingSnapshot"]["properties"]["impact_note"] = {"type": "string"}
    assert breaking_changes(old, new) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda s: s["$defs"]["ListingSnapshot"]["properties"].pop("title"),
            "ListingSnapshot.title: removed",
        ),
        (
            lambda s: s["$defs"]["ListingSnapshot"]["properties"].__setitem__(
                "version", {"type": "string"}
            ),
            "ListingSnapshot.version: type changed",
        ),
        (
            lambda s: s["$defs"]["ListingSnapshot"]["required"].append("title_en"),
            "ListingSnapshot.title_en: newly required",
        ),
        (
            lambda s: s["$defs"]["Sector"]["enum"].remove("healthcare"),
            "Sector: values removed: healthcare",
        ),
    ],
)
def test_a_breaking_v1_change_is_reported_clearly(change: Any, message: str) -> None:
    old = _listing_published_schema()
    new = copy.deepcopy(old)
    change(new)
    assert any(p.startswith(message) for p in breaking_changes(old, new)), breaking_changes(
        old, new
    )


def test_a_real_payload_validates_against_its_committed_schema() -> None:
    event = ListingPublished.model_validate(
        {
            "listing_id": "lst_1",
            "listing": {
                "listing_id": "lst_1",
                "kind": "offer",
                "status": "published",
                "version": 2,
                "title": "Công nghệ sấy lạnh dược liệu",
                "summary": "Sấy lạnh giữ hoạt chất.",
                "description": "Máy sấy bơm nhiệt.",
                "sector": "medicinal_herbs",
                "trl": 7,
                "owner_kind": "university",
                "owner_organization_id": "org_1",
                "owner_name": "Phân hiệu Đại học Đà Nẵng tại Kon Tum",
                "updated_at": "2026-11-26T01:00:00Z",
            },
        }
    )
    jsonschema.validate(json.loads(event.model_dump_json()), _listing_published_schema())


def test_an_event_type_leaves_a_public_topic_only_through_a_documented_move(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import shared.contract as contract

    moved = copy.deepcopy(contract.generated_schemas())
    moved["listing.published.v1.json"]["x-topic"] = "stx.internal.moderation.v1"
    before = copy.deepcopy(contract.committed_schemas())
    before["listing.returned.v1.json"]["x-topic"] = "stx.listings.v1"  # as committed until 2026-12
    monkeypatch.setattr(contract, "generated_schemas", lambda: moved)
    monkeypatch.setattr(contract, "committed_schemas", lambda: before)

    problems = contract.check()

    assert (
        "listing.published.v1.json: moved from stx.listings.v1 to stx.internal.moderation.v1 "
        "undocumented" in problems
    )
    assert not [p for p in problems if p.startswith("listing.returned")]  # a documented move
