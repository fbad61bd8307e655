"""Bulk import from the portal: the template the importer accepts, each bad row reported by
its line in Vietnamese, the imported listings linked, a file the portal itself refuses."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date

import httpx
import pytest

from services.listings.importer import CatalogueFormat, parse
from services.portal.domain.catalogue import RowProblem, catalogue_template, row_problems
from tests.unit.portal.fakes import InMemoryOwnListings, portal_client
from tests.unit.portal.test_organization_pages import ORG, csrf, signed_in

TODAY = date(2026, 12, 3)
BAD_TRL = {
    "field": "rows.3.trl", "message": "Input should be less than or equal to 9",
    "code": "less_than_equal", "limit": 9,
}  # fmt: skip


def test_the_template_is_a_catalogue_the_listings_importer_accepts() -> None:
    template = catalogue_template(TODAY)
    assert template.startswith("\ufeffkind,title,summary,")
    catalogue = parse(template.lstrip("\ufeff"), CatalogueFormat.CSV, TODAY, 10)
    assert catalogue.errors == []
    assert [row.kind.value for row in catalogue.rows] == ["offer", "demand"]


def test_row_errors_are_worded_in_vietnamese_by_line_and_column() -> None:
    errors = [
        BAD_TRL,
        {"field": "rows.2.keyword", "message": "Extra inputs", "code": "extra_forbidden"},
        {"field": "rows.3.desired_outcome", "message": "x", "code": "validation-failed"},
        {"field": "organization.verified", "message": "not a row"},
    ]
    assert row_problems(errors) == [
        RowProblem(2, "keyword", "keyword", "Cột này không có trong mẫu (tên cột viết sai?)."),
        RowProblem(3, "trl", "Mức sẵn sàng công nghệ (TRL)", "Giá trị lớn nhất là 9."),
        RowProblem(
            3, "desired_outcome", "Kết quả mong muốn", "Đặt hàng cần nêu kết quả mong muốn."
        ),
    ]


@pytest.fixture
def own() -> InMemoryOwnListings:
    return InMemoryOwnListings()


@pytest.fixture
async def client(own: InMemoryOwnListings) -> AsyncIterator[httpx.AsyncClient]:
    async with portal_client(own=own) as client:
        yield client


async def upload(client: httpx.AsyncClient, token: str, data: bytes) -> httpx.Response:
    files = {"catalogue": ("danh-muc.csv", data, "text/csv")}
    return await client.post("/to-chuc/tin/nhap", data={"csrf_token": token}, files=files)


async def test_a_catalogue_with_a_bad_row_is_reported_by_line_then_imported(
    client: httpx.AsyncClient, own: InMemoryOwnListings
) -> None:
    await signed_in(client)
    form = await client.get("/to-chuc/tin/nhap")
    assert 'enctype="multipart/form-data"' in form.text
    assert 'href="/to-chuc/tin/mau-nhap-tin.csv"' in form.text
    token = await csrf(client, "/to-chuc/tin/nhap")
    data = catalogue_template(TODAY).encode()

    own.import_errors = [BAD_TRL]
    refused = await upload(client, token, data)
    assert refused.status_code == 422
    assert "Chưa nhập tin nào: 1 dòng có lỗi" in refused.text
    assert (
        '<tr data-row="3"><td>3</td><td>Mức sẵn sàng công nghệ (TRL) (<code>trl</code>)</td>'
        "<td>Giá trị lớn nhất là 9.</td></tr>"
    ) in refused.text
    assert own.catalogues == [data]  # forwarded as uploaded

    own.import_errors = []
    own.items["lst_imported_1"] = {
        "listing_id": "lst_imported_1", "owner": ORG, "kind": "offer", "status": "submitted",
        "title": "Quy trình nhân giống sâm",
    }  # fmt: skip
    imported = await upload(client, token, data)
    assert imported.status_code == 200
    assert "Đã nhập 1 tin và gửi Sở KH&amp;CN duyệt" in imported.text
    assert '<a href="/to-chuc/tin#tin-lst_imported_1">Quy trình nhân giống sâm</a>' in imported.text


async def test_an_empty_or_non_utf8_file_is_refused_before_the_api_is_asked(
    client: httpx.AsyncClient, own: InMemoryOwnListings
) -> None:
    token = await signed_in(client)
    empty = await upload(client, token, b"")
    assert empty.status_code == 422
    assert "Chọn một tệp CSV" in empty.text
    latin = await upload(client, token, "kind,title\noffer,Sâm".encode("cp1258"))
    assert "CSV UTF-8" in latin.text
    assert own.catalogues == []


async def test_an_upload_without_the_csrf_token_is_refused(
    client: httpx.AsyncClient, own: InMemoryOwnListings
) -> None:
    await signed_in(client)
    forged = await upload(client, "someone-elses-token", b"kind\noffer\n")
    assert forged.status_code == 403
    assert own.catalogues == []


async def test_the_template_downloads_as_a_csv_attachment(client: httpx.AsyncClient) -> None:
    response = await client.get("/to-chuc/tin/mau-nhap-tin.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.text.lstrip("\ufeff").startswith("kind,title,summary,description,")


async def test_a_file_above_the_api_s_limit_is_refused_in_vietnamese_and_a_huge_one_not_read(
    client: httpx.AsyncClient, own: InMemoryOwnListings
) -> None:
    token = await signed_in(client)
    large = await upload(client, token, b"kind,title\n" + b"x" * (1024 * 1024))
    assert large.status_code == 422
    assert "Tệp lớn hơn 1 MB" in large.text
    huge = await upload(client, token, b"x" * (3 * 1024 * 1024))
    assert huge.status_code == 413
    assert own.catalogues == []
