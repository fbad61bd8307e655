"""Brokers read the indicators with every cell (`GET /v1/indicators/full`): a contract between
two organisations shows under its own sector and commune there, while the public report
merges it into the "other" rows; nobody else may read it. The portal's export (its HTTP
adapter, a token it mints for a signed-in broker) makes its workbook from that report."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from services.matching.engine import E5Embedder
from services.matching.settings import MatchingSettings
from services.portal.domain.session import Visitor
from services.portal.repository.indicators_api import FullIndicatorsApi
from services.portal.repository.visitor_tokens import VisitorTokens
from services.portal.service.indicator_exports import ExportFile, IndicatorExports
from shared.auth import Role
from tests.integration.matching.kit import running
from tests.integration.matching.test_declared_contracts import declaration

pytestmark = pytest.mark.integration
SIGNED_ON = date(2025, 9, 15)
"""A month no other test counts in and that no sweep publishes (only the last closed one is)."""
PERIOD = "2025-09"


async def test_a_broker_reads_the_small_cells_the_public_report_merges(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str
) -> None:
    async with running(settings, embedder) as replica:
        broker = replica.token(Role.broker)
        declared = await replica.http.post(
            "/v1/declared-contracts", json=declaration(unique_name, SIGNED_ON), headers=broker
        )
        public = await replica.http.get("/v1/indicators", params={"period": PERIOD})
        full = await replica.http.get(
            "/v1/indicators/full", params={"period": PERIOD}, headers=broker
        )
        full_csv = await replica.http.get(
            "/v1/indicators/full", params={"period": PERIOD, "format": "csv"}, headers=broker
        )
        by_org = await replica.http.get(
            "/v1/indicators/full",
            params={"period": PERIOD},
            headers=replica.token(Role.org, "org_x"),
        )
        anonymous = await replica.http.get("/v1/indicators/full", params={"period": PERIOD})
        bad_period = await replica.http.get(
            "/v1/indicators/full", params={"period": "quý 3"}, headers=broker
        )
        year = await replica.http.get(
            "/v1/indicators/full/year", params={"year": "2025"}, headers=broker
        )
        year_by_org = await replica.http.get(
            "/v1/indicators/full/year",
            params={"year": "2025"},
            headers=replica.token(Role.org, "org_x"),
        )

    assert declared.status_code == 201
    assert [s["sector"] for s in public.json()["by_sector"]] == ["other"]
    assert [d["district_code"] for d in public.json()["by_district"]] == ["other"]
    report = full.json()
    assert [s["sector"] for s in report["by_sector"]] == ["agro_forestry_fishery_processing"]
    assert [(d["district_code"], d["figures"]["contracts"]) for d in report["by_district"]] == [
        ("23425", 1)
    ]
    assert report["totals"] == public.json()["totals"]
    rows = list(csv.DictReader(io.StringIO(full_csv.text)))
    assert ("sector", "agro_forestry_fishery_processing", "1") in {
        (r["scope"], r["code"], r["contracts"]) for r in rows
    }
    assert (by_org.status_code, anonymous.status_code, bad_period.status_code) == (403, 401, 422)
    periods = {p["period"]: p["totals"]["contracts"] for p in year.json()}
    assert len(periods) == 17  # twelve months, four quarters, the year
    assert periods[PERIOD] == periods["2025-Q3"] == report["totals"]["contracts"] >= 1
    assert year_by_org.status_code == 403


async def test_the_portal_exports_a_brokers_workbook_with_the_small_cells(
    settings: MatchingSettings, embedder: E5Embedder, unique_name: str
) -> None:
    tokens = VisitorTokens(
        settings.jwt_secret.get_secret_value(), settings.jwt_audience, may_mint=True
    )
    broker = Visitor(
        subject="broker-01",
        name="Cán bộ Sở KH&CN (môi giới)",
        roles=("broker",),
        organization_id=None,
        expires_at=datetime(2100, 1, 1, tzinfo=UTC),
    )
    async with running(settings, embedder) as replica:
        await replica.http.post(
            "/v1/declared-contracts",
            json=declaration(f"{unique_name}-xlsx", SIGNED_ON, value_vnd=480_000_000),
            headers=replica.token(Role.broker),
        )
        exports = IndicatorExports(FullIndicatorsApi(replica.http), tokens)
        exported = await exports.file(broker, PERIOD, "xlsx")

    assert isinstance(exported, ExportFile)
    assert exported.filename == "chi-so-2025-09.xlsx"
    book = load_workbook(io.BytesIO(exported.body))
    sectors = book["Theo lĩnh vực"]
    assert sectors["A6"].value == "Chế biến nông, lâm, thủy sản"
    assert sectors["A7"].value is None  # one row: nothing merged into "other"
    periods = [row[0].value for row in book["Các kỳ trong năm"].iter_rows(min_row=6)]
    assert periods[:2] == ["Tháng 01/2025", "Tháng 02/2025"]
    assert periods[11:17] == ["Tháng 12/2025", "Quý 1/2025", "Quý 2/2025", "Quý 3/2025",
                              "Quý 4/2025", "Năm 2025"]  # fmt: skip
