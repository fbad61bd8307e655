"""The broker's indicator exports through the ASGI app: the page, the XLSX, JSON and CSV files
of a period (read from matching's report with every cell, with the broker's token) with their
names, who may have them, and a period written wrong refused beside its field before the
matching API is asked."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from io import BytesIO

import httpx
import pytest
from openpyxl import load_workbook

from tests.unit.portal.fakes import (
    InMemoryFullIndicators,
    InMemoryIndicators,
    indicators_json,
    portal_client,
)
from tests.unit.portal.signing import sign_in

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


REPORT = indicators_json("2026-Q3") | {"granularity": "quarter"}


@pytest.fixture
def indicators() -> InMemoryFullIndicators:
    return InMemoryFullIndicators(REPORT)


@pytest.fixture
async def client(indicators: InMemoryFullIndicators) -> AsyncIterator[httpx.AsyncClient]:
    async with portal_client(
        indicators=InMemoryIndicators(REPORT), full_indicators=indicators
    ) as client:
        yield client


async def test_a_broker_downloads_the_workbook_of_a_quarter(client: httpx.AsyncClient) -> None:
    await sign_in(client, "broker-01")
    response = await client.get("/moi-gioi/chi-so.xlsx", params={"ky": "2026-Q3"})
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    assert response.headers["content-disposition"] == 'attachment; filename="chi-so-2026-Q3.xlsx"'
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames[:2] == ["Tổng hợp", "Theo lĩnh vực"]
    assert str(book["Tổng hợp"]["A2"].value).startswith("Kỳ báo cáo: 2026-Q3 (Quý,")
    assert book["Theo lĩnh vực"]["A6"].value == "Dược liệu"
    assert book["Các kỳ trong năm"]["A6"].value == "Quý 3/2026"


async def test_a_broker_downloads_the_json_the_api_gives_as_a_file(
    client: httpx.AsyncClient,
) -> None:
    await sign_in(client, "broker-01")
    response = await client.get("/moi-gioi/chi-so.json", params={"ky": "2026-Q3"})
    assert response.headers["content-type"] == "application/json"
    assert 'filename="chi-so-2026-Q3.json"' in response.headers["content-disposition"]
    assert json.loads(response.content) == REPORT  # the API's own JSON, as it was sent


async def test_a_broker_downloads_the_csv_the_api_gives(client: httpx.AsyncClient) -> None:
    await sign_in(client, "broker-01")
    response = await client.get("/moi-gioi/chi-so.csv", params={"ky": "2026-Q3"})
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="chi-so-2026-Q3.csv"' in response.headers["content-disposition"]
    assert response.text.splitlines() == ["period,scope,code", "2026-Q3,sector,medicinal_herbs"]


async def test_the_page_offers_the_three_files_for_the_period_typed(
    client: httpx.AsyncClient,
) -> None:
    await sign_in(client, "broker-01")
    response = await client.get("/moi-gioi/chi-so", params={"ky": "2026-Q3"})
    assert response.status_code == 200
    assert 'name="ky" value="2026-Q3"' in response.text
    for form in ("xlsx", "json", "csv"):
        assert f'formaction="/moi-gioi/chi-so.{form}"' in response.text
    assert '<a href="/moi-gioi/chi-so">Xuất chỉ số</a>' in response.text
    assert "Số liệu đầy đủ, không công bố nguyên bản" in response.text


async def test_a_period_written_wrong_is_refused_beside_its_field_and_nothing_is_asked(
    client: httpx.AsyncClient, indicators: InMemoryFullIndicators
) -> None:
    await sign_in(client, "broker-01")
    response = await client.get("/moi-gioi/chi-so.xlsx", params={"ky": "quý 3/2026"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert 'aria-invalid="true"' in response.text
    assert '<small id="ky-error" class="field-error">Năm (2026), quý (2026-Q4)' in response.text
    assert 'value="quý 3/2026"' in response.text
    assert indicators.asked == []


async def test_a_period_without_figures_is_a_404_page(client: httpx.AsyncClient) -> None:
    await sign_in(client, "broker-01")
    response = await client.get("/moi-gioi/chi-so.xlsx", params={"ky": "2019"})
    assert response.status_code == 404
    assert "Không có chỉ số" in response.text


async def test_an_unknown_format_is_no_page(client: httpx.AsyncClient) -> None:
    await sign_in(client, "broker-01")
    assert (await client.get("/moi-gioi/chi-so.pdf", params={"ky": "2026"})).status_code == 404


async def test_an_organisation_is_refused_the_page_and_the_files(
    client: httpx.AsyncClient, indicators: InMemoryFullIndicators
) -> None:
    await sign_in(client, "htxmangden:giam-doc")
    assert (await client.get("/moi-gioi/chi-so")).status_code == 403
    refused = await client.get("/moi-gioi/chi-so.xlsx", params={"ky": "2026-Q3"})
    assert refused.status_code == 403
    assert "môi giới" in refused.text
    assert indicators.asked == []


async def test_a_visitor_not_signed_in_is_sent_to_sign_in(client: httpx.AsyncClient) -> None:
    for path in ("/moi-gioi/chi-so", "/moi-gioi/chi-so.json"):
        response = await client.get(path, params={"ky": "2026-Q3"})
        assert (response.status_code, response.headers["location"]) == (303, "/dang-nhap")


async def test_the_public_page_links_the_exports_for_a_broker_only(
    client: httpx.AsyncClient,
) -> None:
    link = 'href="/moi-gioi/chi-so?ky=2026-Q3"'
    assert link not in (await client.get("/chi-so", params={"ky": "2026-Q3"})).text
    await sign_in(client, "htxmangden:giam-doc")
    assert link not in (await client.get("/chi-so", params={"ky": "2026-Q3"})).text
    await sign_in(client, "broker-01")
    assert link in (await client.get("/chi-so", params={"ky": "2026-Q3"})).text
