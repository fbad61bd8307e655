"""Reminders: planned from consumed events, queued by the sweep once per due instant — a meeting
tomorrow (with its calendar entry again), an idle introduction, a nomination window closing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from icalendar import Calendar

from services.notifications.domain.deliveries import Delivery, DeliveryIds, Purpose
from services.notifications.domain.recipients import listing_owner, organization
from services.notifications.domain.reminder_rules import REMINDER_RULES, next_step
from services.notifications.domain.reminders import (
    REMINDER_ATTACHMENTS,
    ReminderKind,
    revised,
    sweep_step,
)
from shared.events.awards import AwardProgrammeClosed
from shared.events.base import Event
from shared.events.connection_events import (
    ConnectionEventAnnounced,
    ConnectionEventCancelled,
    ConnectionEventDetails,
    ConnectionEventUpdated,
    MeetingCancelled,
    ParticipantRegistered,
)
from shared.events.connections import (
    IntroductionContractSigned,
    IntroductionDealClosed,
    IntroductionMeetingHeld,
    IntroductionOpened,
    IntroductionParties,
)
from shared.events.listings import ListingPublished
from shared.events.nominations import NominationSubmitted
from shared.events.notifications import NotificationChannel
from tests.unit.notifications.fakes import POLICY, QUIET, InMemoryStores, intake_of
from tests.unit.notifications.samples import published
from tests.unit.notifications.test_meeting_changes import moved
from tests.unit.notifications.test_meetings_and_awards import (
    HIEP_HOI,
    HTX,
    VIEN,
    meeting,
    programme,
)
from tests.unit.notifications.test_templates import COMMON, renderer

IDS = DeliveryIds(b"k" * 32)
SCHEDULED_AT = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
DAY_BEFORE_AT_EIGHT = datetime(2026, 12, 2, 1, 0, tzinfo=UTC)  # 08:00 in Asia/Ho_Chi_Minh
MEETING_STARTS = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
INTRO = "itr_3f1c9a7e52d04b18"


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def handling(event: Event, at: datetime, event_id: str | None = None) -> Any:
    envelope = SimpleNamespace(
        id=event_id or f"evt_{event.ce_type}_{at}", time=at, type=event.ce_type
    )
    return SimpleNamespace(event=event, envelope=envelope, tx=SimpleNamespace(session=None))


class Service:
    """The intake and the sweep on in-memory stores, at a clock the test moves."""

    def __init__(self, kinds: dict[str, str] | None = None):
        self.stores = InMemoryStores(kinds)
        self.clock = Clock(SCHEDULED_AT)
        self.intake = intake_of(self.stores, self.clock, IDS)

    async def consume(self, event: Event, at: datetime = SCHEDULED_AT) -> None:
        await self.intake.record(handling(event, at))

    async def sweep_at(self, now: datetime) -> None:
        self.clock.now = now
        await self.intake._reminders.run_due()

    def reminders(self) -> list[Delivery]:
        queued = self.stores.deliveries.queued.values()
        return [d for d in queued if d.source_event_type.startswith("stx.reminder.")]


def parties(opened_by_match: bool = False, seeker: str | None = HTX) -> IntroductionParties:
    return IntroductionParties(
        match_id="mat_1" if opened_by_match else None,
        offer_id="lst_sam_ngoc_linh",
        demand_id="lst_htx_dak_ha",
        sector="medicinal_herbs",
        supplier_organization_id=VIEN,
        supplier_kind="research_institute",
        seeker_organization_id=seeker,
        state_funded=True,
        ip_asset=False,
    )


# --- a meeting tomorrow --------------------------------------------------------------------


def test_a_meeting_is_due_for_its_reminder_at_eight_local_time_the_day_before() -> None:
    plan = REMINDER_RULES[meeting().ce_type](meeting(), SCHEDULED_AT, {"sequence": 0}, POLICY)
    assert plan.due_at == DAY_BEFORE_AT_EIGHT  # type: ignore[union-attr]
    assert plan.until == MEETING_STARTS  # type: ignore[union-attr]


def test_a_meeting_scheduled_after_its_reminder_time_gets_no_reminder() -> None:
    late = DAY_BEFORE_AT_EIGHT + timedelta(hours=12)
    plan = REMINDER_RULES[meeting().ce_type](meeting(), late, {"sequence": 0}, POLICY)
    assert plan.due_at is None  # type: ignore[union-attr]


async def test_both_sides_are_reminded_once_however_often_the_sweep_runs() -> None:
    service = Service()
    await service.consume(meeting())
    await service.sweep_at(DAY_BEFORE_AT_EIGHT - timedelta(minutes=1))
    assert service.reminders() == []

    for minutes in (0, 1, 30):
        await service.sweep_at(DAY_BEFORE_AT_EIGHT + timedelta(minutes=minutes))

    sent = service.reminders()
    assert [(d.recipient, d.named, d.template) for d in sent] == [
        (organization(VIEN), organization(HTX), "meeting_tomorrow"),
        (organization(HTX), organization(VIEN), "meeting_tomorrow"),
    ]
    assert all(d.send_before == MEETING_STARTS for d in sent)


async def test_two_replicas_sweeping_the_same_due_reminder_queue_it_once() -> None:
    service = Service()
    await service.consume(meeting())
    [stale] = await service.stores.reminders.due(DAY_BEFORE_AT_EIGHT)
    other_replica = intake_of(service.stores, service.clock, IDS)._reminders
    service.clock.now = DAY_BEFORE_AT_EIGHT
    await other_replica._send(stale, DAY_BEFORE_AT_EIGHT)
    await service.intake._reminders._send(stale, DAY_BEFORE_AT_EIGHT)  # read before the move
    assert len(service.reminders()) == 2


async def test_a_meeting_moved_while_a_sweep_reads_it_is_reminded_with_the_move_only() -> None:
    service = Service()
    await service.consume(meeting())
    [stale] = await service.stores.reminders.due(DAY_BEFORE_AT_EIGHT)
    await service.consume(moved(), SCHEDULED_AT + timedelta(days=1))  # same day: same due
    service.clock.now = DAY_BEFORE_AT_EIGHT
    await service.intake._reminders._send(stale, DAY_BEFORE_AT_EIGHT)
    assert service.reminders() == []

    await service.sweep_at(DAY_BEFORE_AT_EIGHT)
    assert {d.context["table"] for d in service.reminders()} == {2}


async def test_the_reminder_carries_the_moved_meetings_entry_with_its_latest_sequence() -> None:
    service = Service()
    await service.consume(meeting())
    await service.consume(moved(), SCHEDULED_AT + timedelta(days=1))
    await service.sweep_at(DAY_BEFORE_AT_EIGHT)

    [reminder, _] = service.reminders()
    [ics] = REMINDER_ATTACHMENTS[reminder.source_event_type](reminder.context)
    [entry] = Calendar.from_ical(ics.content).walk("VEVENT")
    assert str(entry["UID"]) == "mtg_0c8d2a4f6e1b3957@stx"
    assert int(entry["SEQUENCE"]) == 1  # the move's; the scheduling was 0
    assert entry.decoded("DTSTART") == moved().starts_at
    assert reminder.context["table"] == 2


async def test_a_cancelled_meeting_is_not_reminded() -> None:
    service = Service()
    await service.consume(meeting())
    cancelled = MeetingCancelled(
        meeting_id=meeting().meeting_id,
        event_id=meeting().event_id,
        seeker_organization_id=HTX,
        supplier_organization_id=VIEN,
        reason="participant_cancelled",
    )
    await service.consume(cancelled, SCHEDULED_AT + timedelta(days=3))
    await service.consume(moved(), SCHEDULED_AT + timedelta(days=4))  # late: cannot reopen it
    await service.sweep_at(DAY_BEFORE_AT_EIGHT + timedelta(hours=1))
    assert service.reminders() == []


async def test_a_sweep_after_the_meeting_began_sends_nothing() -> None:
    service = Service()
    await service.consume(meeting())
    await service.sweep_at(MEETING_STARTS + timedelta(minutes=5))  # the service was down
    assert service.reminders() == []
    assert await service.stores.reminders.due(MEETING_STARTS + timedelta(days=30)) == []


def test_a_reminder_due_in_quiet_hours_waits_for_their_end_but_not_past_the_meeting() -> None:
    plan = REMINDER_RULES[meeting().ce_type](meeting(), SCHEDULED_AT, {"sequence": 0}, POLICY)
    late_evening = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)  # 22:00 local
    assert sweep_step(plan, late_evening, QUIET).send_at == datetime(  # type: ignore[arg-type]
        2026, 12, 3, 0, 0, tzinfo=UTC
    )  # 07:00 local, before the 09:00 meeting
    at_night = datetime(2026, 12, 2, 19, 0, tzinfo=UTC)
    early = plan.model_copy(update={"until": datetime(2026, 12, 2, 23, 30, tzinfo=UTC)})  # type: ignore[union-attr]
    assert sweep_step(early, at_night, QUIET).send_at is None


def test_a_delivery_is_too_late_once_its_meeting_began() -> None:
    delivery = Delivery.queued(
        IDS, ("k", "stx.reminder.meeting_tomorrow"), organization(VIEN),
        NotificationChannel.EMAIL, Purpose.TARGETED, "meeting_tomorrow", {}, SCHEDULED_AT,
    ).model_copy(update={"send_before": MEETING_STARTS})  # fmt: skip
    assert not delivery.too_late(MEETING_STARTS - timedelta(seconds=1))
    assert delivery.too_late(MEETING_STARTS)


# --- an introduction without progress ------------------------------------------------------


async def test_an_idle_introduction_reminds_both_parties_of_the_next_step_every_n_days() -> None:
    service = Service()
    opened = IntroductionOpened(introduction_id=INTRO, parties=parties())
    await service.consume(opened)
    met = IntroductionMeetingHeld(
        introduction_id=INTRO, parties=parties(), held_on="2026-11-25", format="in_person"
    )
    met_at = SCHEDULED_AT + timedelta(days=5)
    await service.consume(met, met_at)
    await service.sweep_at(SCHEDULED_AT + timedelta(days=14, hours=1))  # due only from met_at
    assert service.reminders() == []

    await service.sweep_at(met_at + timedelta(days=14))
    await service.sweep_at(met_at + timedelta(days=14, hours=2))
    first = service.reminders()
    assert [(d.recipient, d.context["next_step"]) for d in first] == [
        (organization(VIEN), "meeting_held"),
        (organization(HTX), "meeting_held"),
    ]
    assert first[0].context["listing_titles"][0]["listing_id"] == "lst_sam_ngoc_linh"

    await service.sweep_at(met_at + timedelta(days=27))
    assert len(service.reminders()) == 2
    await service.sweep_at(met_at + timedelta(days=28))
    assert len(service.reminders()) == 4  # another 14 days without progress


async def test_a_closed_or_ended_introduction_is_reminded_no_more() -> None:
    service = Service()
    await service.consume(IntroductionOpened(introduction_id=INTRO, parties=parties()))
    closed = IntroductionDealClosed(
        introduction_id=INTRO, parties=parties(), closed_on="2026-11-28", value_vnd=1_200_000_000
    )
    await service.consume(closed, SCHEDULED_AT + timedelta(days=8))
    await service.sweep_at(SCHEDULED_AT + timedelta(days=60))
    assert service.reminders() == []


async def test_an_anonymous_demands_owner_is_reminded_through_the_private_owner_record() -> None:
    service = Service()
    await service.consume(IntroductionOpened(introduction_id=INTRO, parties=parties(seeker=None)))
    await service.sweep_at(SCHEDULED_AT + timedelta(days=14))
    assert [d.recipient for d in service.reminders()] == [
        organization(VIEN),
        listing_owner("lst_htx_dak_ha"),
    ]


def test_a_contract_that_need_not_be_registered_leads_straight_to_the_transfer() -> None:
    fields: dict[str, Any] = {
        "introduction_id": INTRO,
        "parties": parties(),
        "transfer_form": "independent_transfer",
        "rights_mode": "non_exclusive_licence",
        "value_vnd": 1_200_000_000,
        "signed_on": "2027-01-15",
    }
    required = IntroductionContractSigned.model_validate(fields | {"registration_required": True})
    optional = IntroductionContractSigned.model_validate(fields | {"registration_required": False})
    assert next_step(required) == "contract_signed"
    assert next_step(optional) == "contract_registered"


def test_a_replayed_older_plan_never_replaces_a_newer_one() -> None:
    rule = REMINDER_RULES[IntroductionOpened.ce_type]
    opened = IntroductionOpened(introduction_id=INTRO, parties=parties())
    older = rule(opened, SCHEDULED_AT, None, POLICY)
    newer = rule(opened, SCHEDULED_AT + timedelta(days=1), None, POLICY)
    assert revised(older, newer) == newer  # type: ignore[arg-type]
    assert revised(newer, older) is None  # type: ignore[arg-type]
    assert revised(newer.closed_by(newer.version + 1), newer) is None  # type: ignore[union-attr, arg-type]


# --- a nomination window closing -----------------------------------------------------------

OPENED = datetime(2026, 10, 1, tzinfo=UTC)
WEEK_BEFORE_CLOSE = datetime(2026, 10, 24, 1, 0, tzinfo=UTC)  # 08:00 local, a week before
# the last day (nominations close at 00:00 on 1 November, local time)


async def test_associations_yet_to_nominate_hear_a_week_before_nominations_close() -> None:
    service = Service({HIEP_HOI: "association", "org_hoi_dl": "association", HTX: "cooperative"})
    await service.consume(programme(), OPENED)
    nominated = NominationSubmitted(
        nomination_id="nom_1", programme_id=programme().programme_id, category_id="c",
        nominee_organization_id=HTX, nominee_name="HTX Sâm Ngọc Linh Tu Mơ Rông",
        nominator_organization_id=HIEP_HOI, nominator_kind="association",
    )  # fmt: skip
    await service.consume(nominated, OPENED + timedelta(days=3))
    await service.stores.address_book.record_name("org_hoi_moi", "Hội mới", None, "association")

    await service.sweep_at(WEEK_BEFORE_CLOSE)
    await service.sweep_at(WEEK_BEFORE_CLOSE + timedelta(hours=1))

    told = [(d.recipient, d.template) for d in service.reminders()]
    assert told == [
        (organization("org_hoi_dl"), "nominations_closing"),
        (organization("org_hoi_moi"), "nominations_closing"),  # heard of it as a latecomer
    ]


async def test_a_nomination_consumed_before_the_programme_opened_still_counts() -> None:
    service = Service({HIEP_HOI: "association", "org_hoi_dl": "association"})
    nominated = NominationSubmitted(
        nomination_id="nom_1", programme_id=programme().programme_id, category_id="c",
        nominee_organization_id=HTX, nominee_name="HTX Sâm Ngọc Linh Tu Mơ Rông",
        nominator_organization_id=HIEP_HOI, nominator_kind="association",
    )  # fmt: skip
    await service.consume(nominated, OPENED)  # another partition, read first
    await service.consume(programme(), OPENED)
    await service.sweep_at(WEEK_BEFORE_CLOSE)
    assert [d.recipient for d in service.reminders()] == [organization("org_hoi_dl")]


async def test_a_programme_closed_early_sends_no_reminder() -> None:
    service = Service({HIEP_HOI: "association"})
    await service.consume(programme(), OPENED)
    closed = AwardProgrammeClosed(
        programme_id=programme().programme_id,
        year=2026,
        nominations_received=4,
        nominations_in_review=3,
        by_hand=True,
    )
    await service.consume(closed, OPENED + timedelta(days=10))
    await service.sweep_at(WEEK_BEFORE_CLOSE)
    assert service.reminders() == []
    [stored] = service.stores.reminders.items.values()
    assert (stored.kind, stored.closed) == (ReminderKind.NOMINATIONS_CLOSING, True)


# --- what they read ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["vi", "en"])
async def test_each_reminder_reads_in_the_organisations_language(language: str) -> None:
    service = Service({HIEP_HOI: "association"})
    await service.consume(meeting())
    await service.consume(IntroductionOpened(introduction_id=INTRO, parties=parties()))
    await service.consume(programme(), OPENED)
    await service.sweep_at(DAY_BEFORE_AT_EIGHT)
    await service.sweep_at(SCHEDULED_AT + timedelta(days=14))

    subjects = {}
    for delivery in service.reminders():
        context = delivery.context | COMMON | {"counterpart_name": "Viện Dược liệu"}
        rendered = renderer.render(delivery.template, language, context)
        subjects[delivery.template] = (rendered.subject, rendered.text)
    meeting_subject, _ = subjects["meeting_tomorrow"]
    idle_subject, idle_text = subjects["introduction_idle"]
    assert set(subjects) == {"meeting_tomorrow", "introduction_idle"}  # nominations closed
    if language == "vi":
        assert meeting_subject == "Nhắc lịch gặp gỡ B2B: 09:00 03/12/2026, bàn số 7"
        assert "Bước tiếp theo: Hẹn gặp, trao đổi trực tiếp giữa hai bên." in idle_text
        assert "kể từ 20/11/2026 (hai bên đã được giới thiệu)" in idle_text
    else:
        assert meeting_subject == "Reminder, B2B meeting: 09:00 03/12/2026, table 7"
        assert "Next step: Arrange a meeting between the two sides." in idle_text
    assert idle_subject.endswith("lst_sam_ngoc_linh")  # a listing without a notice: its id


@pytest.mark.parametrize("language", ["vi", "en"])
async def test_the_nomination_reminder_reads_in_the_organisations_language(language: str) -> None:
    service = Service({HIEP_HOI: "association"})
    await service.consume(programme(), OPENED)
    await service.sweep_at(WEEK_BEFORE_CLOSE)
    [delivery] = service.reminders()
    rendered = renderer.render(delivery.template, language, delivery.context | COMMON)
    expected = {
        "vi": "Sắp hết hạn đề cử: Tôn vinh tổ chức, cá nhân tiêu biểu phát triển thị trường KH&CN "
        "năm 2026",
        "en": "Nominations closing soon: Honouring outstanding actors of the S&T market 2026",
    }
    assert rendered.subject == expected[language]
    assert "00:00 01/11/2026" in rendered.text


# --- a registration deadline approaching ---------------------------------------------------

EVENT = "cev_5b2e8f0c4a7d4e19"
DEADLINE = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)  # 17:00 local
THREE_DAYS_BEFORE = datetime(2026, 11, 27, 1, 0, tzinfo=UTC)  # 08:00 local


def announced(**changes: Any) -> ConnectionEventAnnounced:
    details = ConnectionEventDetails(
        title="Techmart dược liệu Măng Đen 2027", kind="techmart",
        starts_at=datetime(2026, 12, 10, 1, 0, tzinfo=UTC),
        ends_at=datetime(2026, 12, 10, 10, 0, tzinfo=UTC), venue="Trung tâm Hội nghị tỉnh",
        focus_sectors=["medicinal_herbs"], capacity=60, registration_deadline=DEADLINE,
        waitlist=True, slot_minutes=20, slot_count=12, tables=10,
    ).model_copy(update=changes)  # fmt: skip
    return ConnectionEventAnnounced(event_id=EVENT, details=details)


def listing(owner: str | None, sector: str, n: int) -> ListingPublished:
    return published(listing_id=f"lst_{n}", owner_organization_id=owner, sector=sector)


async def test_organisations_with_listings_in_a_focus_sector_not_registered_are_reminded() -> None:
    service = Service()
    await service.consume(listing(VIEN, "medicinal_herbs", 1))
    await service.consume(listing(HTX, "medicinal_herbs", 2))
    await service.consume(listing("org_benh_vien", "healthcare", 3))
    await service.consume(listing(None, "medicinal_herbs", 4))  # anonymous: not counted
    await service.consume(announced())
    registered = ParticipantRegistered(
        event_id=EVENT,
        organization_id=HTX,
        role="seeker",
        listing_ids=["lst_2"],
        from_waitlist=False,
    )
    await service.consume(registered)
    await service.sweep_at(THREE_DAYS_BEFORE - timedelta(minutes=1))
    assert service.reminders() == []

    await service.sweep_at(THREE_DAYS_BEFORE)
    await service.sweep_at(THREE_DAYS_BEFORE + timedelta(hours=3))

    [reminder] = service.reminders()
    assert (reminder.recipient, reminder.template) == (organization(VIEN), "registration_closing")
    rendered = renderer.render(reminder.template, "vi", reminder.context | COMMON)
    assert rendered.subject == "Sắp hết hạn đăng ký: Techmart dược liệu Măng Đen 2027"
    assert "đến hết 17:00 30/11/2026" in rendered.text
    assert "/su-kien/cev_5b2e8f0c4a7d4e19/dang-ky" in rendered.text


async def test_a_moved_deadline_moves_the_reminder_and_a_cancelled_event_has_none() -> None:
    service = Service()
    await service.consume(listing(VIEN, "medicinal_herbs", 1))
    await service.consume(announced())
    later = DEADLINE + timedelta(days=2)
    updated = ConnectionEventUpdated(
        event_id=EVENT, details=announced(registration_deadline=later).details
    )
    await service.consume(updated, SCHEDULED_AT + timedelta(hours=1))
    await service.sweep_at(THREE_DAYS_BEFORE)
    assert service.reminders() == []
    await service.sweep_at(THREE_DAYS_BEFORE + timedelta(days=2))
    assert len(service.reminders()) == 1

    cancelled = ConnectionEventCancelled(event_id=EVENT, reason="Lũ lớn, hoãn sự kiện.")
    other = Service()
    await other.consume(listing(VIEN, "medicinal_herbs", 1))
    await other.consume(announced())
    await other.consume(cancelled, SCHEDULED_AT + timedelta(days=1))
    await other.sweep_at(THREE_DAYS_BEFORE)
    assert other.reminders() == []
