"""A participant's B2B meetings as an .ics file that calendar apps accept."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from services.matching.scheduling import Meeting
from services.matching.scheduling.ical import meeting_uid, participant_calendar

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
SLOT_STARTS = [
    datetime(2025, 9, 12, 8, 30, tzinfo=VIETNAM) + timedelta(minutes=25 * n) for n in range(6)
]
NAMES = {
    "htx-sam-ngoc-linh": "HTX Sâm Ngọc Linh Tu Mơ Rông",
    "cty-duoc-lieu": "Công ty CP Dược liệu Măng Đen",
    "vien-nong-nghiep": "Viện Khoa học Kỹ thuật Nông Lâm nghiệp Tây Nguyên",
}
MEETINGS = [
    Meeting(
        seeker_id="htx-sam-ngoc-linh",
        supplier_id="vien-nong-nghiep",
        slot=3,
        table=7,
        score=0.82,
        requested=True,
        pinned=False,
    ),
    Meeting(
        seeker_id="cty-duoc-lieu",
        supplier_id="vien-nong-nghiep",
        slot=0,
        table=7,
        score=0.55,
        requested=False,
        pinned=True,
    ),
]


def _calendar(**overrides: object) -> Calendar:
    arguments: dict[str, object] = {
        "event_title": "Techmart Quảng Ngãi 2025 — Dược liệu",
        "event_id": "techmart-2025-duoc-lieu",
        "meetings_for_participant": MEETINGS,
        "slot_starts": SLOT_STARTS,
        "slot_minutes": 20,
        "venue": "Trung tâm Hội nghị tỉnh Quảng Ngãi",
        "counterpart_names": NAMES,
        "participant_id": "vien-nong-nghiep",
        "stamp": datetime(2025, 9, 1, 9, 0, tzinfo=VIETNAM),
    } | overrides
    ics = participant_calendar(**arguments)  # type: ignore[arg-type]
    return Calendar.from_ical(ics)


def test_the_file_parses_back_with_one_vevent_per_meeting() -> None:
    calendar = _calendar()
    assert str(calendar["VERSION"]) == "2.0"
    assert "PRODID" in calendar
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Ho_Chi_Minh"
    assert len(calendar.walk("VEVENT")) == len(MEETINGS)


def test_meetings_start_and_end_at_their_slot_in_utc() -> None:
    first, second = _calendar().walk("VEVENT")  # sorted by slot
    assert first.decoded("DTSTART") == datetime(2025, 9, 12, 1, 30, tzinfo=UTC)
    assert first.decoded("DTEND") == datetime(2025, 9, 12, 1, 50, tzinfo=UTC)
    assert second.decoded("DTSTART") == datetime(2025, 9, 12, 2, 45, tzinfo=UTC)  # 09:45 local
    assert second.decoded("DTSTAMP") == datetime(2025, 9, 1, 2, 0, tzinfo=UTC)
    assert first.to_ical().decode().count("DTSTART:20250912T013000Z") == 1


def test_vietnamese_text_survives_the_round_trip() -> None:
    first, second = _calendar().walk("VEVENT")
    assert str(first["SUMMARY"]) == "Gặp B2B: Công ty CP Dược liệu Măng Đen — bàn 7"
    assert str(second["SUMMARY"]) == "Gặp B2B: HTX Sâm Ngọc Linh Tu Mơ Rông — bàn 7"
    assert str(first["LOCATION"]) == "Trung tâm Hội nghị tỉnh Quảng Ngãi, bàn 7"
    assert "09:45–10:05 ngày 12/09/2025 (giờ Việt Nam)" in str(second["DESCRIPTION"])
    assert "đề nghị gặp đã được chấp nhận" in str(second["DESCRIPTION"])


def test_decomposed_input_is_written_composed() -> None:
    decomposed = {k: unicodedata.normalize("NFD", v) for k, v in NAMES.items()}
    first = _calendar(counterpart_names=decomposed).walk("VEVENT")[0]
    assert str(first["SUMMARY"]) == "Gặp B2B: Công ty CP Dược liệu Măng Đen — bàn 7"


def test_uids_are_unique_and_stable_when_a_meeting_moves() -> None:
    uids = [str(e["UID"]) for e in _calendar().walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert all(uid.endswith("@stx") for uid in uids)
    moved = MEETINGS[0].model_copy(update={"slot": 5, "table": 2})
    assert meeting_uid("techmart-2025-duoc-lieu", moved) == meeting_uid(
        "techmart-2025-duoc-lieu", MEETINGS[0]
    )
    assert meeting_uid("another-event", MEETINGS[0]) != meeting_uid(
        "techmart-2025-duoc-lieu", MEETINGS[0]
    )


def test_the_seeker_sees_the_supplier_as_counterpart() -> None:
    calendar = _calendar(meetings_for_participant=MEETINGS[:1], participant_id="htx-sam-ngoc-linh")
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]).startswith(
        "Gặp B2B: Viện Khoa học Kỹ thuật Nông Lâm nghiệp Tây Nguyên"
    )


def test_times_without_a_zone_are_refused() -> None:
    naive = [start.replace(tzinfo=None) for start in SLOT_STARTS]
    with pytest.raises(ValueError, match="no time zone"):
        _calendar(slot_starts=naive)


def test_a_meeting_of_someone_else_is_refused() -> None:
    with pytest.raises(ValueError, match="does not take part"):
        _calendar(participant_id="htx-sam-ngoc-linh")
