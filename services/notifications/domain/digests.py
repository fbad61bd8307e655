"""Digests ("bản tin"): the period's notices grouped for a reader, on a schedule that keeps
out of quiet hours. A daily digest due on day D covers local day D-1; a weekly one the 7 days
before D."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

from services.notifications.domain.notices import Notice, NoticeKind
from services.notifications.domain.subscriptions import Frequency
from shared.events.vocabulary import Sector

_SECTOR_ORDER = {sector: index for index, sector in enumerate(Sector)}


@dataclass(frozen=True)
class DigestSchedule:
    hour: int
    weekday: int
    quiet_start: int
    quiet_end: int
    zone: ZoneInfo

    def in_quiet_hours(self, moment: datetime) -> bool:
        hour = moment.astimezone(self.zone).hour
        if self.quiet_start == self.quiet_end:
            return False
        if self.quiet_start < self.quiet_end:
            return self.quiet_start <= hour < self.quiet_end
        return hour >= self.quiet_start or hour < self.quiet_end

    def out_of_quiet_hours(self, moment: datetime) -> datetime:
        """`moment`, or the end of the quiet hours it falls in."""
        if not self.in_quiet_hours(moment):
            return moment
        local = moment.astimezone(self.zone)
        end = datetime.combine(local.date(), time(self.quiet_end), self.zone)
        return end if end > local else end + timedelta(days=1)

    def next_due(self, frequency: Frequency, after: datetime) -> datetime:
        """The first digest time strictly after `after`, moved out of quiet hours."""
        local = after.astimezone(self.zone)
        day = local.date()
        while True:
            candidate = datetime.combine(day, time(self.hour), self.zone)
            weekly_ok = frequency is not Frequency.WEEKLY or day.weekday() == self.weekday
            if candidate > local and weekly_ok:
                return self.out_of_quiet_hours(candidate)
            day += timedelta(days=1)

    def period(self, frequency: Frequency, due_at: datetime) -> tuple[datetime, datetime]:
        """[start, end) in UTC-aware datetimes: the local days before the due day."""
        end_day = due_at.astimezone(self.zone).date()
        days = 7 if frequency is Frequency.WEEKLY else 1
        return self._midnight(end_day - timedelta(days=days)), self._midnight(end_day)

    def _midnight(self, day: date) -> datetime:
        return datetime.combine(day, time(0), self.zone)


def digest_key(frequency: Frequency, period_end: datetime, zone: ZoneInfo) -> str:
    """The digest's stand-in for a source event id: one digest per subscriber and period."""
    return f"digest:{frequency.value}:{period_end.astimezone(zone).date().isoformat()}"


class SectorGroup(BaseModel):
    model_config = ConfigDict(frozen=True)

    sector: Sector | None
    notices: list[Notice]


class Digest(BaseModel):
    model_config = ConfigDict(frozen=True)

    frequency: Frequency
    period_start: datetime
    period_end: datetime
    offers: list[SectorGroup]
    demands: list[SectorGroup]
    deals: list[Notice]
    deals_total_vnd: int
    news: list[Notice] = Field(default_factory=list)
    """Added 2026-12: techmarts, awards and indicators of the period, oldest first."""

    @property
    def empty(self) -> bool:
        return not (self.offers or self.demands or self.deals or self.news)


NEWS = (NoticeKind.EVENT, NoticeKind.AWARD, NoticeKind.INDICATORS)


def assemble(
    notices: Iterable[Notice], frequency: Frequency, start: datetime, end: datetime
) -> Digest:
    """Offers and demands by sector (programme order), deals with their total value, and the
    market's news (techmarts, awards, indicators) in time order."""
    chosen = sorted(
        (n for n in notices if start <= n.occurred_at < end), key=lambda n: n.occurred_at
    )
    deals = [n for n in chosen if n.kind is NoticeKind.DEAL]
    return Digest(
        frequency=frequency,
        period_start=start,
        period_end=end,
        offers=_by_sector(n for n in chosen if n.kind is NoticeKind.OFFER),
        demands=_by_sector(n for n in chosen if n.kind is NoticeKind.DEMAND),
        deals=deals,
        deals_total_vnd=sum(n.value_vnd or 0 for n in deals),
        news=[n for n in chosen if n.kind in NEWS],
    )


def _by_sector(notices: Iterable[Notice]) -> list[SectorGroup]:
    groups: dict[Sector | None, list[Notice]] = {}
    for notice in notices:
        groups.setdefault(notice.sector, []).append(notice)
    order = sorted(groups, key=lambda s: _SECTOR_ORDER.get(s, len(_SECTOR_ORDER)) if s else 99)
    return [SectorGroup(sector=sector, notices=groups[sector]) for sector in order]
