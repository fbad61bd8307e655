"""Market indicators: live over HTTP (JSON, CSV), and published once per closed period."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from services.matching.domain.periods import Period, containing
from services.matching.engine import E5Embedder
from services.matching.settings import MatchingSettings
from shared.events.indicators import Granularity
from shared.events.organizations import (
    AdministrativeUnit,
    OrganizationProfile,
    OrganizationRegistered,
)
from shared.topics import INDICATORS
from tests.integration.matching.kit import (
    KON_TUM,
    drying_demand,
    drying_offer,
    eventually_published,
    of_type,
    produce,
    published,
    published_record,
    record_of,
    running,
)
from tests.integration.shared.harness import eventually

pytestmark = pytest.mark.integration
KON_TUM_CITY = AdministrativeUnit(code="608", name="Thành phố Kon Tum", level="district")


def _university(organization_id: str) -> OrganizationRegistered:
    profile = OrganizationProfile(
        organization_id=organization_id,
        kind="university",
        name="Phân hiệu Đại học Đà Nẵng tại Kon Tum",
        province=KON_TUM,
        district=KON_TUM_CITY,
        current_province=AdministrativeUnit(code="51", name="Quảng Ngãi", level="province"),
        verified=True,
        registered_at=datetime(2024, 3, 1, tzinfo=UTC),
    )
    return OrganizationRegistered(organization_id=organization_id, organization=profile)


async def test_closed_periods_are_published_once_with_last_months_listings(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str
) -> None:
    last_month = containing(Granularity.MONTH, datetime.now(UTC).date()).previous()
    published_at = datetime.combine(
        last_month.first_day + timedelta(days=14), datetime.min.time(), UTC
    )
    uni = f"org_{unique_name}_uni"
    offer = drying_offer(f"lst_{unique_name}_o", owner=uni, published_at=published_at)
    demand = drying_demand(
        f"lst_{unique_name}_d", owner=f"org_{unique_name}_htx", published_at=published_at
    )
    ours = of_type("stx.indicators.published", province=settings.province_name)
    bootstrap, fast = (
        settings.kafka_bootstrap_servers,
        settings.model_copy(update={"indicators_sweep_seconds": 0.3}),
    )

    async with running(settings, embedder) as replica:
        await produce(
            bootstrap,
            record_of(_university(uni)),
            published_record(offer),
            published_record(demand),
        )
        projected = replica.app.state.runtime.db["listings"]

        async def both_projected() -> bool:
            return await projected.count_documents({}) == 2

        await eventually(both_projected)
    for _ in range(2):  # two successive replicas of the same database
        async with running(fast, embedder):
            await eventually_published(bootstrap, INDICATORS, ours, count=3)
            await asyncio.sleep(1.0)
    found = await published(bootstrap, INDICATORS, ours)

    by_period = {p.data["period"]: p.data for p in found}
    assert len(found) == 3
    assert set(by_period) == {
        last_month.label,
        containing(Granularity.QUARTER, datetime.now(UTC).date()).previous().label,
        str(datetime.now(UTC).year - 1),
    }
    month = by_period[last_month.label]
    assert (month["totals"]["offers_published"], month["totals"]["demands_published"]) == (1, 1)
    # The sector and each place rest on too few organisations: none is published on its own.
    [sector] = month["by_sector"]
    assert (sector["sector"], sector["figures"]["offers_published"]) == ("other", 1)
    [merged] = month["by_district"]
    assert merged["district_code"] == "other"
    assert (merged["figures"]["offers_published"], merged["figures"]["demands_published"]) == (1, 1)


async def test_indicators_are_served_as_json_and_csv(
    settings: MatchingSettings, embedder: E5Embedder
) -> None:
    async with running(settings, embedder) as replica:
        as_json = await replica.http.get("/v1/indicators", params={"period": "2026-Q4"})
        as_csv = await replica.http.get(
            "/v1/indicators", params={"period": "2026-Q4", "format": "csv"}
        )
        wrong = await replica.http.get("/v1/indicators", params={"period": "Q4-2026"})

    assert as_json.json()["period_start"] == str(Period.parse("2026-Q4").first_day)
    assert as_json.json()["totals"]["contracts"] == 0
    assert as_csv.headers["content-type"].startswith("text/csv")
    header, total = as_csv.text.splitlines()[:2]
    assert header.startswith("period,scope,code,name,offers_published,demands_published")
    assert total.startswith("2026-Q4,total,,,0,0")
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "period"
