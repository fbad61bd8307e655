"""The broker's event form as typed and the API body it makes: the waiting list is on for a new
form, off when the broker unticks it (the hidden "off" the form posts first), and pre-filled from
the event on change."""

from __future__ import annotations

from services.matching.api.connection_events.models import EventPlanUpdate
from services.matching.domain.connection_events.event import EventPlan
from services.portal.domain.event_desk import change_body, change_form
from services.portal.domain.event_form import event_body, read_event_form
from tests.unit.portal.fakes import event_json

TYPED = {
    "title": ["Techmart sấy nông sản 2027"], "kind": ["techmart"],
    "starts_day": ["2027-04-08"], "starts_time": ["08:00"], "ends_day": ["2027-04-08"],
    "ends_time": ["16:00"], "deadline_day": ["2027-04-01"], "deadline_time": ["17:00"],
    "venue": ["Trung tâm Hội nghị tỉnh"], "focus_sectors": ["medicinal_herbs"],
    "capacity": ["40"], "slot_count": ["6"], "slot_minutes": ["20"], "tables": ["4"],
}  # fmt: skip
"""The announce form as a browser posts it, the waiting-list box left unticked."""


def test_a_new_form_keeps_a_waiting_list() -> None:
    form = read_event_form({})
    assert form.waitlist is True
    assert event_body(form)["waitlist"] is True


def test_an_unticked_box_switches_the_waiting_list_off() -> None:
    unticked = read_event_form({"waitlist": ["off"], "focus_sectors": ["environment"]})
    assert event_body(unticked)["waitlist"] is False
    ticked = read_event_form({"waitlist": ["off", "on"]})
    assert event_body(ticked)["waitlist"] is True


def test_a_refused_form_keeps_the_box_as_it_was_ticked() -> None:
    unticked = read_event_form({"waitlist": ["off"]})
    assert unticked.with_errors({"title": "Bắt buộc nhập."}).waitlist is False


def test_the_change_form_shows_the_events_waiting_list_and_sends_it_back() -> None:
    assert change_form(event_json(waitlist=False)).waitlist is False
    assert change_form(event_json()).waitlist is True  # an event from before the field
    changed = change_body(event_body(change_form(event_json(waitlist=False))))
    assert changed["waitlist"] is False


def test_the_matching_api_reads_the_waiting_list_the_form_sends() -> None:
    """The body the portal sends, read by the matching service's own models: the plan announced
    and the change both carry the broker's choice."""
    unticked = read_event_form(TYPED | {"waitlist": ["off"]})
    assert EventPlan.model_validate(event_body(unticked)).waitlist is False
    change = EventPlanUpdate.model_validate(change_body(event_body(unticked))).changes()
    assert change["waitlist"] is False
    ticked = read_event_form(TYPED | {"waitlist": ["off", "on"]})
    assert EventPlan.model_validate(event_body(ticked)).waitlist is True
