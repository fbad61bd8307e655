"""Digest schedule, quiet hours and assembly."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from services.notifications.domain.digests import DigestSchedule, assemble, digest_key
from services.notifications.domain.notices import Notice, NoticeKind, notice_of
from services.notifications.domain.subscriptions import Frequency
from tests.unit.notifications.samples import published

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
SCHEDULE = DigestSchedule(hour=7, weekday=0, quiet_start=21, quiet_end=7, zone=ZONE)


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=ZONE)


def test_the_daily_digest_is_due_at_seven_local_time_the_next_morning() -> None:
    assert SCHEDULE.next_due(Frequency.DAILY, local(20, 9)) == local(21, 7)
    assert SCHEDULE.next_due(Frequency.DAILY, local(20, 6, 59)) == local(20, 7)


def test_the_weekly_digest_is_due_on_monday() -> None:
    due = SCHEDULE.next_due(Frequency.WEEKLY, local(20, 9))  # a Friday
    assert due == local(23, 7)
    assert due.weekday() == 0


def test_quiet_hours_wrap_midnight() -> None:
    assert SCHEDULE.in_quiet_hours(local(20, 22))
    assert SCHEDULE.in_quiet_hours(local(21, 3))
    assert not SCHEDULE.in_quiet_hours(local(21, 7))
    assert SCHEDULE.out_of_quiet_hours(local(20, 22)) == local(21, 7)


def test_a_digest_hour_inside_quiet_hours_moves_to_their_end() -> None:
    late = DigestSchedule(hour=22, weekday=0, quiet_start=21, quiet_end=7, zone=ZONE)
    assert late.next_due(Frequency.DAILY, local(20, 9)) == local(21, 7)


def test_a_daily_digest_covers_the_previous_local_day() -> None:
    start, end = SCHEDULE.period(Frequency.DAILY, local(21, 7))
    assert (start, end) == (local(20, 0), local(21, 0))
    assert digest_key(Frequency.DAILY, end, ZONE) == "digest:daily:2026-11-21"


def notice(n: int, at: datetime, **overrides: object) -> Notice:
    made = notice_of(published(listing_id=f"lst_{n}", **overrides), f"evt-{n}", at)
    assert made is not None
    return made


def test_assembly_groups_offers_and_demands_by_sector_and_drops_other_days() -> None:
    notices = [
        notice(1, local(20, 10), sector="healthcare"),
        notice(2, local(20, 11)),
        notice(3, local(20, 12), kind="demand"),
        notice(4, local(19, 23)),  # the day before: not in this digest
    ]
    digest = assemble(notices, Frequency.DAILY, local(20, 0), local(21, 0))
    assert [(g.sector, [n.subject_id for n in g.notices]) for g in digest.offers] == [
        ("medicinal_herbs", ["lst_2"]),
        ("healthcare", ["lst_1"]),
    ]
    assert [n.subject_id for g in digest.demands for n in g.notices] == ["lst_3"]
    assert not digest.empty


def test_deals_are_totalled() -> None:
    deal = Notice(
        event_id="d1",
        event_type="stx.introduction.deal_closed",
        kind=NoticeKind.DEAL,
        occurred_at=datetime(2026, 11, 20, 5, tzinfo=UTC),
        subject_id="itr_1",
        title="Sấy lạnh sâm",
        value_vnd=1_200_000_000,
    )
    digest = assemble(
        [deal, deal.model_copy(update={"event_id": "d2", "value_vnd": 300_000_000})],
        Frequency.DAILY,
        local(20, 0),
        local(21, 0),
    )
    assert digest.deals_total_vnd == 1_500_000_000


def test_a_day_without_notices_makes_an_empty_digest() -> None:
    assert assemble([], Frequency.DAILY, local(20, 0), local(21, 0)).empty
