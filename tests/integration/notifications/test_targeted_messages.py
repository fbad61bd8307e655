"""Targeted messages to the parties of a listing or a match, without subscriptions."""

from __future__ import annotations

import asyncio
import json

import pytest
from icalendar import Calendar

from shared.events.connection_events import MeetingCancelled
from shared.topics import NOTIFICATIONS
from tests.integration.notifications.conftest import Notifications, text_of
from tests.integration.notifications.events import (
    acceptance,
    association_registered,
    contact,
    meeting,
    offer,
    owner,
    programme_opened,
    proposal,
    returned,
)
from tests.integration.shared.harness import eventually, read_all

pytestmark = pytest.mark.integration


async def test_a_match_proposal_reaches_both_owners_still_anonymous(
    notifications: Notifications,
) -> None:
    n = notifications
    institute, cooperative = f"org_{n.unique}_vien", f"org_{n.unique}_htx"
    institute_mail = f"an.nguyen.{n.unique}@vienduoclieu.vn"
    cooperative_mail = f"ylan.{n.unique}@htxdakha.vn"
    await n.produce(
        contact(institute, institute_mail, "TS. Nguyễn Văn An"),
        contact(cooperative, cooperative_mail, "Bà Y Lan"),
        owner(f"lst_{n.unique}_demand", cooperative),  # an anonymous demand
        offer(n.unique, 1, n.district),
    )
    await asyncio.sleep(0.5)  # titles and owners are known before the proposal (usual order)
    [proposed] = await n.produce(proposal(n.unique, institute))
    [to_institute] = await n.mail_to(institute_mail, 1)
    [to_cooperative] = await n.mail_to(cooperative_mail, 1)
    assert "Quy trình nhân giống sâm Ngọc Linh số 1" in text_of(to_cooperative)
    assert cooperative_mail not in text_of(to_institute)
    assert institute_mail not in text_of(to_cooperative)

    await n.produce(acceptance(n.unique, institute))
    [_, introduced] = await n.mail_to(institute_mail, 2)
    [_, introduced_back] = await n.mail_to(cooperative_mail, 2)
    assert cooperative_mail in text_of(introduced)
    assert institute_mail in text_of(introduced_back)

    # The public outcome of the delivery about the proposal must not name the anonymous demand's
    # owner: joined with the proposal (source_event_id), it would unveil who posted the demand.
    about_proposal = await _public_outcomes_of(n, proposed.headers["ce_id"], count=2)
    assert len(about_proposal) == 2
    for outcome in about_proposal:
        assert cooperative not in json.dumps(outcome)
        assert outcome["subscriber_id"].startswith("rcp_")
    assert len({o["subscriber_id"] for o in about_proposal}) == 2


async def _public_outcomes_of(n: Notifications, source_event_id: str, count: int) -> list[dict]:
    async def outcomes() -> list[dict]:
        records = await read_all(n.bootstrap, NOTIFICATIONS, expected=1)
        values = [json.loads(r.value) for r in records]
        return [v for v in values if v.get("source_event_id") == source_event_id]

    async def arrived() -> bool:
        return len(await outcomes()) >= count

    await eventually(arrived)
    return await outcomes()


async def test_contact_details_arriving_after_the_event_are_still_used(
    notifications: Notifications,
) -> None:
    n = notifications
    institute = f"org_{n.unique}_vien"
    address = f"an.nguyen.{n.unique}@vienduoclieu.vn"
    await n.produce(returned(n.unique, institute))
    await asyncio.sleep(0.5)
    await n.produce(contact(institute, address, "TS. Nguyễn Văn An"))
    [message] = await n.mail_to(address, 1)
    assert "Bổ sung số liệu thử nghiệm." in text_of(message)
    assert "Hồ sơ chưa đầy đủ" in text_of(message)


async def test_smtp_451_then_success_sends_exactly_one_message(
    notifications: Notifications,
) -> None:
    n = notifications
    institute = f"org_{n.unique}_vien"
    address = f"an.nguyen.{n.unique}@vienduoclieu.vn"
    n.smtp.mailbox.refuse_next(address, "451 4.3.0 Hệ thống bận, thử lại sau")
    await n.produce(contact(institute, address, "TS. Nguyễn Văn An"), returned(n.unique, institute))
    await n.mail_to(address, 1)
    await asyncio.sleep(0.5)
    assert len(n.smtp.mailbox.to(address)) == 1
    [delivery] = await n.deliveries(subscriber_id=institute)
    assert (delivery["status"], delivery["attempts"]) == ("sent", 2)
    assert delivery["last_error"].startswith("SMTP 451")


async def meeting_parties(
    n: Notifications, institute_language: str = "vi"
) -> tuple[str, str, str, str]:
    """An institute and a cooperative with their contacts, and the institute's offer: the
    two sides of a B2B meeting (ids, then e-mail addresses)."""
    institute, cooperative = f"org_{n.unique}_vien", f"org_{n.unique}_htx"
    institute_mail = f"an.nguyen.{n.unique}@vienduoclieu.vn"
    cooperative_mail = f"ylan.{n.unique}@htxdakha.vn"
    await n.produce(
        contact(institute, institute_mail, "TS. Nguyễn Văn An", language=institute_language),
        contact(cooperative, cooperative_mail, "Bà Y Lan"),
        offer(n.unique, 1, n.district),
    )
    await asyncio.sleep(0.5)
    return institute, cooperative, institute_mail, cooperative_mail


async def test_a_scheduled_meeting_sends_each_participant_one_email_with_its_ics(
    notifications: Notifications,
) -> None:
    n = notifications
    institute, cooperative, institute_mail, cooperative_mail = await meeting_parties(n)
    scheduled = meeting(n.unique, institute, cooperative)
    [record] = await n.produce(scheduled)
    await n.send(record)  # Kafka redelivers: still one e-mail each
    for address in (institute_mail, cooperative_mail):
        [message] = await n.mail_to(address, 1)
        assert "09:00 03/12/2026" in text_of(message)
        assert "Bàn số: 7" in text_of(message)
        [ics] = list(message.iter_attachments())
        assert (ics.get_content_type(), ics.get_filename()) == ("text/calendar", "meeting.ics")
        [event] = Calendar.from_ical(ics.get_content()).walk("VEVENT")
        assert str(event["UID"]) == f"mtg_{n.unique}@stx"
        assert event.decoded("DTSTART") == scheduled.starts_at
        assert event.decoded("DTEND") == scheduled.ends_at
        assert str(event["SUMMARY"]).startswith("Gặp gỡ kết nối")
    await asyncio.sleep(0.5)
    assert len(n.smtp.mailbox.to(institute_mail)) == 1
    assert len(n.smtp.mailbox.to(cooperative_mail)) == 1


async def test_a_cancelled_meeting_removes_the_calendar_entry_each_side_was_sent(
    notifications: Notifications,
) -> None:
    n = notifications
    institute, cooperative, institute_mail, cooperative_mail = await meeting_parties(n)
    scheduled = meeting(n.unique, institute, cooperative)
    await n.produce(scheduled)
    for address in (institute_mail, cooperative_mail):
        await n.mail_to(address, 1)
    [record] = await n.produce(
        MeetingCancelled(
            meeting_id=scheduled.meeting_id,
            event_id=scheduled.event_id,
            seeker_organization_id=cooperative,
            supplier_organization_id=institute,
            reason="event_cancelled",
        )
    )
    await n.send(record)  # Kafka redelivers: still one cancellation each
    for address in (institute_mail, cooperative_mail):
        invitation, cancellation = await n.mail_to(address, 2)
        assert "sự kiện đã bị huỷ" in text_of(cancellation)
        [sent, removed] = [
            Calendar.from_ical(next(m.iter_attachments()).get_content())
            for m in (invitation, cancellation)
        ]
        [first], [last] = sent.walk("VEVENT"), removed.walk("VEVENT")
        assert str(removed["METHOD"]) == "CANCEL"
        assert str(last["STATUS"]) == "CANCELLED"
        assert str(last["UID"]) == str(first["UID"]) == f"mtg_{n.unique}@stx"
        assert int(last["SEQUENCE"]) > int(first["SEQUENCE"])
    await asyncio.sleep(0.5)
    assert len(n.smtp.mailbox.to(institute_mail)) == 2


async def test_an_association_registered_after_a_programme_opened_still_hears_of_it(
    notifications: Notifications,
) -> None:
    n = notifications
    latecomer = f"org_{n.unique}_hoi"
    address = f"vanphong.{n.unique}@hoiduoclieu.vn"
    await n.produce(programme_opened(n.unique))
    await asyncio.sleep(0.5)  # the programme went out before the association was known
    await n.produce(contact(latecomer, address, "Ông Trần Minh"))
    [record] = await n.produce(association_registered(latecomer))
    await n.send(record)  # Kafka redelivers: still one e-mail

    [message] = await n.mail_to(address, 1)
    assert "Tôn vinh tổ chức" in text_of(message)
    await asyncio.sleep(0.5)
    assert len(n.smtp.mailbox.to(address)) == 1


async def test_an_organisation_reading_english_gets_its_messages_in_english(
    notifications: Notifications,
) -> None:
    n = notifications
    institute, cooperative, institute_mail, cooperative_mail = await meeting_parties(
        n, institute_language="en"
    )
    await n.produce(meeting(n.unique, institute, cooperative))

    [english] = await n.mail_to(institute_mail, 1)
    [vietnamese] = await n.mail_to(cooperative_mail, 1)
    assert str(english["Subject"]).startswith("B2B meeting:")
    assert str(vietnamese["Subject"]).startswith("Lịch gặp gỡ B2B:")
