"""The award pages: programmes newest year first, a programme's results once published with
each laureate's certificate served through the portal, nothing before."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.unit.portal.fakes import portal_client
from tests.unit.portal.fakes_awards import InMemoryAwards, programme_json, results_json


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    awards = InMemoryAwards(
        programme_json(),
        programme_json(programme_id="prg_2027", year=2027, status="open", title="Tôn vinh 2027"),
        results={"prg_2026": results_json()},
    )
    async with portal_client(awards=awards) as client:
        yield client


async def test_programmes_are_listed_newest_year_first(client: httpx.AsyncClient) -> None:
    text = (await client.get("/ton-vinh")).text
    assert text.index("Tôn vinh 2027") < text.index("Tôn vinh doanh nghiệp đổi mới công nghệ 2026")
    assert "Đang nhận đề cử" in text
    assert "Nhận đề cử: 01/09/2026 – 31/10/2026" in text


async def test_published_results_name_each_laureate_with_a_certificate(
    client: httpx.AsyncClient,
) -> None:
    text = (await client.get("/ton-vinh/prg_2026")).text
    assert "<td>Cà phê Đắk Hà</td><td>Doanh nghiệp đổi mới công nghệ</td><td>Bằng khen</td>" in text
    assert 'href="/chung-nhan/nom_1.pdf"' in text
    pdf = await client.get("/chung-nhan/nom_1.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


async def test_before_publication_there_are_no_results(client: httpx.AsyncClient) -> None:
    assert "Kết quả chưa được công bố." in (await client.get("/ton-vinh/prg_2027")).text
    assert (await client.get("/chung-nhan/nom_khac.pdf")).status_code == 404
    assert (await client.get("/ton-vinh/prg_khong_co")).status_code == 404
