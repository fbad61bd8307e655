"""What a press pack holds ("tài liệu báo chí"): the facts of one public notice for the media —
a headline, the facts, headline figures ready to quote, one chart and a read-out script for
radio and TV. Pure values: the edge renders them as a page, a PDF and a PNG."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class NoPressPackError(LookupError):
    """The notice is unknown, is not of a kind with a press pack, or was stored without the
    figures a press pack reads."""

    def __init__(self, field: str, reason: str):
        super().__init__(reason)
        self.field = field
        self.reason = reason


class PressKind(StrEnum):
    INDICATORS = "indicators"
    """Chỉ số thị trường của một kỳ."""
    TECHMART = "techmart"
    """Một sự kiện kết nối đã kết thúc, với kết quả."""
    AWARD = "award"
    """Kết quả tôn vinh của một chương trình."""


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True)


class Fact(_Value):
    label: str
    value: str


class HeadlineFigure(_Value):
    """A figure a journalist can quote as it is: `1,2 tỷ đồng` — what it counts — a sentence."""

    figure: str
    caption: str
    quote: str


class Series(_Value):
    name: str
    values: tuple[int, ...]


class Chart(_Value):
    """A bar chart: one bar per category and series."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]


class Laureate(_Value):
    name: str
    level: str
    category: str


class PressPack(_Value):
    notice_id: str
    kind: PressKind
    headline: str
    lead: str
    facts: tuple[Fact, ...]
    figures: tuple[HeadlineFigure, ...]
    chart: Chart
    script: str
    """The read-out script: every number, date and sum of money in words."""
    laureates: tuple[Laureate, ...] = ()
    page: str | None = None
    """The portal's page of the notice (a path)."""
