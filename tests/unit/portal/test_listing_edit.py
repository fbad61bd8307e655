"""Editing a listing: the form pre-filled from the owner's view, saved with the version it
replaces, what the form does not show carried over, a stale version and each refusal in
Vietnamese, a published listing's edit waiting for a broker."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from services.listings.api.models import ListingRead, ListingUpdate
from services.listings.domain.listings import create_draft
from services.portal.domain.listing_form import edit_body, form_of_listing, read_listing_form
from tests.unit.listings.factories import NOW, demand_terms, offer_terms, verified_org
from tests.unit.portal.fakes import InMemoryOwnListings, portal_client
from tests.unit.portal.test_organization_pages import ORG, csrf, signed_in


def offer(**changes: Any) -> dict[str, Any]:
    return {
        "listing_id": "lst_sam", "owner": ORG, "kind": "offer", "status": "draft", "version": 3,
        "title": "Nhân giống sâm Ngọc Linh bằng nuôi cấy mô",
        "summary": "Cây con sạch bệnh, tỷ lệ sống trên 85% khi ra vườn.",
        "description": "Quy trình năm giai đoạn, từ mô sẹo đến thuần dưỡng.",
        "sector": "medicinal_herbs", "keywords": ["sâm Ngọc Linh", "nuôi cấy mô"], "trl": 7,
        "transfer_objects": ["process"], "price_vnd": 1_200_000_000, "price_negotiable": False,
        "ip_status": "patent_granted", "ip_registration_numbers": ["1-0023456"],
        "location": {"code": "23425", "name": "Xã Măng Đen", "level": "commune"},
        "valid_until": "2027-12-31",
    } | changes  # fmt: skip


@pytest.fixture
def own() -> InMemoryOwnListings:
    own = InMemoryOwnListings()
    own.items["lst_sam"] = offer()
    return own


@pytest.fixture
async def client(own: InMemoryOwnListings) -> AsyncIterator[httpx.AsyncClient]:
    async with portal_client(own=own) as client:
        yield client


def test_the_form_is_filled_from_the_listing_and_keeps_what_it_does_not_show() -> None:
    listing = offer()
    form = form_of_listing(listing)
    assert form.value("keywords") == "sâm Ngọc Linh, nuôi cấy mô"
    assert (form.value("trl"), form.value("price_vnd"), form.value("version")) == (
        "7", "1200000000", "3"
    )  # fmt: skip
    body = edit_body(form, listing)
    assert body["version"] == 3
    assert body["ip_registration_numbers"] == ["1-0023456"]
    assert (body["location_code"], body["valid_until"]) == ("23425", "2027-12-31")
    assert "location" not in body
    assert "status" not in body


def test_a_pending_revision_is_what_the_owner_edits() -> None:
    pending = offer(title="Nhân giống sâm Ngọc Linh, bản sửa", location_code="23425")
    listing = offer(status="published", private={"pending_revision": pending})
    assert form_of_listing(listing).value("title") == "Nhân giống sâm Ngọc Linh, bản sửa"


def test_the_error_summary_names_each_field_in_vietnamese_in_form_order() -> None:
    form = read_listing_form({"kind": "offer"}).with_errors(
        {"trl": "Giá trị lớn nhất là 9.", "title": "Bắt buộc nhập."}
    )
    assert form.error_summary() == [
        ("title", "Tiêu đề", "Bắt buộc nhập."),
        ("trl", "Mức sẵn sàng công nghệ (TRL)", "Giá trị lớn nhất là 9."),
    ]


async def test_a_listing_is_edited_refused_next_to_its_field_then_saved(
    client: httpx.AsyncClient, own: InMemoryOwnListings
) -> None:
    await signed_in(client)
    listed = await client.get("/to-chuc/tin")
    assert 'href="/to-chuc/tin/lst_sam/sua"' in listed.text
    edit = await client.get("/to-chuc/tin/lst_sam/sua")
    assert 'value="Nhân giống sâm Ngọc Linh bằng nuôi cấy mô"' in edit.text
    assert 'name="version" value="3"' in edit.text
    token = await csrf(client, "/to-chuc/tin/lst_sam/sua")
    posted = {
        "csrf_token": token, "kind": "offer", "version": "3", "title": offer()["title"],
        "summary": "Ngắn", "description": offer()["description"], "sector": "medicinal_herbs",
        "trl": "8", "transfer_objects": "process", "price_vnd": "1.200.000.000",
    }  # fmt: skip

    refused = await client.post("/to-chuc/tin/lst_sam/sua", data=posted)
    assert refused.status_code == 422
    assert '<small id="summary-error" class="field-error">Quá ngắn: tối thiểu 10 ký tự.' in (
        refused.text
    )
    assert '<a href="#summary">Tóm tắt: Quá ngắn: tối thiểu 10 ký tự.</a>' in refused.text
    assert own.items["lst_sam"]["trl"] == 7

    fixed = posted | {"summary": "Cây con sạch bệnh, sống trên 90% khi ra vườn."}
    saved = await client.post("/to-chuc/tin/lst_sam/sua", data=fixed)
    assert (saved.status_code, saved.headers["location"]) == (303, "/to-chuc/tin?xong=sua")
    item = own.items["lst_sam"]
    assert (item["trl"], item["version"], item["price_vnd"]) == (8, 4, 1_200_000_000)
    assert item["ip_registration_numbers"] == ["1-0023456"]  # not on the form, carried over
    assert "Đã lưu thay đổi" in (await client.get(saved.headers["location"])).text


async def test_a_stale_version_is_explained_and_what_was_typed_stays(
    client: httpx.AsyncClient, own: InMemoryOwnListings
) -> None:
    token = await signed_in(client)
    own.items["lst_sam"]["version"] = 5  # saved meanwhile in another tab
    posted = {"csrf_token": token, "kind": "offer", "version": "3", "title": "Tiêu đề đã sửa",
              "summary": "Một đoạn tóm tắt đủ dài.", "sector": "medicinal_herbs"}  # fmt: skip
    stale = await client.post("/to-chuc/tin/lst_sam/sua", data=posted)
    assert stale.status_code == 409
    assert "vừa được thay đổi ở nơi khác" in stale.text
    assert 'value="Tiêu đề đã sửa"' in stale.text
    assert 'href="/to-chuc/tin/lst_sam/sua">Mở bản mới nhất' in stale.text


async def test_a_published_listing_edit_waits_for_a_broker(
    client: httpx.AsyncClient, own: InMemoryOwnListings
) -> None:
    token = await signed_in(client)
    own.items["lst_sam"]["status"] = "published"
    edit = await client.get("/to-chuc/tin/lst_sam/sua")
    assert "bản sửa đổi chờ Sở duyệt" in edit.text
    posted = {"csrf_token": token, "kind": "offer", "version": "3", "title": "Tiêu đề mới hơn",
              "summary": "Một đoạn tóm tắt đủ dài.", "sector": "medicinal_herbs"}  # fmt: skip
    saved = await client.post("/to-chuc/tin/lst_sam/sua", data=posted)
    assert saved.headers["location"] == "/to-chuc/tin?xong=sua-cho-duyet"
    assert own.items["lst_sam"]["title"] == offer()["title"]  # the public keeps the approved one
    listed = await client.get("/to-chuc/tin")
    assert "Có bản sửa đổi chờ duyệt" in listed.text
    assert "Đã gửi bản sửa đổi cho Sở duyệt" in (await client.get(saved.headers["location"])).text


async def test_another_organisations_listing_cannot_be_edited(
    client: httpx.AsyncClient, own: InMemoryOwnListings
) -> None:
    await signed_in(client)
    own.items["lst_sam"]["owner"] = "org_caphe_dakha"
    assert (await client.get("/to-chuc/tin/lst_sam/sua")).status_code == 404
    assert (await client.get("/to-chuc/tin/lst%20x/sua")).status_code == 404


def test_an_untouched_text_stays_equal_to_the_listing_s_although_browsers_send_crlf() -> None:
    listing = offer(description="Giai đoạn 1: mô sẹo.\nGiai đoạn 2: thuần dưỡng.")
    posted = {**form_of_listing(listing).values, "description": listing["description"]}
    posted["description"] = posted["description"].replace("\n", "\r\n")
    body = edit_body(read_listing_form(posted), listing)
    assert body["description"] == listing["description"]


@pytest.mark.parametrize(
    "terms",
    [
        offer_terms(
            state_funded=True, funding_task_code="ĐTKHCN.KT.08/2022",
            task_result_certificate={"number": "12/2023/ĐK", "issued_on": "2023-05-18"},
            ip_rights=[{"category": "geographical_indication", "status": "granted",
                        "number": "00045"}],
            ocop_products=[{"name": "Sâm Ngọc Linh", "stars": 5, "year": 2024}],
            attachments=["https://samngoclinh.vn/ho-so.pdf"], title_en="Ginseng tissue culture",
        ),
        demand_terms(deadline="2027-06-30"),
    ],
    ids=["a rich offer", "an anonymous demand"],
)  # fmt: skip
def test_saving_an_untouched_form_sends_the_listing_s_own_content_back(terms: Any) -> None:
    """The round trip through the listings API's own models: what the owner reads, pre-filled
    and saved untouched, is exactly what the listing holds — nothing lost, nothing material."""
    listing = create_draft("lst_round", terms, verified_org(), NOW)
    read = ListingRead.of(listing, private=True).model_dump(mode="json")
    body = edit_body(read_listing_form(form_of_listing(read).values), read)
    update = ListingUpdate.model_validate(body)
    assert update.terms() == terms
    assert update.version == listing.version
