"""The broker's event desk through the ASGI app: participants apart from the waiting list; the
plan changed on a pre-filled form; meetings pinned, swapped and given an outcome; the event
closed with its figures or cancelled with a reason — every refusal of the API in Vietnamese
beside its field and in a summary linking to it, every form behind its CSRF token."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import jwt
import pytest

from tests.unit.portal.fakes import (
    InMemoryEvents,
    InMemoryListingsDirectory,
    event_json,
    institute_json,
    portal_client,
)
from tests.unit.portal.fakes_event_desk import InMemoryEventDesk
from tests.unit.portal.signing import sign_in

EVENT = "evt_techmart_2026"
DESK = f"/moi-gioi/su-kien/{EVENT}"
ORGS = {
    "org_htx_mangden": ("HTX Dược liệu Măng Đen", "seeker"),
    "org_ttsam_ngoclinh": ("Trung tâm Sâm Ngọc Linh", "supplier"),
    "org_caphe_dakha": ("Công ty Cà phê Đắk Hà", "supplier"),
    "org_vien_duoc_lieu": ("Viện Dược liệu", "supplier"),
}


@pytest.fixture
def events() -> InMemoryEvents:
    return InMemoryEvents(event_json())


@pytest.fixture
async def desk(events: InMemoryEvents) -> InMemoryEventDesk:
    """Three seats: the fourth organisation to register waits; the schedule is made."""
    desk = InMemoryEventDesk(events.items, capacity=3)
    for org, (_, role) in ORGS.items():
        await desk.register(EVENT, {"role": role, "listing_ids": ["lst_1"]}, _org_token(org))
    await desk.generate_schedule(EVENT, _broker_token())
    return desk


@pytest.fixture
async def client(
    desk: InMemoryEventDesk, events: InMemoryEvents
) -> AsyncIterator[httpx.AsyncClient]:
    names = [institute_json(organization_id=o, name=n) for o, (n, _) in ORGS.items()]
    listings = InMemoryListingsDirectory(organizations=names)
    async with portal_client(listings=listings, events=events, event_desk=desk) as client:
        yield client


def _org_token(org: str) -> str:
    return jwt.encode({"org_id": org, "roles": ["org"]}, "k" * 32, algorithm="HS256")


def _broker_token() -> str:
    return jwt.encode({"roles": ["broker"]}, "k" * 32, algorithm="HS256")


async def test_the_desk_shows_the_participants_apart_from_the_waiting_list(
    client: httpx.AsyncClient,
) -> None:
    await sign_in(client, "broker-01")
    page = (await client.get(DESK)).text
    seated, waiting = page.split('id="participants"')[1].split('id="waitlist"')
    assert "HTX Dược liệu Măng Đen" in seated
    assert "Viện Dược liệu" not in seated
    assert "Viện Dược liệu" in waiting.split("</ol>")[0]
    assert "Danh sách chờ (1)" in page
    assert "Đã ghim" not in page


async def test_a_cancelled_registration_frees_its_seat_for_the_first_waiting(
    client: httpx.AsyncClient, desk: InMemoryEventDesk
) -> None:
    token = await sign_in(client, "broker-01")
    page = (await client.get(DESK)).text
    assert 'aria-label="Hủy đăng ký của Viện Dược liệu"' in page  # also from the waiting list
    cancel = f"{DESK}/don-vi/org_caphe_dakha/huy"
    assert (await client.post(cancel, data={})).status_code == 403  # no CSRF token
    done = await client.post(cancel, data={"csrf_token": token})
    assert done.headers["location"] == f"{DESK}?xong=huy-dang-ky"
    seated = (await client.get(DESK)).text.split('id="participants"')[1].split("</table>")[0]
    assert "Viện Dược liệu" in seated
    assert "Công ty Cà phê Đắk Hà" not in seated
    again = await client.post(cancel, data={"csrf_token": token})
    assert again.status_code == 422
    assert "Chưa hủy được đăng ký: Đơn vị này không còn đăng ký nào để hủy." in again.text


async def test_a_broker_changes_the_event_on_its_form_filled_in_the_provinces_time(
    client: httpx.AsyncClient, events: InMemoryEvents
) -> None:
    token = await sign_in(client, "broker-01")
    form = (await client.get(f"{DESK}/sua")).text
    assert 'value="Techmart Quảng Ngãi 2026"' in form
    assert 'aria-label="Bắt đầu: ngày" value="2026-12-10"' in form
    assert 'value="08:00"' in form  # 01:00 UTC in the province
    assert 'value="medicinal_herbs" checked' in form

    typed = {"csrf_token": token, "title": "Techmart Quảng Ngãi 2026 (đổi địa điểm)",
             "kind": "techmart", "starts_day": "2026-12-10", "starts_time": "08:00",
             "ends_day": "2026-12-10", "ends_time": "17:00", "deadline_day": "2026-12-05",
             "deadline_time": "17:00", "venue": "Nhà Văn hóa Kon Tum",
             "focus_sectors": ["medicinal_herbs"], "capacity": "0", "slot_count": "6",
             "slot_minutes": "20", "tables": "4"}  # fmt: skip
    refused = await client.post(f"{DESK}/sua", data=typed)
    assert refused.status_code == 422
    words = "Số đơn vị tham gia tối đa từ 1 đến 5000."
    assert f'id="capacity-error" class="field-error">{words}' in refused.text
    assert f'<a href="#capacity">Số đơn vị tham gia tối đa: {words}</a>' in refused.text
    assert 'value="Nhà Văn hóa Kon Tum"' in refused.text  # what was typed stays

    changed = await client.post(f"{DESK}/sua", data=typed | {"capacity": "40"})
    assert changed.headers["location"] == f"{DESK}?xong=sua"
    event = events.items[EVENT]
    assert event["venue"] == "Nhà Văn hóa Kon Tum"
    assert event["starts_at"] == "2026-12-10T08:00:00+07:00"
    assert event["online_url"] is None  # left blank: removed
    assert "Đã lưu thay đổi" in (await client.get(changed.headers["location"])).text


async def test_a_broker_switches_the_waiting_list_back_on_from_the_change_form(
    client: httpx.AsyncClient, events: InMemoryEvents
) -> None:
    token = await sign_in(client, "broker-01")
    events.items[EVENT]["waitlist"] = False
    assert "Danh sách chờ đang tắt" in (await client.get(DESK)).text
    form = (await client.get(f"{DESK}/sua")).text
    assert 'name="waitlist" value="on" aria-describedby="waitlist-help" >' in form  # unticked

    plan = {"csrf_token": token, "title": "Techmart Quảng Ngãi 2026", "kind": "techmart",
            "starts_day": "2026-12-10", "starts_time": "08:00", "ends_day": "2026-12-10",
            "ends_time": "17:00", "deadline_day": "2026-12-05", "deadline_time": "17:00",
            "venue": "Trung tâm Hội nghị tỉnh", "focus_sectors": ["medicinal_herbs"],
            "capacity": "3", "slot_count": "6", "slot_minutes": "20", "tables": "4"}  # fmt: skip
    changed = await client.post(f"{DESK}/sua", data=plan | {"waitlist": ["off", "on"]})
    assert changed.status_code == 303
    assert events.items[EVENT]["waitlist"] is True
    assert "Danh sách chờ đang tắt" not in (await client.get(DESK)).text
    await client.post(f"{DESK}/sua", data=plan | {"waitlist": "off"})
    assert events.items[EVENT]["waitlist"] is False


async def test_a_broker_pins_and_swaps_meetings_a_slot_outside_the_day_refused_beside_it(
    client: httpx.AsyncClient, desk: InMemoryEventDesk
) -> None:
    token = await sign_in(client, "broker-01")
    page = (await client.get(DESK)).text
    meeting = "09:00 10/12/2026 · bàn 1 · Trung tâm Sâm Ngọc Linh – HTX Dược liệu Măng Đen"
    assert f'<option value="mtg_1" >{meeting}</option>' in page
    assert '<option value="5" >10:40</option>' in page  # the sixth slot, in the province's time

    late = {"csrf_token": token, "pin-meeting": "mtg_1", "pin-slot": "7", "pin-table": "2"}
    refused = await client.post(f"{DESK}/ghim", data=late)
    assert refused.status_code == 422
    beside = 'id="pin-slot-error" class="field-error">Chọn một phiên trong lịch của sự kiện.'
    assert beside in refused.text
    assert '<a href="#pin-slot">Phiên: Chọn một phiên' in refused.text

    pinned = await client.post(f"{DESK}/ghim", data=late | {"pin-slot": "3"})
    assert pinned.headers["location"] == f"{DESK}?xong=ghim"
    first = desk.meetings_of[EVENT][0]
    assert (first["slot"], first["table"], first["pinned"]) == (3, 2, True)

    same = {"csrf_token": token, "swap-first": "mtg_1", "swap-second": "mtg_1"}
    assert "Chọn hai cuộc gặp khác nhau." in (await client.post(f"{DESK}/doi-cho", data=same)).text
    swapped = await client.post(f"{DESK}/doi-cho", data=same | {"swap-second": "mtg_2"})
    assert swapped.status_code == 303
    assert desk.meetings_of[EVENT][1]["slot"] == 3
    assert "Đã ghim" in (await client.get(DESK)).text


async def test_an_outcome_waits_for_the_meeting_and_closing_for_the_event_to_start(
    client: httpx.AsyncClient, desk: InMemoryEventDesk, events: InMemoryEvents
) -> None:
    token = await sign_in(client, "broker-01")
    held = {"csrf_token": token, "outcome-for": "mtg_1:org_htx_mangden",
            "outcome": "follow_up_wanted"}  # fmt: skip
    page = (await client.get(DESK)).text
    assert 'value="mtg_1:org_htx_mangden"' in page
    assert 'value="mtg_1:org_caphe_dakha"' not in page  # only the meeting's own two sides
    early = await client.post(f"{DESK}/ket-qua", data=held)
    assert early.status_code == 422
    assert "Chỉ ghi kết quả khi cuộc gặp đã bắt đầu." in early.text
    closing = await client.post(f"{DESK}/ket-thuc", data={"csrf_token": token, "mous_signed": "2"})
    assert "Sự kiện chỉ kết thúc được khi đã bắt đầu." in closing.text

    desk.started.add(EVENT)
    assert (await client.post(f"{DESK}/ket-qua", data=held)).status_code == 303
    assert "HTX Dược liệu Măng Đen: Đã gặp, muốn tiếp tục trao đổi" in (await client.get(DESK)).text
    wrong = await client.post(f"{DESK}/ket-thuc", data={"csrf_token": token, "mous_signed": "hai"})
    assert 'id="mous_signed-error" class="field-error">Phải là một số nguyên.' in wrong.text
    assert 'value="hai"' in wrong.text
    closed = await client.post(f"{DESK}/ket-thuc", data={"csrf_token": token, "mous_signed": "2"})
    assert closed.headers["location"] == f"{DESK}?xong=ket-thuc"
    assert events.items[EVENT]["status"] == "closed"
    page = (await client.get(DESK)).text
    assert "Đã kết thúc" in page
    assert 'action="/moi-gioi/su-kien/evt_techmart_2026/huy"' not in page  # nothing left to do


async def test_a_cancellation_needs_a_reason_which_the_public_page_then_shows(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "broker-01")
    refused = await client.post(f"{DESK}/huy", data={"csrf_token": token, "reason": " "})
    assert refused.status_code == 422
    assert 'id="reason-error" class="field-error">Quá ngắn: tối thiểu 1 ký tự.' in refused.text
    assert 'aria-describedby="reason-error"' in refused.text
    reason = "Mưa lũ, hoãn sang tháng sau."
    done = await client.post(f"{DESK}/huy", data={"csrf_token": token, "reason": reason})
    assert done.status_code == 303
    assert f"Sự kiện đã hủy: {reason}" in (await client.get(f"/su-kien/{EVENT}")).text


async def test_the_desks_forms_need_a_broker_and_their_csrf_token(
    client: httpx.AsyncClient, desk: InMemoryEventDesk
) -> None:
    await sign_in(client, "broker-01")
    no_token = await client.post(f"{DESK}/huy", data={"reason": "Hoãn"})
    assert no_token.status_code == 403
    token = await sign_in(client, "htxmangden:giam-doc")
    assert (await client.get(DESK)).status_code == 403
    assert (await client.get(f"{DESK}/sua")).status_code == 403
    pin = {"csrf_token": token, "pin-meeting": "mtg_1"}
    assert (await client.post(f"{DESK}/ghim", data=pin)).status_code == 403
    assert desk.meetings_of[EVENT][0]["pinned"] is False
