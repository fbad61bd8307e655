"""Reminders ("nhắc việc"): a message sent when something is due, not when an event arrives.

A consumed event *plans* a reminder (a meeting tomorrow, an introduction idle for N days); the
sweep sends what is due. One reminder per (kind, subject), replaced only by a newer plan:

    (none) ──plan──▶ pending(due_at) ──sweep──▶ sent (due_at None)
                        │  ▲                      │ repeats (an idle introduction):
                        │  └──── newer plan ◀─────┘   pending(now + N days)
                        └──── closed (meeting cancelled, introduction ended or closed)

Each send is keyed by the reminder and its due instant (`source_key`), so the delivery id is
the same whichever sweep, replica or restart queues it: it is queued once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Final

from pydantic import BaseModel, ConfigDict

from services.notifications.domain.attachments import Attachment, meeting_invitation
from services.notifications.domain.digests import DigestSchedule
from services.notifications.domain.recipients import RecipientRef

REMINDER_TYPE_PREFIX = "stx.reminder."


class ReminderKind(StrEnum):
    MEETING_TOMORROW = "meeting_tomorrow"
    """A B2B meeting the next day, with its calendar entry again."""
    INTRODUCTION_IDLE = "introduction_idle"
    """An introduction without progress for N days: the next step, to both parties."""
    NOMINATIONS_CLOSING = "nominations_closing"
    """An award programme's nominations close in N days: to associations yet to nominate."""
    REGISTRATION_CLOSING = "registration_closing"
    """A connection event's registrations close in N days: to organisations of its focus
    sectors not registered yet."""


def reminder_key(kind: ReminderKind, subject: str) -> str:
    """`<kind>:<subject>`: the one reminder of this kind about this subject."""
    return f"{kind.value}:{subject}"


class ReminderParty(BaseModel):
    model_config = ConfigDict(frozen=True)

    recipient: RecipientRef
    role: str
    named: RecipientRef | None = None
    """Whose public name the message shows (as the message that planned it)."""


class Reminder(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: ReminderKind
    subject: str
    """The meeting, introduction or award programme it is about."""
    template: str
    facts: dict[str, Any]
    parties: list[ReminderParty] = []
    audience: str | None = None
    """Organisations of this kind receive it too (known when it is sent), but for `excluded`."""
    sectors: list[str] = []
    """Organisations that published a listing in one of these sectors receive it too."""
    excluded: list[str] = []
    """Organisation ids of the audience that need it no more (an association that nominated)."""
    due_at: datetime | None
    """When to send it; None when nothing is pending."""
    until: datetime | None = None
    """Never sent from this moment (the meeting's start, the close of nominations)."""
    repeat_days: int | None = None
    """Sent again this many days after, while no newer plan arrives (an idle introduction)."""
    version: int
    """Orders the plans of one subject (a meeting's SEQUENCE, an event time in ms)."""
    closed: bool = False

    @property
    def reminder_id(self) -> str:
        return reminder_key(self.kind, self.subject)

    @property
    def source_type(self) -> str:
        return f"{REMINDER_TYPE_PREFIX}{self.kind.value}"

    def source_key(self, due_at: datetime) -> str:
        """The 'source event' of the send due at `due_at`: one delivery id per recipient."""
        return f"{self.reminder_id}@{due_at.isoformat()}"

    def closed_by(self, version: int) -> Reminder:
        return self.model_copy(update={"closed": True, "due_at": None, "version": version})


REMINDER_ATTACHMENTS: Final[Mapping[str, Callable[[Mapping[str, Any]], list[Attachment]]]] = {
    f"{REMINDER_TYPE_PREFIX}{ReminderKind.MEETING_TOMORROW.value}": meeting_invitation,
}
"""A reminder's files by its source type: a meeting's calendar entry again (same UID, and the
SEQUENCE of the last message about it, so the entry never goes back)."""


def revised(current: Reminder | None, plan: Reminder) -> Reminder | None:
    """What to store after a new plan: the plan (keeping who needs it no more), unless the
    stored one is as new or newer (a replayed or late event) or closed; None when it stays."""
    if current is None:
        return plan
    if current.closed or plan.version <= current.version:
        return None
    return plan.model_copy(update={"excluded": current.excluded})  # they stay excluded


@dataclass(frozen=True)
class SweepStep:
    send_at: datetime | None
    """When the deliveries go (out of quiet hours); None: too late, nothing is sent."""
    next_due: datetime | None


def sweep_step(reminder: Reminder, now: datetime, quiet: DigestSchedule) -> SweepStep:
    """A due reminder goes now, or when the quiet hours end, but never at or after `until`;
    a repeating one is due again `repeat_days` later."""
    send_at: datetime | None = quiet.out_of_quiet_hours(now)
    if reminder.until is not None and send_at is not None and send_at >= reminder.until:
        send_at = None
    repeat = reminder.repeat_days
    next_due = to_millisecond(now + timedelta(days=repeat)) if repeat is not None else None
    return SweepStep(send_at, next_due)


def to_millisecond(moment: datetime) -> datetime:
    """What the store keeps, so that a due instant read back compares equal."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)
