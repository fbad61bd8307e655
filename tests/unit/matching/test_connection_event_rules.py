"""Connection events by rule: seats and the waiting list, the deadline, meeting requests that
expire, re-runs of the schedule, and the follow-up that opens an introduction."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.matching.domain.connection_events import event as events
from services.matching.domain.connection_events import registrations as seats
from services.matching.domain.connection_events import requests
from services.matching.domain.connection_events.meetings import (
    BookedMeeting,
    candidates,
    problem_of,
    reconcile,
)
from services.matching.domain.connection_events.outcomes import (
    follow_up,
    record_outcome,
    summarise,
    wants_introduction,
)
from services.matching.domain.connection_events.registrations import (
    RegistrationForm,
    RegistrationStatus,
)
from services.matching.domain.errors import ConflictError, NotAllowedError, RuleBrokenError
from services.matching.domain.matches import MatchStatus
from services.matching.scheduling import Pin, solve
from shared.events.connection_events import (
    MeetingCancelled,
    MeetingOutcome,
    MeetingRequestExpired,
    MeetingRescheduled,
    MeetingScheduled,
    ParticipantRegistered,
    ParticipantWaitlisted,
)
from tests.unit.matching import brokerage_data as brokerage
from tests.unit.matching.techmart_data import (
    ANNOUNCED_AT,
    COOPERATIVE,
    ENTERPRISE,
    INSTITUTE,
    STARTS_AT,
    UNIVERSITY,
    registration,
    techmart,
)

FORM = RegistrationForm(role="supplier", listing_ids=["lst_offer_org_vien_duoc_lieu"])
OFFERS = ((f"lst_offer_{INSTITUTE}",), ())
LATER = ANNOUNCED_AT + timedelta(days=2)
TTL = timedelta(days=30)


# --- seats, waiting list, deadline --------------------------------------------------------


def test_a_full_event_puts_the_next_registration_on_the_waiting_list() -> None:
    registered, event = seats.register(
        techmart(capacity=3), FORM, INSTITUTE, OFFERS, (3, 1), None, LATER
    )

    assert registered.status == RegistrationStatus.WAITLISTED
    assert isinstance(event, ParticipantWaitlisted)
    assert event.position == 2


def test_without_a_waiting_list_a_full_event_refuses_the_registration() -> None:
    with pytest.raises(ConflictError) as refused:
        seats.register(techmart(waitlist=False), FORM, INSTITUTE, OFFERS, (3, 0), None, LATER)

    assert refused.value.rule == "connection_event.capacity"


def test_a_registration_after_the_deadline_is_refused() -> None:
    after = STARTS_AT - timedelta(hours=1)  # the deadline was 30/11 17:00 in Kon Tum

    with pytest.raises(ConflictError) as refused:
        seats.register(techmart(), FORM, INSTITUTE, OFFERS, (0, 0), None, after)

    assert refused.value.rule == "registration.deadline"


def test_a_cancelled_event_takes_no_registration() -> None:
    cancelled, _ = events.cancel(techmart(), "Mưa lũ, hoãn sự kiện.")

    with pytest.raises(ConflictError) as refused:
        seats.register(cancelled, FORM, INSTITUTE, OFFERS, (0, 0), None, LATER)

    assert refused.value.rule == "connection_event.cancelled"


def test_an_organisation_brings_only_its_own_published_listings() -> None:
    offer = brokerage.offer()  # the university's

    with pytest.raises(RuleBrokenError) as refused:
        seats.sorted_listings(
            RegistrationForm(role="supplier", listing_ids=[offer.listing_id]),
            INSTITUTE,
            {offer.listing_id: offer},
        )

    assert refused.value.rule == "body.listing_ids"


def test_a_seeker_must_bring_a_demand() -> None:
    offer = brokerage.offer()

    with pytest.raises(RuleBrokenError, match="a seeker demands"):
        seats.sorted_listings(
            RegistrationForm(role="seeker", listing_ids=[offer.listing_id]),
            brokerage.UNIVERSITY,
            {offer.listing_id: offer},
        )


def test_a_freed_seat_goes_to_the_first_waiting_participant() -> None:
    waiting = [
        registration(ENTERPRISE, "seeker", minutes=30, status=RegistrationStatus.WAITLISTED),
        registration(COOPERATIVE, "seeker", minutes=10, status=RegistrationStatus.WAITLISTED),
    ]

    promoted = seats.promote(techmart(capacity=3), 2, waiting)

    assert [(r.organization_id, r.status) for r, _ in promoted] == [
        (COOPERATIVE, RegistrationStatus.REGISTERED)
    ]
    assert isinstance(promoted[0][1], ParticipantRegistered)
    assert promoted[0][1].from_waitlist


def test_a_plan_whose_slots_do_not_fit_the_day_is_refused() -> None:
    with pytest.raises(RuleBrokenError) as refused:
        events.update(techmart(), {"slot_count": 40})

    assert "fit between" in refused.value.message


# --- meeting requests ---------------------------------------------------------------------


def _sent() -> requests.MeetingRequest:
    parties = (registration(COOPERATIVE, "seeker"), registration(UNIVERSITY))
    request, _ = requests.send(
        techmart(), "mrq_1", parties, "Muốn xem máy sấy lạnh.", False, LATER, timedelta(days=3)
    )
    return request


def test_an_unanswered_request_expires_at_its_time_and_not_before() -> None:
    request = _sent()

    unchanged, none = requests.expire(request, request.expires_at - timedelta(seconds=1))
    expired, events_ = requests.expire(request, request.expires_at)

    assert (unchanged.status, none) == (requests.RequestStatus.SENT, [])
    assert expired.status == requests.RequestStatus.EXPIRED
    assert [type(e) for e in events_] == [MeetingRequestExpired]


def test_a_request_expires_when_the_event_starts_at_the_latest() -> None:
    parties = (registration(COOPERATIVE, "seeker"), registration(UNIVERSITY))
    late = STARTS_AT - timedelta(hours=2)

    request, _ = requests.send(techmart(), "mrq_2", parties, "Gặp nhé", False, late, timedelta(3))

    assert request.expires_at == STARTS_AT


def test_only_the_participant_asked_answers_and_not_after_expiry() -> None:
    request = _sent()

    with pytest.raises(NotAllowedError):
        requests.answer(request, True, COOPERATIVE, LATER)
    with pytest.raises(ConflictError) as late:
        requests.answer(request, True, UNIVERSITY, request.expires_at)

    assert late.value.rule == "meeting_request.expires_at"


def test_two_suppliers_cannot_ask_each_other_to_meet() -> None:
    parties = (registration(INSTITUTE), registration(UNIVERSITY))

    with pytest.raises(RuleBrokenError, match="two suppliers"):
        requests.send(techmart(), "mrq_3", parties, "Hợp tác", False, LATER, timedelta(days=3))


# --- the schedule -------------------------------------------------------------------------

SEATED = [
    registration(UNIVERSITY),
    registration(INSTITUTE),
    registration(COOPERATIVE, "seeker"),
    registration(ENTERPRISE, "seeker"),
]
SCORES = {
    (f"lst_offer_{UNIVERSITY}", f"lst_demand_{COOPERATIVE}"): 0.9,
    (f"lst_offer_{INSTITUTE}", f"lst_demand_{COOPERATIVE}"): 0.6,
}


def test_unscored_pairs_meet_only_when_they_asked_to() -> None:
    found = candidates(SEATED, {frozenset((ENTERPRISE, INSTITUTE))}, SCORES)

    pairs = {(p.seeker_id, p.supplier_id): (p.score, p.requested) for p in found.pairs}
    assert pairs == {
        (COOPERATIVE, UNIVERSITY): (0.9, False),
        (COOPERATIVE, INSTITUTE): (0.6, False),
        (ENTERPRISE, INSTITUTE): (0.0, True),
    }


def test_a_rerun_publishes_only_new_moved_and_dropped_meetings() -> None:
    event = techmart()
    found = candidates(SEATED, set(), SCORES)
    first, published = reconcile(event, [], solve(problem_of(event, SEATED, found)), found.listings)
    moved_pin = first[0].as_meeting().as_pin().model_copy(update={"slot": 3, "table": 2})
    pinned = events.with_pins(event, (moved_pin,))
    fewer = candidates(SEATED, set(), dict(list(SCORES.items())[:1]))

    second, republished = reconcile(
        pinned, first, solve(problem_of(pinned, SEATED, fewer)), fewer.listings
    )

    assert [type(e) for e in published] == [MeetingScheduled, MeetingScheduled]
    assert sorted(type(e).__name__ for e in republished) == sorted(
        [MeetingRescheduled.__name__, MeetingCancelled.__name__]
    )
    kept = next(m for m in second if m.scheduled)
    assert (kept.slot, kept.table, kept.pinned) == (3, 2, True)


def test_a_meeting_pinned_outside_the_event_slots_is_refused() -> None:
    outside = Pin(seeker_id=COOPERATIVE, supplier_id=UNIVERSITY, slot=4, table=1)

    with pytest.raises(RuleBrokenError) as refused:
        events.with_pins(techmart(), (outside,))

    assert refused.value.rule == "body.slot"


# --- outcomes -----------------------------------------------------------------------------


def _meeting(**changes: object) -> BookedMeeting:
    data = {
        "meeting_id": "mtg_1",
        "event_id": "cev_techmart_sam",
        "seeker_id": brokerage.COOPERATIVE,
        "supplier_id": brokerage.UNIVERSITY,
        "slot": 1,
        "table": 2,
        "score": 0.89,
        "requested": False,
        "pinned": False,
        "offer_id": brokerage.offer().listing_id,
        "demand_id": brokerage.demand().listing_id,
    }
    return BookedMeeting.model_validate(data | changes)


def test_an_outcome_waits_for_the_meeting_to_start() -> None:
    with pytest.raises(ConflictError) as early:
        record_outcome(
            techmart(), _meeting(), brokerage.COOPERATIVE, MeetingOutcome.HELD, False, LATER
        )

    assert early.value.rule == "meeting.started"


def test_follow_up_by_both_sides_and_only_both_wants_an_introduction() -> None:
    after = STARTS_AT + timedelta(hours=1)
    one, _ = record_outcome(
        techmart(), _meeting(), brokerage.COOPERATIVE, MeetingOutcome.FOLLOW_UP_WANTED, False, after
    )
    both, _ = record_outcome(
        techmart(), one, brokerage.UNIVERSITY, MeetingOutcome.FOLLOW_UP_WANTED, True, after
    )

    assert not wants_introduction(one)
    assert wants_introduction(both)
    assert not wants_introduction(both.model_copy(update={"introduction_id": "itr_1"}))


def test_a_follow_up_accepts_the_open_proposal_of_the_meeting_listings() -> None:
    listings = (brokerage.offer(), brokerage.demand(owner_organization_id=brokerage.COOPERATIVE))
    now = brokerage.NOW + timedelta(days=2)

    match, events_ = follow_up(brokerage.proposed(), _meeting(), listings, "broker", now, TTL)

    assert match is not None
    assert match.status == MatchStatus.ACCEPTED
    assert [e.ce_type for e in events_] == ["stx.match.interest_expressed", "stx.match.accepted"]


def test_a_follow_up_without_any_proposal_is_proposed_by_the_broker_first() -> None:
    listings = (brokerage.offer(), brokerage.demand(owner_organization_id=brokerage.COOPERATIVE))

    match, events_ = follow_up(None, _meeting(), listings, "broker", brokerage.NOW, TTL)

    assert match is not None
    assert match.proposed_by == "broker"
    assert events_[0].ce_type == "stx.match.proposed"
    assert events_[-1].ce_type == "stx.match.accepted"


def test_a_declined_proposal_opens_no_introduction() -> None:
    declined = brokerage.proposed(status=MatchStatus.DECLINED)

    match, events_ = follow_up(
        declined, _meeting(), (brokerage.offer(), brokerage.demand()), "b", brokerage.NOW, TTL
    )

    assert (match, events_) == (None, [])


def test_the_closing_figures_count_held_no_shows_and_follow_ups() -> None:
    meetings = [
        _meeting(
            outcomes={
                brokerage.COOPERATIVE: "follow_up_wanted",
                brokerage.UNIVERSITY: "follow_up_wanted",
            },
            introduction_id="itr_1",
        ),
        _meeting(meeting_id="mtg_2", outcomes={brokerage.COOPERATIVE: "no_show"}),
        _meeting(meeting_id="mtg_3", outcomes={brokerage.UNIVERSITY: "held"}),
        _meeting(meeting_id="mtg_4", status="cancelled"),
    ]

    summary = summarise(4, meetings, mous_signed=1)

    assert summary.model_dump() == {
        "participants": 4,
        "meetings_scheduled": 3,
        "meetings_held": 2,
        "no_shows": 1,
        "follow_ups": 1,
        "introductions_opened": 1,
        "mous_signed": 1,
    }
