"""A participant's B2B meetings as an iCalendar file (RFC 5545), built with `icalendar`.

Times travel in UTC (`...Z`), as RFC 5545 recommends for published events; calendar
apps show them in the reader's zone, and X-WR-TIMEZONE plus the Vietnamese description
tell people the local time (Asia/Ho_Chi_Minh) of the event.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from shared.clock import PROVINCE_ZONE

from .schedule import Meeting

PRODID = "-//STX//San giao dich KH&CN - lich B2B//VI"
_UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "stx.meetings")


def meeting_uid(event_id: str, meeting: Meeting) -> str:
    """Stable per meeting (the same two people at the same event), even when it moves,
    so a calendar app updates the entry instead of adding a second one."""
    name = f"{event_id}/{meeting.seeker_id}/{meeting.supplier_id}"
    return f"{uuid.uuid5(_UID_NAMESPACE, name)}@stx"


def participant_calendar(
    event_title: str,
    event_id: str,
    meetings_for_participant: Sequence[Meeting],
    slot_starts: Sequence[datetime],
    slot_minutes: int,
    venue: str,
    counterpart_names: Mapping[str, str],
    *,
    participant_id: str,
    stamp: datetime | None = None,
) -> bytes:
    """One VEVENT per meeting of `participant_id`; `counterpart_names` maps a participant
    id to the name people know (the id is shown if a name is missing)."""
    _check_times(slot_starts, slot_minutes)
    calendar = _published_calendar(event_title)
    stamp_utc = (stamp or datetime.now(UTC)).astimezone(UTC)
    for meeting in sorted(meetings_for_participant, key=lambda m: (m.slot, m.table)):
        if meeting.slot >= len(slot_starts):
            raise ValueError(f"meeting {meeting.key} is in slot {meeting.slot}, which has no start")
        other = meeting.counterpart(participant_id)
        name = counterpart_names.get(other, other)
        start = slot_starts[meeting.slot].astimezone(UTC)
        event = _event(meeting, start, start + timedelta(minutes=slot_minutes), name, venue)
        event.add("uid", meeting_uid(event_id, meeting))
        event.add("dtstamp", stamp_utc)
        event.add("description", _description(event_title, meeting, start, slot_minutes))
        calendar.add_component(event)
    ics: bytes = calendar.to_ical()
    return ics


def _published_calendar(event_title: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")  # read-only copies, no RSVP expected
    calendar.add("x-wr-calname", _nfc(f"Lịch gặp B2B — {event_title}"))
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    return calendar


def _check_times(slot_starts: Sequence[datetime], slot_minutes: int) -> None:
    if slot_minutes <= 0:
        raise ValueError(f"slot_minutes must be positive, got {slot_minutes}")
    naive = [n for n, start in enumerate(slot_starts) if start.utcoffset() is None]
    if naive:
        raise ValueError(
            f"slot_starts {naive} have no time zone; give them Asia/Ho_Chi_Minh or UTC"
        )


def _event(meeting: Meeting, start: datetime, end: datetime, name: str, venue: str) -> Event:
    event = Event()
    event.add("summary", _nfc(f"Gặp B2B: {name} — bàn {meeting.table}"))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("location", _nfc(f"{venue}, bàn {meeting.table}"))
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def _description(title: str, meeting: Meeting, start: datetime, minutes: int) -> str:
    local = start.astimezone(PROVINCE_ZONE)
    end = local + timedelta(minutes=minutes)
    when = f"{local:%H:%M}–{end:%H:%M} ngày {local:%d/%m/%Y} (giờ Việt Nam)"
    kind = "theo đề nghị gặp đã được chấp nhận" if meeting.requested else "do sàn đề xuất"
    return _nfc(f"{title}\n{when}, bàn {meeting.table}.\nCuộc gặp {kind}.")


def _nfc(text: str) -> str:
    # Vietnamese typed on different keyboards arrives composed or decomposed.
    return unicodedata.normalize("NFC", text)
