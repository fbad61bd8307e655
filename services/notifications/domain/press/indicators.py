"""The press pack of a period's market indicators (`indicators.published`): the contracts and
their value against the same period a year before, the listings and the introductions; the
chart compares the sectors' new offers and demands."""

from __future__ import annotations

from datetime import date
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
from shared.events.vocabulary import Sector
from shared.labels import SECTORS

_MOST_SECTORS = 8
"""More bars than this would not read on a phone or in print."""
_SHARES = {
    "ip_asset_value_share": "Tỷ trọng giá trị chuyển giao tài sản trí tuệ",
    "academic_domestic_value_share": "Tỷ trọng giá trị do viện, trường chuyển giao trong nước",
    "state_funded_transferred_share": "Kết quả nhiệm vụ dùng ngân sách nhà nước đã chuyển giao",
}


def indicators_pack(notice: Notice) -> PressPack:
    f: dict[str, Any] = notice.facts
    when = display.period(f["period"])
    value = int(f["contract_value_vnd"])
    return PressPack(
        notice_id=notice.event_id,
        kind=PressKind.INDICATORS,
        headline=f"Thị trường KH&CN {f['province']} {when}: {f['contracts']} hợp đồng chuyển "
        f"giao công nghệ, {display.compact_money(value)}",
        lead=notice.summary,
        facts=_facts(f),
        figures=_figures(f, when),
        chart=_chart(notice, when),
        script=_script(f),
        page=notice.page,
    )


def _facts(f: dict[str, Any]) -> tuple[Fact, ...]:
    start, end = date.fromisoformat(f["period_start"]), date.fromisoformat(f["period_end"])
    facts = [
        Fact(label="Kỳ", value=f"{display.period(f['period'])} "
             f"(từ {display.day(start)} đến {display.day(end)})"),
        Fact(label="Tỉnh", value=f["province"]),
        Fact(label="Công nghệ chào bán mới", value=display.count(f["offers_published"])),
        Fact(label="Nhu cầu công nghệ (đặt hàng) mới", value=display.count(f["demands_published"])),
        Fact(label="Kết nối cung – cầu được giới thiệu", value=display.count(f["introductions"])),
        Fact(label="Biên bản ghi nhớ được ký", value=display.count(f["mous"])),
        Fact(label="Hợp đồng chuyển giao công nghệ", value=display.count(f["contracts"])),
        Fact(label="Giá trị hợp đồng", value=display.money(f["contract_value_vnd"])),
    ]  # fmt: skip
    if "contract_value_growth" in f:
        facts.append(Fact(label="So với cùng kỳ", value=display.growth(f["contract_value_growth"])))
    facts += [Fact(label=label, value=display.percent(f[key])) for key, label in _SHARES.items()
              if key in f]  # fmt: skip
    if "intermediary_organizations" in f:
        facts.append(Fact(label="Tổ chức trung gian", value=str(f["intermediary_organizations"])))
    return tuple(facts)


def _figures(f: dict[str, Any], when: str) -> tuple[HeadlineFigure, ...]:
    value = display.compact_money(f["contract_value_vnd"])
    growth = (
        f", {display.growth(f['contract_value_growth'])}" if "contract_value_growth" in f else ""
    )
    listings = f["offers_published"] + f["demands_published"]
    mous = f", {display.count(f['mous'])} biên bản ghi nhớ được ký" if f["mous"] else ""
    return (
        HeadlineFigure(
            figure=value, caption="giá trị hợp đồng chuyển giao công nghệ",
            quote=f"{when.capitalize()}, {f['contracts']} hợp đồng chuyển giao công nghệ được ký "
            f"trên thị trường KH&CN tỉnh {f['province']}, tổng giá trị {value}{growth}.",
        ),
        HeadlineFigure(
            figure=display.count(listings), caption="công nghệ chào bán và nhu cầu đặt hàng mới",
            quote=f"{display.count(f['offers_published'])} công nghệ chào bán và "
            f"{display.count(f['demands_published'])} nhu cầu đặt hàng mới được đăng trên sàn.",
        ),
        HeadlineFigure(
            figure=display.count(f["introductions"]), caption="kết nối cung – cầu được giới thiệu",
            quote=f"Sàn đã giới thiệu {display.count(f['introductions'])} kết nối giữa bên cung "
            f"và bên cầu{mous}.",
        ),
    )  # fmt: skip


def _chart(notice: Notice, when: str) -> Chart:
    """New offers and demands by sector, the busiest first; the totals when the period has no
    sector breakdown."""
    rows = sorted(
        notice.sector_facts.items(),
        key=lambda row: (-(row[1]["offers_published"] + row[1]["demands_published"]), row[0]),
    )[:_MOST_SECTORS]
    if not rows:
        f = notice.facts
        names = ("Chào bán", "Đặt hàng", "Kết nối", "Biên bản ghi nhớ", "Hợp đồng")
        keys = ("offers_published", "demands_published", "introductions", "mous", "contracts")
        values = tuple(int(f[key]) for key in keys)
        return Chart(title=f"Thị trường KH&CN {when}", categories=names,
                     series=(Series(name="Số lượng", values=values),))  # fmt: skip
    return Chart(
        title=f"Công nghệ chào bán và đặt hàng mới theo lĩnh vực, {when}",
        categories=tuple(SECTORS["vi"][Sector(sector)] for sector, _ in rows),
        series=(
            Series(name="Chào bán", values=tuple(row["offers_published"] for _, row in rows)),
            Series(name="Đặt hàng", values=tuple(row["demands_published"] for _, row in rows)),
        ),
    )


def _script(f: dict[str, Any]) -> str:
    value = f["contract_value_vnd"]
    money = spoken.money(value, round_to=10**6 if value >= 10**9 else 1)
    growth = (
        f", {spoken.change(f['contract_value_growth'])} so với cùng kỳ năm trước"
        if "contract_value_growth" in f
        else ""
    )
    province = spoken.for_reading(f["province"])
    mous = (
        f"{spoken.number(f['mous'])} biên bản ghi nhớ được ký"
        if f["mous"]
        else "chưa có biên bản ghi nhớ nào được ký"
    )
    return (
        f"Sàn giao dịch công nghệ tỉnh {province} vừa công bố chỉ số thị trường khoa học và "
        f"công nghệ {spoken.period(f['period'])}. Trong kỳ, sàn có thêm "
        f"{spoken.number(f['offers_published'])} công nghệ chào bán và "
        f"{spoken.number(f['demands_published'])} nhu cầu đặt hàng công nghệ; "
        f"{spoken.number(f['introductions'])} kết nối giữa bên cung và bên cầu đã được giới "
        f"thiệu, {mous}. "
        f"Đã có {spoken.number(f['contracts'])} hợp đồng chuyển giao công nghệ với tổng giá trị "
        f"{money}{growth}. Số liệu chi tiết có trên cổng thông tin của sàn."
    )
