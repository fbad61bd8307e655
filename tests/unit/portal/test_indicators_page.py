"""The public indicators page: a period's headline figures, its sectors and its CSV; a period
written wrong is refused in Vietnamese next to its field, and nothing is asked."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from services.portal.domain.indicators import SectorRow, bars
from tests.unit.portal.fakes import (
    InMemoryIndicators,
    indicators_json,
    portal_client,
)


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with portal_client(
        indicators=InMemoryIndicators(indicators_json("2026-Q4")),
    ) as client:
        yield client


async def test_a_quarter_shows_its_headlines_sectors_and_csv_link(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/chi-so", params={"ky": "2026-Q4"})
    assert response.status_code == 200
    assert "01/10/2026 – 31/12/2026" in response.text
    assert "<strong>1.200.000.000 ₫</strong>" in response.text
    assert "<td>Dược liệu</td>" in response.text
    assert 'href="/chi-so.csv?ky=2026-Q4"' in response.text


async def test_the_csv_downloads_as_a_file(client: httpx.AsyncClient) -> None:
    response = await client.get("/chi-so.csv", params={"ky": "2026-Q4"})
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="stx-chi-so-2026-Q4.csv"' in response.headers["content-disposition"]
    assert response.text.splitlines() == ["period,scope", "2026-Q4,total"]


async def test_a_period_written_wrong_is_refused_next_to_its_field(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/chi-so", params={"ky": "quý 4"})
    assert response.status_code == 422
    assert 'id="ky-error"' in response.text
    assert "2026-Q4" in response.text
    assert (await client.get("/chi-so.csv", params={"ky": "x"})).status_code == 422


async def test_a_period_without_figures_is_a_404_page(client: httpx.AsyncClient) -> None:
    response = await client.get("/chi-so", params={"ky": "2019"})
    assert response.status_code == 404
    assert "Không có chỉ số" in response.text


def test_the_chart_scales_each_sector_against_the_largest_figure() -> None:
    rows = (
        SectorRow("Dược liệu", offers=12, demands=6, contracts=1, value=""),
        SectorRow("Môi trường", offers=3, demands=0, contracts=0, value=""),
    )
    herbs, environment = bars(rows)
    assert (herbs.offers_width, herbs.demands_width) == (100.0, 50.0)
    assert (environment.offers_width, environment.demands_width) == (25.0, 0.0)
    assert bars(()) == ()


async def test_the_page_draws_the_chart_as_inline_svg_with_a_text_alternative(
    client: httpx.AsyncClient,
) -> None:
    page = (await client.get("/chi-so", params={"ky": "2026-Q4"})).text
    assert 'aria-label="Dược liệu: 12 chào bán, 7 đặt hàng"' in page
    assert 'class="offers" x="0" y="0" height="9" width="100.0"' in page
    assert "style=" not in page  # the CSP forbids inline styles: widths are SVG attributes
