"""Taking part in a techmart through the ASGI app: an organisation registers with its published
listings (none ticked is refused beside the field), a broker generates the schedule, each
organisation downloads its own meetings as .ics and nobody else's."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.unit.portal.fakes import (
    InMemoryEvents,
    InMemoryListingsDirectory,
    InMemoryOwnListings,
    event_json,
    institute_json,
    portal_client,
)
from tests.unit.portal.fakes_event_desk import InMemoryEventDesk
from tests.unit.portal.signing import sign_in

EVENT = "evt_techmart_2026"


@pytest.fixture
def desk() -> InMemoryEventDesk:
    return InMemoryEventDesk()


@pytest.fixture
async def client(desk: InMemoryEventDesk) -> AsyncIterator[httpx.AsyncClient]:
    own = InMemoryOwnListings()
    for n, (owner, kind) in enumerate(
        (("org_htx_mangden", "demand"), ("org_ttsam_ngoclinh", "offer"))
    ):
        own.items[f"lst_{n}"] = {"listing_id": f"lst_{n}", "owner": owner, "kind": kind,
                                 "status": "published", "title": f"Tin số {n}"}  # fmt: skip
    names = (
        institute_json(organization_id="org_htx_mangden", name="HTX Dược liệu Măng Đen"),
        institute_json(organization_id="org_ttsam_ngoclinh", name="Trung tâm Sâm Ngọc Linh"),
    )
    listings = InMemoryListingsDirectory(organizations=names)
    async with portal_client(
        listings=listings, own=own, events=InMemoryEvents(event_json()), event_desk=desk
    ) as client:
        yield client


async def test_two_organisations_register_a_broker_schedules_each_downloads_its_ics(
    client: httpx.AsyncClient, desk: InMemoryEventDesk
) -> None:
    token = await sign_in(client, "htxmangden:giam-doc")
    form = await client.get(f"/su-kien/{EVENT}/dang-ky")
    assert "Tin số 0" in form.text
    assert "Tin số 1" not in form.text  # only the organisation's own listings
    url = f"/su-kien/{EVENT}/dang-ky"
    refused = await client.post(url, data={"csrf_token": token, "role": "seeker"})
    assert refused.status_code == 422
    assert 'id="listing_ids-error" class="field-error">Cần ít nhất 1 mục.' in refused.text
    sent = {"csrf_token": token, "role": "seeker", "listing_ids": "lst_0"}
    assert (await client.post(url, data=sent)).status_code == 303

    token = await sign_in(client, "ttsam:vien-truong")
    sent = {"csrf_token": token, "role": "supplier", "listing_ids": "lst_1"}
    assert (await client.post(url, data=sent)).status_code == 303
    assert (await client.post(f"/moi-gioi/su-kien/{EVENT}/xep-lich", data=sent)).status_code == 403

    token = await sign_in(client, "broker-01")
    page = await client.get(f"/moi-gioi/su-kien/{EVENT}")
    assert "HTX Dược liệu Măng Đen" in page.text
    assert "Trung tâm Sâm Ngọc Linh" in page.text
    generated = await client.post(f"/moi-gioi/su-kien/{EVENT}/xep-lich", data={"csrf_token": token})
    assert generated.status_code == 303
    schedule = await client.get(f"/moi-gioi/su-kien/{EVENT}")
    assert "09:00 10/12/2026" in schedule.text  # 02:00 UTC, in the province's time

    await sign_in(client, "htxmangden:giam-doc")
    ics = await client.get(f"/su-kien/{EVENT}/lich.ics")
    assert ics.status_code == 200
    assert ics.headers["content-type"].startswith("text/calendar")
    assert "attachment" in ics.headers["content-disposition"]
    assert "bàn 1" in ics.text
    assert desk.meetings_of[EVENT][0]["seeker_id"] == "org_htx_mangden"


async def test_a_broker_has_no_calendar_of_its_own_and_a_visitor_is_sent_to_sign_in(
    client: httpx.AsyncClient,
) -> None:
    assert (await client.get(f"/su-kien/{EVENT}/lich.ics")).status_code == 303
    await sign_in(client, "broker-01")
    assert (await client.get(f"/su-kien/{EVENT}/lich.ics")).status_code == 403


def plan(token: str, **changes: object) -> dict[str, object]:
    return {
        "csrf_token": token, "title": "Techmart sấy nông sản 2027", "kind": "techmart",
        "starts_day": "2027-04-08", "starts_time": "08:00", "ends_day": "2027-04-08",
        "ends_time": "16:00", "deadline_day": "2027-04-01", "deadline_time": "17:00",
        "venue": "Trung tâm Hội nghị tỉnh", "focus_sectors": ["medicinal_herbs", "environment"],
        "capacity": "40", "slot_count": "6", "slot_minutes": "20", "tables": "4",
    } | changes  # fmt: skip


async def test_a_broker_announces_an_event_in_the_provinces_time(
    client: httpx.AsyncClient, desk: InMemoryEventDesk
) -> None:
    token = await sign_in(client, "broker-01")
    form = await client.get("/moi-gioi/su-kien/moi")
    assert 'name="starts_day"' in form.text

    no_sector = {k: v for k, v in plan(token).items() if k != "focus_sectors"}
    refused = await client.post("/moi-gioi/su-kien/moi", data=no_sector)
    assert refused.status_code == 422
    assert 'id="focus_sectors-error" class="field-error">Cần ít nhất 1 mục.' in refused.text
    assert 'value="Techmart sấy nông sản 2027"' in refused.text

    late = await client.post("/moi-gioi/su-kien/moi", data=plan(token, deadline_day="2027-04-09"))
    assert late.status_code == 422
    assert "hạn đăng ký không sau giờ bắt đầu" in late.text  # a rule across fields, in Vietnamese

    announced = await client.post("/moi-gioi/su-kien/moi", data=plan(token))
    assert announced.status_code == 303
    assert announced.headers["location"] == "/moi-gioi/su-kien/evt_1?xong=cong-bo"
    sent = desk.announced["evt_1"]
    assert sent["starts_at"] == "2027-04-08T08:00:00+07:00"
    assert sent["registration_deadline"] == "2027-04-01T17:00:00+07:00"
    assert sent["focus_sectors"] == ["medicinal_herbs", "environment"]
    assert (sent["capacity"], sent["slot_count"]) == (40, 6)


async def test_a_broker_announces_an_event_without_a_waiting_list(
    client: httpx.AsyncClient, desk: InMemoryEventDesk
) -> None:
    token = await sign_in(client, "broker-01")
    form = (await client.get("/moi-gioi/su-kien/moi")).text
    assert 'name="waitlist" value="on" aria-describedby="waitlist-help" checked>' in form
    assert "Nhận vào danh sách chờ khi đã đủ chỗ" in form

    unticked = plan(token, waitlist="off")
    refused = await client.post(
        "/moi-gioi/su-kien/moi", data=unticked | {"deadline_day": "2027-04-09"}
    )
    assert refused.status_code == 422
    assert 'aria-describedby="waitlist-help" >' in refused.text  # still unticked

    announced = await client.post("/moi-gioi/su-kien/moi", data=unticked)
    assert announced.status_code == 303
    assert desk.announced["evt_1"]["waitlist"] is False
    ticked = await client.post("/moi-gioi/su-kien/moi", data=plan(token, waitlist=["off", "on"]))
    assert ticked.status_code == 303
    assert desk.announced["evt_2"]["waitlist"] is True


async def test_an_organisation_cannot_announce_an_event(client: httpx.AsyncClient) -> None:
    token = await sign_in(client, "htxmangden:giam-doc")
    assert (await client.post("/moi-gioi/su-kien/moi", data=plan(token))).status_code == 403
