"""The press pack of a techmart or B2B session that closed (`connection_event.closed`): who
took part, the meetings held, the introductions and memoranda that came of it; where and when
it took place comes from its announcement, when the notices hold it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from services.notifications.domain import spoken
from services.notifications.domain.notice import Notice
from services.notifications.domain.press import display
from services.notifications.domain.press.model import (
    Chart,
    Fact,
    HeadlineFigure,
    PressKind,
    PressPack,
    Series,
)

_UNTITLED = "Sự kiện kết nối cung – cầu công nghệ"
_FIGURES = (
    ("participants", "Đơn vị tham gia"),
    ("meetings_scheduled", "Cuộc gặp B2B được xếp lịch"),
    ("meetings_held", "Cuộc gặp đã diễn ra"),
    ("no_shows", "Cuộc gặp vắng một bên"),
    ("follow_ups", "Cuộc gặp hai bên muốn tiếp tục"),
    ("introductions_opened", "Kết nối được giới thiệu"),
    ("mous_signed", "Biên bản ghi nhớ được ký"),
)
_CHARTED = ("participants", "meetings_scheduled", "meetings_held", "follow_ups",
            "introductions_opened", "mous_signed")  # fmt: skip


def techmart_pack(notice: Notice, announcement: Notice | None) -> PressPack:
    f: dict[str, Any] = notice.facts
    title = notice.title or _UNTITLED
    where: dict[str, Any] = announcement.facts if announcement else {}
    return PressPack(
        notice_id=notice.event_id,
        kind=PressKind.TECHMART,
        headline=f"{title} khép lại: {display.count(f['participants'])} đơn vị tham gia, "
        f"{display.count(f['meetings_held'])} cuộc gặp B2B, "
        f"{display.count(f['mous_signed'])} biên bản ghi nhớ",
        lead=notice.summary,
        facts=_facts(title, f, where),
        figures=_figures(f),
        chart=Chart(
            title=f"Kết quả: {title}",
            categories=tuple(label for key, label in _FIGURES if key in _CHARTED),
            series=(Series(name="Số lượng", values=tuple(int(f[key]) for key in _CHARTED)),),
        ),
        script=_script(title, f, where),
        page=notice.page,
    )


def _facts(title: str, f: dict[str, Any], where: dict[str, Any]) -> tuple[Fact, ...]:
    facts = [Fact(label="Sự kiện", value=title)]
    if "starts_at" in where:
        facts.append(Fact(label="Ngày", value=display.local_day(_moment(where["starts_at"]))))
    if where.get("venue"):
        facts.append(Fact(label="Địa điểm", value=where["venue"]))
    return tuple(
        facts + [Fact(label=label, value=display.count(f[key])) for key, label in _FIGURES]
    )


def _figures(f: dict[str, Any]) -> tuple[HeadlineFigure, ...]:
    held, scheduled = f["meetings_held"], f["meetings_scheduled"]
    share = f" trên {display.count(scheduled)} cuộc gặp được xếp lịch" if scheduled else ""
    return (
        HeadlineFigure(
            figure=display.count(f["participants"]), caption="đơn vị tham gia",
            quote=f"{display.count(f['participants'])} đơn vị cung và cầu công nghệ đã đăng ký "
            "tham gia sự kiện.",
        ),
        HeadlineFigure(
            figure=display.count(held), caption="cuộc gặp kết nối B2B đã diễn ra",
            quote=f"{display.count(held)} cuộc gặp kết nối B2B đã diễn ra{share}.",
        ),
        HeadlineFigure(
            figure=display.count(f["mous_signed"]), caption="biên bản ghi nhớ được ký",
            quote=f"{display.count(f['mous_signed'])} biên bản ghi nhớ được ký và "
            f"{display.count(f['introductions_opened'])} kết nối được giới thiệu để theo đuổi.",
        ),
    )  # fmt: skip


def _script(title: str, f: dict[str, Any], where: dict[str, Any]) -> str:
    when = (
        f" {spoken.spoken_date(display.local_date(_moment(where['starts_at'])))}"
        if "starts_at" in where
        else ""
    )
    venue = f" tại {spoken.for_reading(where['venue'])}" if where.get("venue") else ""
    return (
        f"{spoken.for_reading(title)}, tổ chức{when}{venue}, đã khép lại. Sự kiện có "
        f"{spoken.number(f['participants'])} đơn vị cung và cầu công nghệ đăng ký tham gia. "
        f"{spoken.number(f['meetings_held']).capitalize()} cuộc gặp kết nối đã "
        f"diễn ra trên tổng số {spoken.number(f['meetings_scheduled'])} cuộc gặp được xếp lịch; "
        f"ở {spoken.number(f['follow_ups'])} cuộc gặp, hai bên muốn tiếp tục làm việc. Đã có "
        f"{spoken.number(f['introductions_opened'])} kết nối được giới thiệu và "
        f"{spoken.number(f['mous_signed'])} biên bản ghi nhớ được ký kết ngay tại sự kiện."
    )


def _moment(iso: str) -> datetime:
    return datetime.fromisoformat(iso)
