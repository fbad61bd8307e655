"""Which consumed events plan, move or close a reminder (`REMINDER_RULES`), and when it is due.

- a meeting scheduled or moved: "meeting tomorrow" at `hour` local time the day before, with
  the facts (and calendar SEQUENCE) of the message just queued, so the entry never goes back;
  cancelled: none. A meeting planned after that moment gets none (its message is fresh).
- an introduction's progress (opened, met, MoU, contract signed or registered): due N days
  after it, naming the next step, again every N days; closed with a deal or ended: none.
- an award programme opened: N days before nominations close, to associations; one that
  submits a nomination drops out; the programme closed: none.
- a connection event announced or updated: N days before registrations close, to the
  organisations that published a listing (named as its owner) in one of its focus sectors;
  one that registers (or is waitlisted) drops out; cancelled or closed: none.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo

from services.notifications.domain.recipients import listing_owner, organization
from services.notifications.domain.reminders import (
    Reminder,
    ReminderKind,
    ReminderParty,
    reminder_key,
    to_millisecond,
)
from services.notifications.domain.targeted_meetings import meeting_parties
from shared.events.awards import AwardProgrammeClosed, AwardProgrammeOpened
from shared.events.base import Event
from shared.events.connection_events import (
    ConnectionEventAnnounced,
    ConnectionEventCancelled,
    ConnectionEventClosed,
    ConnectionEventUpdated,
    MeetingCancelled,
    MeetingRescheduled,
    MeetingScheduled,
    ParticipantRegistered,
    ParticipantWaitlisted,
)
from shared.events.connections import (
    IntroductionContractRegistered,
    IntroductionContractSigned,
    IntroductionDealClosed,
    IntroductionEnded,
    IntroductionMeetingHeld,
    IntroductionMouSigned,
    IntroductionOpened,
)
from shared.events.listings import ListingPublished
from shared.events.nominations import NominationSubmitted
from shared.events.vocabulary import OrganizationKind


@dataclass(frozen=True)
class ReminderPolicy:
    zone: ZoneInfo
    hour: int
    """Local hour a reminder due on a day goes out (the day before a meeting)."""
    introduction_idle_days: int
    nominations_notice_days: int
    registration_notice_days: int


@dataclass(frozen=True)
class Closing:
    """No more reminder of this kind about this subject."""

    kind: ReminderKind
    subject: str
    version: int

    @property
    def reminder_id(self) -> str:
        return reminder_key(self.kind, self.subject)


@dataclass(frozen=True)
class Exclusion:
    """This organisation of the audience needs the reminder no more."""

    kind: ReminderKind
    subject: str
    organization_id: str

    @property
    def reminder_id(self) -> str:
        return reminder_key(self.kind, self.subject)


@dataclass(frozen=True)
class SectorKnown:
    """The organisation published a listing in this sector (who a sector's reminder reaches)."""

    organization_id: str
    sector: str


Plan = Reminder | Closing | Exclusion | SectorKnown | None
"""What an event does to the reminders (None: nothing)."""
Facts = Mapping[str, Any] | None
"""The facts of the targeted message the event queued, if any."""
ReminderRule = Callable[[Event, datetime, Facts, ReminderPolicy], Plan]


def _day_before_at(moment: datetime, policy: ReminderPolicy, days: int = 1) -> datetime:
    local_day = moment.astimezone(policy.zone).date() - timedelta(days=days)
    return datetime.combine(local_day, time(policy.hour), policy.zone)


def _before_closing(deadline: datetime, policy: ReminderPolicy, days: int) -> datetime:
    """`days` before the window's last day: one closing at 00:00 closes the day before."""
    return _day_before_at(deadline - timedelta(milliseconds=1), policy, days)


def _unless_past(due: datetime, informed_at: datetime) -> datetime | None:
    """No reminder due before the message that planned it: that message is the news."""
    return due if due > informed_at else None


def _meeting(event: Event, at: datetime, facts: Facts, policy: ReminderPolicy) -> Plan:
    assert isinstance(event, MeetingScheduled | MeetingRescheduled)
    assert facts is not None
    parties = [
        ReminderParty(recipient=party.recipient, role=party.role, named=party.named)
        for party in meeting_parties(event)
    ]
    return Reminder(
        kind=ReminderKind.MEETING_TOMORROW,
        subject=event.meeting_id,
        template="meeting_tomorrow",
        facts=dict(facts),
        parties=parties,
        due_at=_unless_past(_day_before_at(event.starts_at, policy), at),
        until=event.starts_at,
        version=int(facts["sequence"]),
    )


def _meeting_cancelled(event: Event, at: datetime, facts: Facts, policy: ReminderPolicy) -> Plan:
    assert isinstance(event, MeetingCancelled)
    assert facts is not None
    return Closing(ReminderKind.MEETING_TOMORROW, event.meeting_id, int(facts["sequence"]))


_STAGES: Final = {
    IntroductionOpened.ce_type: "opened",
    IntroductionMeetingHeld.ce_type: "meeting_held",
    IntroductionMouSigned.ce_type: "mou_signed",
    IntroductionContractSigned.ce_type: "contract_signed",
    IntroductionContractRegistered.ce_type: "contract_registered",
}


def next_step(event: Event) -> str:
    """The stage whose next step applies (`labels.NEXT_STEPS`): a contract that need not be
    registered (art. 31.1 of the 2017 Law) goes straight to carrying out the transfer."""
    stage = _STAGES[event.ce_type]
    if isinstance(event, IntroductionContractSigned) and event.registration_required is False:
        return "contract_registered"
    return stage


def _version(at: datetime) -> int:
    return int(at.timestamp() * 1000)


def _introduction(event: Event, at: datetime, facts: Facts, policy: ReminderPolicy) -> Plan:
    assert isinstance(event, IntroductionOpened | IntroductionMeetingHeld | IntroductionMouSigned
                      | IntroductionContractSigned | IntroductionContractRegistered)  # fmt: skip
    parties = event.parties
    seeker = (
        organization(parties.seeker_organization_id)
        if parties.seeker_organization_id
        else listing_owner(parties.demand_id)
    )
    return Reminder(
        kind=ReminderKind.INTRODUCTION_IDLE,
        subject=event.introduction_id,
        template="introduction_idle",
        facts={
            "introduction_id": event.introduction_id,
            "stage": _STAGES[event.ce_type],
            "next_step": next_step(event),
            "offer_id": parties.offer_id,
            "demand_id": parties.demand_id,
            "last_progress_at": at.isoformat(),
        },
        parties=[
            ReminderParty(recipient=organization(parties.supplier_organization_id), role="offer"),
            ReminderParty(recipient=seeker, role="demand"),
        ],
        due_at=to_millisecond(at + timedelta(days=policy.introduction_idle_days)),
        repeat_days=policy.introduction_idle_days,
        version=_version(at),
    )


def _introduction_closed(event: Event, at: datetime, facts: Facts, policy: ReminderPolicy) -> Plan:
    assert isinstance(event, IntroductionDealClosed | IntroductionEnded)
    return Closing(ReminderKind.INTRODUCTION_IDLE, event.introduction_id, _version(at))


def _nominations(event: Event, at: datetime, facts: Facts, policy: ReminderPolicy) -> Plan:
    assert isinstance(event, AwardProgrammeOpened)
    assert facts is not None
    close = event.nominations_close_at
    return Reminder(
        kind=ReminderKind.NOMINATIONS_CLOSING,
        subject=event.programme_id,
        template="nominations_closing",
        facts=dict(facts),
        audience=OrganizationKind.ASSOCIATION.value,
        due_at=_unless_past(_before_closing(close, policy, policy.nominations_notice_days), at),
        until=close,
        version=_version(at),
    )


def _nominated(event: Event, at: datetime, facts: Facts, policy: ReminderPolicy) -> Plan:
    assert isinstance(event, NominationSubmitted)
    return Exclusion(
        ReminderKind.NOMINATIONS_CLOSING, event.programme_id, event.nominator_organization_id
    )


def _programme_closed(event: Event, at: datetime, facts: Facts, policy: ReminderPolicy) -> Plan:
    assert isinstance(event, AwardProgrammeClosed)
    return Closing(ReminderKind.NOMINATIONS_CLOSING, event.programme_id, _version(at))


def _registration(event: Event, at: datetime, facts: Facts, policy: ReminderPolicy) -> Plan:
    assert isinstance(event, ConnectionEventAnnounced | ConnectionEventUpdated)
    details = event.details
    deadline = details.registration_deadline
    due = _before_closing(deadline, policy, policy.registration_notice_days)
    return Reminder(
        kind=ReminderKind.REGISTRATION_CLOSING,
        subject=event.event_id,
        template="registration_closing",
        facts={"event_id": event.event_id} | details.model_dump(mode="json"),
        sectors=[sector.value for sector in details.focus_sectors],
        due_at=_unless_past(due, at),
        until=deadline,
        version=_version(at),
    )


def _registration_over(event: Event, at: datetime, facts: Facts, policy: ReminderPolicy) -> Plan:
    assert isinstance(event, ConnectionEventCancelled | ConnectionEventClosed)
    return Closing(ReminderKind.REGISTRATION_CLOSING, event.event_id, _version(at))


def _registered(event: Event, at: datetime, facts: Facts, policy: ReminderPolicy) -> Plan:
    assert isinstance(event, ParticipantRegistered | ParticipantWaitlisted)
    return Exclusion(ReminderKind.REGISTRATION_CLOSING, event.event_id, event.organization_id)


def _listing_published(event: Event, at: datetime, facts: Facts, policy: ReminderPolicy) -> Plan:
    """Only an owner the listing names publicly: an anonymous demand's owner is not counted."""
    assert isinstance(event, ListingPublished)
    owner = event.listing.owner_organization_id
    return SectorKnown(owner, event.listing.sector.value) if owner else None


REMINDER_RULES: Final[Mapping[str, ReminderRule]] = {
    MeetingScheduled.ce_type: _meeting,
    MeetingRescheduled.ce_type: _meeting,
    MeetingCancelled.ce_type: _meeting_cancelled,
    **dict.fromkeys(_STAGES, _introduction),
    IntroductionDealClosed.ce_type: _introduction_closed,
    IntroductionEnded.ce_type: _introduction_closed,
    AwardProgrammeOpened.ce_type: _nominations,
    NominationSubmitted.ce_type: _nominated,
    AwardProgrammeClosed.ce_type: _programme_closed,
    ConnectionEventAnnounced.ce_type: _registration,
    ConnectionEventUpdated.ce_type: _registration,
    ConnectionEventCancelled.ce_type: _registration_over,
    ConnectionEventClosed.ce_type: _registration_over,
    ParticipantRegistered.ce_type: _registered,
    ParticipantWaitlisted.ce_type: _registered,
    ListingPublished.ce_type: _listing_published,
}
"""`ce_type` → what it does to the reminders."""
