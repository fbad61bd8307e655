"""Reminders on the real stack: planned when the events are consumed, queued by the sweep when
due, delivered once each to a real SMTP server — even when a sweep reads a reminder that
another sweep already sent (a second replica, or one that restarted mid-way)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from shared.events.connection_events import ParticipantRegistered
from shared.events.connections import (
    IntroductionMeetingHeld,
    IntroductionOpened,
    IntroductionParties,
)
from shared.events.nominations import NominationSubmitted
from tests.integration.notifications.conftest import MovableClock, Notifications, text_of
from tests.integration.notifications.events import (
    association_registered,
    contact,
    meeting,
    offer,
    programme_opened,
    techmart_announced,
)
from tests.integration.notifications.test_targeted_messages import meeting_parties
from tests.integration.shared.harness import eventually

pytestmark = pytest.mark.integration
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
SCHEDULED = datetime(2026, 11, 20, 9, 0, tzinfo=ZONE)
"""When the meeting of 03/12/2026 09:00 is scheduled (the service's clock starts there)."""
REMINDER_DUE = datetime(2026, 12, 2, 8, 0, tzinfo=ZONE)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(start=SCHEDULED)


@pytest.fixture
def overrides() -> dict[str, Any]:
    return {"reminder_poll_seconds": 0.2}


@asynccontextmanager
async def database(n: Notifications) -> AsyncIterator[AsyncDatabase[Any]]:
    client: AsyncMongoClient[Any] = AsyncMongoClient(
        n.settings.mongodb_url.get_secret_value(), tz_aware=True
    )
    try:
        yield client[n.settings.database_name]
    finally:
        await client.close()


async def due_at(n: Notifications, reminder_id: str) -> datetime | None:
    async with database(n) as db:
        doc = await db["reminders"].find_one({"_id": reminder_id})
    assert doc is not None, f"{reminder_id} was never planned"
    due: datetime | None = doc["due_at"]
    return due


async def sweep_again_as_if_unsent(n: Notifications, reminder_id: str, due: datetime) -> None:
    """Put the reminder back to due, as a second replica (or a sweep that died before its
    commit) still sees it, and wait until a sweep has handled it again."""
    async with database(n) as db:
        await db["reminders"].update_one({"_id": reminder_id}, {"$set": {"due_at": due}})

    async def handled_again() -> bool:
        return await due_at(n, reminder_id) != due

    await eventually(handled_again)


async def reminders_queued(n: Notifications, kind: str) -> int:
    async with database(n) as db:
        query = {"source_event_type": f"stx.reminder.{kind}"}
        return await db["deliveries"].count_documents(query)


def move_to(clock: MovableClock, moment: datetime) -> None:
    clock.offset += moment - clock()


async def test_the_day_before_a_meeting_each_side_is_reminded_once_with_the_same_entry(
    notifications: Notifications, clock: MovableClock
) -> None:
    n = notifications
    institute, cooperative, institute_mail, cooperative_mail = await meeting_parties(n)
    scheduled = meeting(n.unique, institute, cooperative)
    await n.produce(scheduled, time=clock())
    for address in (institute_mail, cooperative_mail):
        await n.mail_to(address, 1)  # the meeting's own message

    move_to(clock, REMINDER_DUE)
    reminder_id = f"meeting_tomorrow:{scheduled.meeting_id}"
    for address in (institute_mail, cooperative_mail):
        [first, reminder] = await n.mail_to(address, 2)
        assert reminder["Subject"] == "Nhắc lịch gặp gỡ B2B: 09:00 03/12/2026, bàn số 7"
        assert "Bàn số: 7" in text_of(reminder)
        [sent_first] = list(first.iter_attachments())
        [original] = Calendar.from_ical(sent_first.get_content()).walk("VEVENT")
        [ics] = list(reminder.iter_attachments())
        assert (ics.get_content_type(), ics.get_filename()) == ("text/calendar", "meeting.ics")
        [entry] = Calendar.from_ical(ics.get_content()).walk("VEVENT")
        assert str(entry["UID"]) == str(original["UID"]) == f"mtg_{n.unique}@stx"
        assert int(entry["SEQUENCE"]) == int(original["SEQUENCE"])  # never goes back
        assert entry.decoded("DTSTART") == scheduled.starts_at
    assert await due_at(n, reminder_id) is None

    await sweep_again_as_if_unsent(n, reminder_id, REMINDER_DUE)
    assert await reminders_queued(n, "meeting_tomorrow") == 2
    await asyncio.sleep(0.5)  # the worker polls every 0.1 s: a second copy would be here
    assert len(n.smtp.mailbox.to(institute_mail)) == 2
    assert len(n.smtp.mailbox.to(cooperative_mail)) == 2


def parties(n: Notifications, institute: str, cooperative: str) -> IntroductionParties:
    return IntroductionParties(
        match_id=f"mat_{n.unique}",  # introduced by the accepted match: no message of its own
        offer_id=f"lst_{n.unique}_1",
        demand_id=f"lst_{n.unique}_demand",
        sector="medicinal_herbs",
        supplier_organization_id=institute,
        supplier_kind="research_institute",
        seeker_organization_id=cooperative,
        state_funded=True,
        ip_asset=False,
    )


async def test_an_introduction_idle_for_14_days_reminds_both_parties_once_of_the_next_step(
    notifications: Notifications, clock: MovableClock
) -> None:
    n = notifications
    institute, cooperative, institute_mail, cooperative_mail = await meeting_parties(n)
    introduction_id = f"itr_{n.unique}"
    sides = parties(n, institute, cooperative)
    await n.produce(
        IntroductionOpened(introduction_id=introduction_id, parties=sides), time=clock()
    )
    met_at = (clock() + timedelta(days=3)).replace(microsecond=0)
    met = IntroductionMeetingHeld(
        introduction_id=introduction_id, parties=sides, held_on=met_at.date(), format="in_person"
    )
    await n.produce(met, time=met_at)
    reminder_id = f"introduction_idle:{introduction_id}"
    first_due = met_at + timedelta(days=14)

    async def planned_from_the_meeting() -> bool:
        async with database(n) as db:
            return await db["reminders"].count_documents({"_id": reminder_id}) == 1 and (
                await due_at(n, reminder_id) == first_due
            )

    await eventually(planned_from_the_meeting)

    move_to(clock, first_due)
    for address in (institute_mail, cooperative_mail):
        [reminder] = await n.mail_to(address, 1)
        title = "Quy trình nhân giống sâm Ngọc Linh số 1"
        assert reminder["Subject"] == f"Nhắc việc kết nối công nghệ: {title}"
        text = text_of(reminder)
        assert "Bước tiếp theo: Thống nhất và ký biên bản ghi nhớ (MoU)." in text
        assert "(hai bên đã gặp gỡ trao đổi)" in text

    again = await due_at(n, reminder_id)
    assert again is not None
    assert again - first_due >= timedelta(days=14)  # next only after another 14 idle days
    await sweep_again_as_if_unsent(n, reminder_id, first_due)
    assert await reminders_queued(n, "introduction_idle") == 2
    await asyncio.sleep(0.5)
    assert len(n.smtp.mailbox.to(institute_mail)) == 1
    assert len(n.smtp.mailbox.to(cooperative_mail)) == 1


async def test_a_registration_deadline_reminds_unregistered_organisations_of_its_sectors_once(
    notifications: Notifications, clock: MovableClock
) -> None:
    n = notifications
    institute, cooperative = f"org_{n.unique}_vien", f"org_{n.unique}_htx"
    hospital = f"org_{n.unique}_benhvien"
    mails = {org: f"{org}@example.vn" for org in (institute, cooperative, hospital)}
    await n.produce(
        *(contact(org, address, "Đầu mối liên hệ") for org, address in mails.items()),
        offer(n.unique, 1, n.district),  # the institute's, in medicinal herbs
        offer(n.unique, 2, n.district, kind="demand", owner_organization_id=cooperative),
        offer(n.unique, 3, n.district, sector="healthcare", owner_organization_id=hospital),
        time=clock(),
    )
    event_id = f"cev_{n.unique}"
    deadline = datetime(2026, 11, 30, 17, 0, tzinfo=ZONE)
    announced = techmart_announced(event_id, "Techmart dược liệu Măng Đen 2027")
    details = announced.details.model_copy(
        update={
            "registration_deadline": deadline,
            "starts_at": deadline + timedelta(days=10),
            "ends_at": deadline + timedelta(days=10, hours=8),
        }
    )
    registered = ParticipantRegistered(
        event_id=event_id, organization_id=cooperative, role="seeker",
        listing_ids=[f"lst_{n.unique}_2"], from_waitlist=False,
    )  # fmt: skip
    await n.produce(announced.model_copy(update={"details": details}), registered, time=clock())
    reminder_id = f"registration_closing:{event_id}"

    async def listings_and_registration_consumed() -> bool:
        async with database(n) as db:
            doc = await db["reminders"].find_one({"_id": reminder_id, "kind": {"$exists": True}})
            with_sectors = await db["organizations"].count_documents(
                {"_id": {"$in": list(mails)}, "sectors": {"$exists": True}}
            )
        return doc is not None and doc["excluded"] == [cooperative] and with_sectors == 3

    await eventually(listings_and_registration_consumed)  # on three topics: in any order
    due = datetime(2026, 11, 27, 8, 0, tzinfo=ZONE)
    move_to(clock, due)
    [reminder] = await n.mail_to(mails[institute], 1)
    assert reminder["Subject"] == "Sắp hết hạn đăng ký: Techmart dược liệu Măng Đen 2027"
    assert "đến hết 17:00 30/11/2026" in text_of(reminder)

    await sweep_again_as_if_unsent(n, reminder_id, due)
    assert await reminders_queued(n, "registration_closing") == 1  # not the other two
    await asyncio.sleep(0.5)
    assert len(n.smtp.mailbox.to(mails[institute])) == 1


async def test_associations_yet_to_nominate_are_reminded_once_a_week_before_the_close(
    notifications: Notifications, clock: MovableClock
) -> None:
    n = notifications
    waiting, nominated = f"org_{n.unique}_hoi_duoc_lieu", f"org_{n.unique}_hoi_doanh_nghiep"
    mails = {org: f"{org}@example.vn" for org in (waiting, nominated)}
    await n.produce(
        *(contact(org, address, "Văn phòng Hội") for org, address in mails.items()),
        *(association_registered(org) for org in mails),
        time=clock(),
    )
    await asyncio.sleep(0.5)
    close = datetime(2026, 12, 10, 17, 0, tzinfo=ZONE)
    opened = programme_opened(n.unique).model_copy(update={"nominations_close_at": close})
    nomination = NominationSubmitted(
        nomination_id=f"nom_{n.unique}", programme_id=opened.programme_id,
        category_id="doanh-nghiep-doi-moi-cong-nghe", nominee_organization_id=f"org_{n.unique}_htx",
        nominee_name="Hợp tác xã Sâm Ngọc Linh Tu Mơ Rông", nominator_organization_id=nominated,
        nominator_kind="association",
    )  # fmt: skip
    await n.produce(opened, nomination, time=clock())
    for address in mails.values():
        await n.mail_to(address, 1)  # the programme's opening
    reminder_id = f"nominations_closing:{opened.programme_id}"

    async def nomination_consumed() -> bool:
        async with database(n) as db:
            return await db["reminders"].count_documents({"excluded": nominated}) == 1

    await eventually(nomination_consumed)  # keyed by the nomination: maybe another partition

    due = datetime(2026, 12, 3, 8, 0, tzinfo=ZONE)
    move_to(clock, due)
    [_, reminder] = await n.mail_to(mails[waiting], 2)
    assert str(reminder["Subject"]).startswith("Sắp hết hạn đề cử: Tôn vinh tổ chức")
    assert "đến hết 17:00 10/12/2026" in text_of(reminder)

    await sweep_again_as_if_unsent(n, reminder_id, due)
    assert await reminders_queued(n, "nominations_closing") == 1
    await asyncio.sleep(0.5)
    assert len(n.smtp.mailbox.to(mails[waiting])) == 2
    assert len(n.smtp.mailbox.to(mails[nominated])) == 1
