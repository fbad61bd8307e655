"""An organisation cancels its own registration to a techmart (issue 16): the use case over the
matching API's desk faked in memory, then the registration page through the ASGI app — a
confirmation box that must be ticked, the CSRF token, the first waiting moving up, and every
refusal in Vietnamese on the page."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import jwt
import pytest

from services.portal.domain.participation import CONFIRM_CANCELLING, own_registration
from services.portal.domain.session import Visitor
from services.portal.service.participation import EventParticipation
from shared.errors import ForbiddenError
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
SEATED, WAITING = "org_htx_mangden", "org_ttsam_ngoclinh"
CANCEL = f"/su-kien/{EVENT}/dang-ky/huy"
CONFIRMED = {"xac-nhan-huy": "1"}


def visitor(organization_id: str | None = SEATED, *roles: str) -> Visitor:
    return Visitor(
        subject=f"{organization_id}:giam-doc",
        name="HTX Dược liệu Măng Đen",
        roles=roles or ("org",),
        organization_id=organization_id,
        expires_at=datetime(2026, 12, 3, 20, 0, tzinfo=UTC),
    )


class HS256Tokens:
    def for_visitor(self, visitor: Visitor) -> str:
        claims = {"org_id": visitor.organization_id, "roles": list(visitor.roles)}
        return jwt.encode(claims, "k" * 32, algorithm="HS256")


async def seat_two(desk: InMemoryEventDesk) -> None:
    """One seat: the first organisation is registered, the second waits."""
    for org in (SEATED, WAITING):
        token = HS256Tokens().for_visitor(visitor(org))
        await desk.register(EVENT, {"role": "both", "listing_ids": [f"lst_{org}"]}, token)


@pytest.fixture
async def desk() -> InMemoryEventDesk:
    desk = InMemoryEventDesk(events={EVENT: event_json()}, capacity=1)
    await seat_two(desk)
    return desk


def use_case(desk: InMemoryEventDesk) -> EventParticipation:
    return EventParticipation(
        desk, InMemoryEvents(event_json()), InMemoryOwnListings(), HS256Tokens()
    )


def status_of(desk: InMemoryEventDesk, org: str) -> str:
    return str(desk.registrations[EVENT][org]["status"])


async def test_a_confirmed_cancellation_frees_the_seat_for_the_first_waiting(
    desk: InMemoryEventDesk,
) -> None:
    assert await use_case(desk).cancel(visitor(), EVENT, confirmed=True) is None
    assert status_of(desk, SEATED) == "cancelled"
    assert status_of(desk, WAITING) == "registered"
    assert await use_case(desk).registration(visitor(), EVENT) is None


async def test_an_unconfirmed_cancellation_never_reaches_the_api(desk: InMemoryEventDesk) -> None:
    assert await use_case(desk).cancel(visitor(), EVENT, confirmed=False) == CONFIRM_CANCELLING
    assert status_of(desk, SEATED) == "registered"


async def test_nothing_to_cancel_is_said_in_vietnamese(desk: InMemoryEventDesk) -> None:
    await use_case(desk).cancel(visitor(), EVENT, confirmed=True)
    again = await use_case(desk).cancel(visitor(), EVENT, confirmed=True)
    assert again == "Đơn vị này không còn đăng ký nào để hủy."


async def test_a_cancelled_event_refuses_the_cancellation(desk: InMemoryEventDesk) -> None:
    desk.events[EVENT]["status"] = "cancelled"
    refused = await use_case(desk).cancel(visitor(), EVENT, confirmed=True)
    assert refused == "Sự kiện đã hủy: không thay đổi được gì nữa."
    assert status_of(desk, SEATED) == "registered"


async def test_a_broker_does_not_cancel_through_the_organisation_s_page(
    desk: InMemoryEventDesk,
) -> None:
    with pytest.raises(ForbiddenError):
        await use_case(desk).cancel(visitor(None, "broker"), EVENT, confirmed=True)


def test_the_own_registration_is_found_unless_cancelled() -> None:
    waiting = {"organization_id": SEATED, "role": "seeker", "status": "waitlisted"}
    other = {"organization_id": WAITING, "role": "supplier", "status": "registered"}
    found = own_registration([other, waiting], SEATED)
    assert found is not None
    assert (found.state_label, found.role_label) == (
        "Trong danh sách chờ",
        "Bên có nhu cầu: mang đặt hàng công nghệ",
    )
    assert own_registration([other, waiting | {"status": "cancelled"}], SEATED) is None


@pytest.fixture
async def client(desk: InMemoryEventDesk) -> AsyncIterator[httpx.AsyncClient]:
    own = InMemoryOwnListings()
    own.items["lst_0"] = {"listing_id": "lst_0", "owner": SEATED, "kind": "demand",
                          "status": "published", "title": "Cần máy sấy dược liệu"}  # fmt: skip
    names = (institute_json(organization_id=SEATED, name="HTX Dược liệu Măng Đen"),)
    async with portal_client(
        listings=InMemoryListingsDirectory(organizations=names),
        own=own,
        events=InMemoryEvents(event_json()),
        event_desk=desk,
    ) as client:
        yield client


async def test_the_registration_page_offers_the_cancellation_behind_a_confirmation_box(
    client: httpx.AsyncClient, desk: InMemoryEventDesk
) -> None:
    token = await sign_in(client, "htxmangden:giam-doc")
    form = (await client.get(f"/su-kien/{EVENT}/dang-ky")).text
    assert "Đơn vị đã đăng ký sự kiện này: <strong>Đã đăng ký</strong>" in form
    assert f'action="{CANCEL}"' in form
    assert 'name="xac-nhan-huy"' in form
    assert 'name="listing_ids"' not in form  # registered once: nothing more to register

    unconfirmed = await client.post(CANCEL, data={"csrf_token": token})
    assert unconfirmed.status_code == 422
    assert 'aria-invalid="true" aria-describedby="cancel-error"' in unconfirmed.text
    assert f"Chưa hủy được đăng ký: {CONFIRM_CANCELLING}" in unconfirmed.text
    assert status_of(desk, SEATED) == "registered"

    cancelled = await client.post(CANCEL, data={"csrf_token": token, **CONFIRMED})
    assert cancelled.status_code == 303
    assert cancelled.headers["location"] == f"/su-kien/{EVENT}/dang-ky?da-huy=1"
    assert (status_of(desk, SEATED), status_of(desk, WAITING)) == ("cancelled", "registered")
    after = (await client.get(cancelled.headers["location"])).text
    assert "Đã hủy đăng ký của đơn vị và các cuộc gặp B2B của đơn vị" in after
    assert 'name="listing_ids"' in after  # it may register again


async def test_cancelling_needs_the_browser_s_csrf_token_and_an_organisation(
    client: httpx.AsyncClient, desk: InMemoryEventDesk
) -> None:
    assert (await client.post(CANCEL, data=CONFIRMED)).status_code == 303  # to sign in first
    await sign_in(client, "htxmangden:giam-doc")
    forged = await client.post(CANCEL, data={"csrf_token": "forged", **CONFIRMED})
    assert forged.status_code == 403
    token = await sign_in(client, "broker-01")
    assert (await client.post(CANCEL, data={"csrf_token": token, **CONFIRMED})).status_code == 403
    assert status_of(desk, SEATED) == "registered"
