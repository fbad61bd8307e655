"""Contracts made outside the platform, declared by a broker, count in the indicators; a
published period is served as it was published; anonymous readers are rate-limited."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from services.matching.domain.periods import containing
from services.matching.engine import E5Embedder
from services.matching.settings import MatchingSettings
from shared.auth import Role
from shared.events.indicators import Granularity
from shared.topics import INDICATORS
from tests.integration.matching.kit import eventually_published, of_type, running

pytestmark = pytest.mark.integration


def declaration(number: str, signed_on: date, **changes: Any) -> dict[str, Any]:
    return {
        "title": "Công nghệ sấy lạnh cà phê Robusta",
        "sector": "agro_forestry_fishery_processing",
        "place_code": "23425",
        "supplier_name": "Viện Cơ điện nông nghiệp và Công nghệ sau thu hoạch",
        "supplier_kind": "research_institute",
        "buyer_name": "HTX Nông nghiệp Tu Mơ Rông",
        "transfer_form": "machinery_with_technology",
        "transfer_methods": ["equipment", "training"],
        "value_vnd": 650_000_000,
        "signed_on": signed_on.isoformat(),
        "registration_number": number,
        "registered_on": signed_on.isoformat(),
    } | changes


async def test_a_declared_contract_counts_in_the_totals_and_on_its_own(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str
) -> None:
    today = datetime.now(settings.zone).date()
    month = containing(Granularity.MONTH, today)
    number = f"{unique_name}/GCN-SKHCN"

    async with running(settings, embedder) as replica:
        broker = replica.token(Role.broker)
        before = (await replica.http.get("/v1/indicators", params={"period": month.label})).json()
        created = await replica.http.post(
            "/v1/declared-contracts", json=declaration(number, today), headers=broker
        )
        again = await replica.http.post(
            "/v1/declared-contracts", json=declaration(number, today), headers=broker
        )
        by_org = await replica.http.post(
            "/v1/declared-contracts",
            json=declaration(f"{number}-2", today),
            headers=replica.token(Role.org, "org_x"),
        )
        district = await replica.http.post(
            "/v1/declared-contracts",
            json=declaration(f"{number}-3", today, place_code="617"),
            headers=broker,
        )
        after = (await replica.http.get("/v1/indicators", params={"period": month.label})).json()
        listed = await replica.http.get("/v1/declared-contracts", headers=broker)

    assert created.status_code == 201
    assert created.json()["place"]["code"] == "23425"
    assert again.status_code == 409
    assert by_org.status_code == 403
    assert district.status_code == 422
    assert district.json()["errors"][0]["field"] == "body.place_code"
    assert before["totals"]["declared_contracts"] == 0
    totals = after["totals"]
    assert (totals["contracts"], totals["declared_contracts"]) == (1, 1)
    assert totals["declared_contract_value_vnd"] == totals["contract_value_vnd"] == 650_000_000
    assert totals["academic_domestic_value_share"] == 1.0
    assert [d["contract"]["registration_number"] for d in listed.json()] == [number]


async def test_a_published_period_is_served_as_it_was_published(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str
) -> None:
    last_month = containing(Granularity.MONTH, datetime.now(UTC).date()).previous()
    fast = settings.model_copy(update={"indicators_sweep_seconds": 0.3})
    ours = of_type(
        "stx.indicators.published", period=last_month.label, province=settings.province_name
    )

    async with running(fast, embedder) as replica:
        await eventually_published(settings.kafka_bootstrap_servers, INDICATORS, ours)
        late = await replica.http.post(
            "/v1/declared-contracts",
            json=declaration(unique_name, last_month.first_day + timedelta(days=3)),
            headers=replica.token(Role.broker),
        )
        served = await replica.http.get("/v1/indicators", params={"period": last_month.label})

    assert late.status_code == 201
    assert served.json()["totals"]["declared_contracts"] == 0  # published figures are final


async def test_an_anonymous_reader_beyond_its_burst_is_told_when_to_come_back(
    settings: MatchingSettings, embedder: E5Embedder
) -> None:
    strict = settings.model_copy(update={"indicators_burst": 2, "indicators_rate_per_minute": 0.5})
    async with running(strict, embedder) as replica:
        answers = [
            await replica.http.get("/v1/indicators", params={"period": "2026"}) for _ in range(3)
        ]

    assert [a.status_code for a in answers] == [200, 200, 429]
    refused = answers[-1]
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert int(refused.headers["Retry-After"]) > 0
