"""Files attached to a targeted e-mail, built when it is sent from the facts it stored.

A B2B meeting carries an iCalendar entry (RFC 5545, RFC 5546): one VEVENT whose UID is
`<meeting_id>@stx`, so a calendar that imports a later copy updates the same entry. Its SEQUENCE
counts the messages sent about the meeting before it, so a move or a cancellation always
outranks what was sent before; a cancellation is `METHOD:CANCEL` with `STATUS:CANCELLED`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from icalendar import Calendar
from icalendar import Event as CalendarEvent


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    maintype: str
    subtype: str
    params: Mapping[str, str] | None = None


def no_attachments(facts: Mapping[str, Any]) -> list[Attachment]:
    return []


def _utc(moment: str | datetime) -> datetime:
    parsed = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return parsed.astimezone(UTC)


def _calendar(method: str, facts: Mapping[str, Any]) -> tuple[Calendar, CalendarEvent]:
    calendar = Calendar()
    calendar.add("prodid", "-//STX//notifications//VI")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    meeting = CalendarEvent()
    meeting.add("uid", f"{facts['meeting_id']}@stx")
    meeting.add("dtstamp", datetime.now(UTC).replace(microsecond=0))
    meeting.add("sequence", int(facts.get("sequence", 0)))  # 0 in deliveries before 2026-12
    return calendar, meeting


def _ics(calendar: Calendar, method: str) -> list[Attachment]:
    return [
        Attachment(
            filename="meeting.ics",
            content=calendar.to_ical(),
            maintype="text",
            subtype="calendar",
            params={"method": method, "charset": "utf-8"},  # readers decode the summary
        )
    ]


def meeting_invitation(facts: Mapping[str, Any]) -> list[Attachment]:
    """`meeting.ics` from a meeting's stored facts: `meeting_id`, `table`, `starts_at`,
    `ends_at` (ISO 8601, UTC), `sequence`."""
    calendar, meeting = _calendar("PUBLISH", facts)
    meeting.add("dtstart", _utc(facts["starts_at"]))
    meeting.add("dtend", _utc(facts["ends_at"]))
    meeting.add("summary", f"Gặp gỡ kết nối cung – cầu công nghệ (B2B), bàn số {facts['table']}")
    meeting.add("location", f"Bàn số {facts['table']}")
    calendar.add_component(meeting)
    return _ics(calendar, "PUBLISH")


def meeting_cancellation(facts: Mapping[str, Any]) -> list[Attachment]:
    """`meeting.ics` that removes the meeting from the calendar it was added to."""
    calendar, meeting = _calendar("CANCEL", facts)
    meeting.add("status", "CANCELLED")
    meeting.add("summary", "Đã huỷ: Gặp gỡ kết nối cung – cầu công nghệ (B2B)")
    calendar.add_component(meeting)
    return _ics(calendar, "CANCEL")
