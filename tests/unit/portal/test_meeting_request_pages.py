"""An organisation at a techmart through the ASGI app: it asks another registered participant to
meet (a missing reason or an unregistered sender refused in Vietnamese), the other accepts or
declines it, and each sees its own B2B schedule on the event's page, in the province's time and
naming the other side."""

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
REQUESTS = f"/to-chuc/su-kien/{EVENT}/hen-gap"
SEEKER, SUPPLIER = "org_htx_mangden", "org_ttsam_ngoclinh"


@pytest.fixture
async def desk() -> InMemoryEventDesk:
    desk = InMemoryEventDesk()
    for org, role in ((SEEKER, "seeker"), (SUPPLIER, "supplier")):
        token = jwt.encode({"org_id": org, "roles": ["org"]}, "k" * 32, algorithm="HS256")
        await desk.register(EVENT, {"role": role, "listing_ids": ["lst_1"]}, token)
    return desk


@pytest.fixture
async def client(desk: InMemoryEventDesk) -> AsyncIterator[httpx.AsyncClient]:
    names = (
        institute_json(organization_id=SEEKER, name="HTX Dược liệu Măng Đen"),
        institute_json(organization_id=SUPPLIER, name="Trung tâm Sâm Ngọc Linh"),
    )
    async with portal_client(
        listings=InMemoryListingsDirectory(organizations=names),
        events=InMemoryEvents(event_json()),
        event_desk=desk,
    ) as client:
        yield client


async def test_a_request_is_sent_to_a_participant_who_accepts_it(
    client: httpx.AsyncClient, desk: InMemoryEventDesk
) -> None:
    token = await sign_in(client, "htxmangden:giam-doc")
    page = (await client.get(REQUESTS)).text
    assert '<option value="org_ttsam_ngoclinh" >Trung tâm Sâm Ngọc Linh (Bên cung ứng' in page
    assert 'value="org_htx_mangden"' not in page  # not itself

    no_reason = {"csrf_token": token, "to_organization_id": SUPPLIER, "reason": ""}
    refused = await client.post(REQUESTS, data=no_reason)
    assert refused.status_code == 422
    assert 'id="request-reason-error" class="field-error">Bắt buộc nhập.' in refused.text
    assert '<a href="#request-reason">Nội dung muốn trao đổi: Bắt buộc nhập.</a>' in refused.text
    reason = "Muốn tìm hiểu quy trình sấy lạnh sâm."
    sent = await client.post(REQUESTS, data=no_reason | {"reason": reason})
    assert sent.headers["location"] == f"{REQUESTS}?xong=gui"
    mine = (await client.get(sent.headers["location"])).text.split('id="sent"')[1]
    assert "Trung tâm Sâm Ngọc Linh" in mine
    assert "Chờ trả lời" in mine
    assert "/nhan-loi" not in mine  # the sender does not answer its own request

    token = await sign_in(client, "ttsam:vien-truong")
    received = (await client.get(REQUESTS)).text.split('id="received"')[1].split('id="sent"')[0]
    assert "HTX Dược liệu Măng Đen" in received
    assert reason in received
    answer = f"{REQUESTS}/req_1/nhan-loi"
    assert f'action="{answer}"' in received
    assert (await client.post(answer, data={})).status_code == 403  # no CSRF token
    accepted = await client.post(answer, data={"csrf_token": token})
    assert accepted.headers["location"] == f"{REQUESTS}?xong=nhan-loi"
    assert desk.requests[EVENT][0]["status"] == "accepted"
    again = await client.post(f"{REQUESTS}/req_1/tu-choi", data={"csrf_token": token})
    assert again.status_code == 422
    assert "Chưa trả lời được: Đề nghị này đã được trả lời." in again.text


async def test_an_organisation_not_seated_cannot_ask_and_is_told_why(
    client: httpx.AsyncClient, desk: InMemoryEventDesk
) -> None:
    desk.registrations[EVENT][SEEKER]["status"] = "waitlisted"
    token = await sign_in(client, "htxmangden:giam-doc")
    page = (await client.get(REQUESTS)).text
    assert "Chỉ đơn vị đã đăng ký tham gia (không trong danh sách chờ)" in page
    assert 'name="to_organization_id"' not in page
    forced = {"csrf_token": token, "to_organization_id": SUPPLIER, "reason": "Gặp"}
    refused = await client.post(REQUESTS, data=forced)
    assert refused.status_code == 422
    assert "Chỉ đơn vị đã đăng ký (không trong danh sách chờ) mới gửi được" in refused.text


async def test_each_organisation_sees_its_own_schedule_on_the_event_page(
    client: httpx.AsyncClient, desk: InMemoryEventDesk
) -> None:
    await sign_in(client, "htxmangden:giam-doc")
    empty = (await client.get(f"/su-kien/{EVENT}")).text
    assert "Chưa có cuộc gặp nào được xếp cho đơn vị." in empty
    broker = jwt.encode({"roles": ["broker"]}, "k" * 32, algorithm="HS256")
    await desk.generate_schedule(EVENT, broker)

    page = (await client.get(f"/su-kien/{EVENT}")).text
    schedule = page.split('id="my-schedule"')[1].split("</table>")[0]
    assert "<td>09:00 10/12/2026</td><td>1</td><td>Trung tâm Sâm Ngọc Linh</td>" in schedule
    assert f'href="/su-kien/{EVENT}/lich.ics"' in page
    assert f'href="{REQUESTS}"' in page
    await sign_in(client, "broker-01")
    assert 'id="my-schedule"' not in (await client.get(f"/su-kien/{EVENT}")).text
