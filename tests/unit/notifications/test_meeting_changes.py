"""A B2B meeting moved or cancelled: both sides are told, and the calendar entry they were
sent is updated or removed (same UID, a higher SEQUENCE; RFC 5545 / 5546)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from icalendar import Calendar

from services.notifications.domain.recipients import organization
from services.notifications.domain.targeted import TARGETED
from shared.events.base import Event
from shared.events.connection_events import MeetingCancelled, MeetingRescheduled
from tests.unit.notifications.test_meetings_and_awards import (
    EVIL_TITLE,
    HTX,
    VIEN,
    context,
    meeting,
    renderer,
)


def moved() -> MeetingRescheduled:
    first = meeting()
    fields = first.model_dump(exclude={"slot", "table", "starts_at", "ends_at"})
    return MeetingRescheduled(
        **fields,
        slot=5,
        table=2,
        starts_at=first.starts_at + timedelta(minutes=50),
        ends_at=first.ends_at + timedelta(minutes=50),
        previous_slot=first.slot,
        previous_table=first.table,
    )


def cancelled() -> MeetingCancelled:
    first = meeting()
    return MeetingCancelled(
        meeting_id=first.meeting_id,
        event_id=first.event_id,
        seeker_organization_id=HTX,
        supplier_organization_id=VIEN,
        reason="participant_cancelled",
    )


def calendar_entry(event: Event, sequence: int) -> Any:
    facts = TARGETED[event.ce_type].facts(event) | {"sequence": sequence}
    [ics] = TARGETED[event.ce_type].attachments(facts)
    parsed = Calendar.from_ical(ics.content)
    [entry] = parsed.walk("VEVENT")
    return parsed, entry


def test_both_sides_hear_of_a_move_and_of_a_cancellation() -> None:
    for event in (moved(), cancelled()):
        parties = TARGETED[event.ce_type].parties(event)
        assert [(p.recipient, p.named) for p in parties] == [
            (organization(VIEN), organization(HTX)),
            (organization(HTX), organization(VIEN)),
        ]


def test_a_move_updates_and_a_cancellation_removes_the_same_calendar_entry() -> None:
    _, first = calendar_entry(meeting(), 0)
    _, update = calendar_entry(moved(), 1)
    cancel, removal = calendar_entry(cancelled(), 2)

    assert str(first["UID"]) == str(update["UID"]) == str(removal["UID"])
    assert int(first["SEQUENCE"]) < int(update["SEQUENCE"]) < int(removal["SEQUENCE"])
    assert update.decoded("DTSTART") == moved().starts_at
    assert str(cancel["METHOD"]) == "CANCEL"
    assert str(removal["STATUS"]) == "CANCELLED"


def test_the_move_reads_in_vietnamese_with_the_new_time_and_the_old_table() -> None:
    rendered = renderer.render(
        "meeting_rescheduled", "vi", context(moved(), "demand", counterpart_name="Viện Dược liệu")
    )

    assert rendered.subject == "Đổi lịch gặp gỡ B2B: 09:50 03/12/2026, bàn số 2"
    assert "Bàn số: 2 (trước đây: bàn số 7)" in rendered.text


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_cancellation_says_why_and_shows_names_as_text(language: str) -> None:
    rendered = renderer.render(
        "meeting_cancelled", language, context(cancelled(), "offer", counterpart_name=EVIL_TITLE)
    )

    assert "<script>" not in rendered.html
    reason = "một bên đã huỷ tham gia" if language == "vi" else "one side withdrew"
    assert reason in rendered.text
