"""The press pack of an award result (`award.granted`): the laureate of this notice, with every
laureate of the same programme announced so far (the results are announced one laureate per
event); the chart counts them by category and level."""

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
    Laureate,
    PressKind,
    PressPack,
    Series,
)

LEVELS = {"award": "Bằng khen", "merit": "Giấy khen"}


def award_pack(notice: Notice, programme_laureates: list[Notice]) -> PressPack:
    """`programme_laureates`: the award notices of the same programme (this one included)."""
    f: dict[str, Any] = notice.facts
    laureates = _laureates([notice, *programme_laureates])
    level = LEVELS.get(f["level"], f["level"])
    name = notice.owner_name or ""
    return PressPack(
        notice_id=notice.event_id,
        kind=PressKind.AWARD,
        headline=f"{name} được tặng {level} — {f['programme_title']}",
        lead=f"{name} được tặng {level}, hạng mục {f['category_name']}. "
        f"{notice.summary.partition('. ')[2] or notice.summary}",
        facts=(
            Fact(label="Chương trình", value=f["programme_title"]),
            Fact(label="Năm", value=str(f["year"])),
            Fact(label="Hạng mục", value=f["category_name"]),
            Fact(label="Hình thức", value=level),
            Fact(label="Ngày công bố", value=display.local_day(_moment(f["announced_at"]))),
        ),
        figures=_figures(laureates),
        chart=_chart(laureates, f["programme_title"]),
        script=_script(name, level, f, laureates),
        laureates=laureates,
        page=notice.page,
    )


def _laureates(notices: list[Notice]) -> tuple[Laureate, ...]:
    """Each laureate once, by category, then level, then name."""
    unique = {n.event_id: n for n in notices}.values()
    found = {
        Laureate(name=n.owner_name or "", level=LEVELS.get(str(n.facts["level"]), "—"),
                 category=str(n.facts["category_name"]))
        for n in unique
    }  # fmt: skip
    return tuple(sorted(found, key=lambda one: (one.category, one.level, one.name)))


def _by_level(laureates: tuple[Laureate, ...], level: str) -> int:
    return sum(1 for laureate in laureates if laureate.level == level)


def _figures(laureates: tuple[Laureate, ...]) -> tuple[HeadlineFigure, ...]:
    total = len(laureates)
    awards, merits = _by_level(laureates, LEVELS["award"]), _by_level(laureates, LEVELS["merit"])
    return (
        HeadlineFigure(
            figure=display.count(total), caption="tổ chức, cá nhân được tôn vinh",
            quote=f"{display.count(total)} tổ chức, cá nhân được tôn vinh: {awards} bằng khen "
            f"và {merits} giấy khen.",
        ),
    )  # fmt: skip


def _chart(laureates: tuple[Laureate, ...], programme: str) -> Chart:
    categories = tuple(sorted({laureate.category for laureate in laureates}))
    series = tuple(
        Series(
            name=level,
            values=tuple(
                sum(1 for one in laureates if one.category == category and one.level == level)
                for category in categories
            ),
        )
        for level in LEVELS.values()
    )
    return Chart(title=f"Được tôn vinh theo hạng mục — {programme}", categories=categories,
                 series=series)  # fmt: skip


def _script(name: str, level: str, f: dict[str, Any], laureates: tuple[Laureate, ...]) -> str:
    day = spoken.spoken_date(display.local_date(_moment(f["announced_at"])))
    awards, merits = _by_level(laureates, LEVELS["award"]), _by_level(laureates, LEVELS["merit"])
    words = spoken.for_reading
    return (
        f"Ngày {day.removeprefix('ngày ')}, ban tổ chức chương trình "
        f"{words(f['programme_title'])} đã công bố kết quả. {words(name)} được tặng "
        f"{level.lower()} ở hạng mục {words(f['category_name'])}. Đến nay, chương trình đã tôn "
        f"vinh {spoken.number(len(laureates))} tổ chức, cá nhân, gồm {spoken.number(awards)} "
        f"bằng khen và {spoken.number(merits)} giấy khen. Danh sách đầy đủ có trên cổng thông "
        "tin của sàn giao dịch công nghệ."
    )


def _moment(iso: str) -> datetime:
    return datetime.fromisoformat(iso)
