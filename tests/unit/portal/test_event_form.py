"""The broker's event form as typed and the API body it makes: the waiting list is on for a new
form, off when the broker unticks it (the hidden "off" the form posts first), and pre-filled from
the event on change."""

from __future__ import annotations

from services.portal.domain.event_desk import change_body, change_form
from services.portal.domain.event_form import event_body, read_event_form
from tests.unit.portal.fakes import event_json


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
