"""Numbers, money, percentages, dates and times as a radio or TV presenter says them in
Vietnamese ("một tỷ hai trăm triệu đồng", "ngày mùng ba tháng mười hai").

Written here rather than taken from `vietnam-number` (PyPI, 1.0.6): that package is GPL-3.0
(this project is Apache-2.0), spells "lẻ" as "lẽ", stops at 999 tỷ and reads 3 500 000 000 000
as "ba nghìn tỷ năm trăm tỷ".

Conventions (the northern broadcast standard, one of each so a script reads the same everywhere):
- groups of three digits: nghìn, triệu, tỷ; above a tỷ the count of tỷ is read as a number
  ("một nghìn hai trăm tỷ"); groups that are all zeros are not read ("một triệu không trăm
  linh năm", "một tỷ hai trăm triệu");
- "linh" (not "lẻ") for a zero ten after a hundred: 105 "một trăm linh năm";
- "mốt" for a one after twenty and up (21 "hai mươi mốt"), "lăm" for a five after ten and up
  (15 "mười lăm", 25 "hai mươi lăm"), "tư" for a four after twenty and up (24 "hai mươi tư";
  14 stays "mười bốn"), "mười" for ten, "mươi" from twenty;
- decimals with "phẩy", each leading zero read: 3,5 "ba phẩy năm", 3,05 "ba phẩy không năm";
- dates: "ngày mùng …" for days one to ten, April is "tháng tư", the year read in full
  ("năm hai nghìn không trăm hai mươi sáu"); times on the 24-hour clock of
  Asia/Ho_Chi_Minh, whole hours without minutes ("mười bốn giờ", "tám giờ ba mươi phút").
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Final
from zoneinfo import ZoneInfo

from shared.clock import PROVINCE_ZONE

DIGITS: Final = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES: Final = ("", "nghìn", "triệu")
_BILLION: Final = 10**9
_DIGIT_RUN: Final = re.compile(r"\d+")


def _units_after_tens(tens: int, units: int) -> str:
    """The last digit of a two-digit number: mốt, tư, lăm where a presenter says them."""
    if units == 1 and tens >= 2:
        return "mốt"
    if units == 4 and tens >= 2:
        return "tư"
    if units == 5:
        return "lăm"
    return DIGITS[units]


def _tens_and_units(tens: int, units: int, after_hundreds: bool) -> list[str]:
    if tens == 0:
        if units == 0:
            return []
        return ["linh", DIGITS[units]] if after_hundreds else [DIGITS[units]]
    words = ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if units:
        words.append(_units_after_tens(tens, units))
    return words


def _group(value: int, leading: bool) -> list[str]:
    """One group of three digits (1–999). A group that is not the number's first reads its
    zero hundreds ("không trăm"), so 2 026 is "hai nghìn không trăm hai mươi sáu"."""
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or not leading:
        words += [DIGITS[hundreds], "trăm"]
    return words + _tens_and_units(tens, units, after_hundreds=bool(words))


def _below_billion(value: int, leading: bool) -> list[str]:
    groups = [(value // 1000**power) % 1000 for power in range(2, -1, -1)]
    words: list[str] = []
    for power, group in zip(range(2, -1, -1), groups, strict=True):
        if group:
            words += _group(group, leading=leading and not words)
            if _SCALES[power]:
                words.append(_SCALES[power])
    return words


def _words(value: int, leading: bool = True) -> list[str]:
    billions, rest = divmod(value, _BILLION)
    words: list[str] = []
    if billions:
        words += [*_words(billions, leading), "tỷ"]
    if rest:
        words += _below_billion(rest, leading=leading and not words)
    return words


def number(value: int) -> str:
    """An integer in words: 0 "không", 105 "một trăm linh năm", 1 200 000 000 "một tỷ hai trăm
    triệu", 3 500 000 000 000 "ba nghìn năm trăm tỷ"; below zero "âm …"."""
    if value == 0:
        return DIGITS[0]
    if value < 0:
        return f"âm {number(-value)}"
    return " ".join(_words(value))


def decimal(value: Decimal | float | int, places: int = 1) -> str:
    """A decimal rounded to `places` (trailing zeros dropped): 3.5 "ba phẩy năm", 3.05 (two
    places) "ba phẩy không năm", 12.0 "mười hai"."""
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "âm " if exact < 0 else ""
    whole, _, fraction = f"{abs(exact):f}".partition(".")
    fraction = fraction.rstrip("0")
    if not fraction:
        return sign + number(int(whole))
    zeros = len(fraction) - len(fraction.lstrip("0"))
    spoken_fraction = " ".join([DIGITS[0]] * zeros + [number(int(fraction))])
    return f"{sign}{number(int(whole))} phẩy {spoken_fraction}"


def percent(share: float, places: int = 1) -> str:
    """A share (0.125 = 12,5 %) as "mười hai phẩy năm phần trăm"."""
    return f"{decimal(Decimal(str(share)) * 100, places)} phần trăm"


def change(rate: float, places: int = 1) -> str:
    """A growth rate (0.12, -0.035) as "tăng mười hai phần trăm" / "giảm ba phẩy năm phần
    trăm"; "không đổi" when it rounds to nothing."""
    spoken = percent(abs(rate), places)
    if spoken == f"{DIGITS[0]} phần trăm":
        return "không đổi"
    return f"{'tăng' if rate > 0 else 'giảm'} {spoken}"


def money(amount: int, round_to: int = 1) -> str:
    """VND in words: 1 200 000 000 "một tỷ hai trăm triệu đồng". With `round_to` (say a million)
    an amount that is not a multiple of it is rounded and said to be approximate ("khoảng …"),
    as a presenter reads 1 234 567 890 đồng."""
    rounded = int((Decimal(amount) / round_to).quantize(Decimal(1), ROUND_HALF_UP)) * round_to
    about = "khoảng " if rounded != amount else ""
    return f"{about}{number(rounded)} đồng"


def day_of_month(day: int) -> str:
    """ "mùng ba" for days one to ten, "hai mươi tư" after."""
    return f"mùng {number(day)}" if day <= 10 else number(day)


def month(month_number: int) -> str:
    """ "tháng tư" for April (never "tháng bốn"), "tháng mười hai" for December."""
    return "tháng tư" if month_number == 4 else f"tháng {number(month_number)}"


def year(year_number: int) -> str:
    return f"năm {number(year_number)}"


def spoken_date(day: date) -> str:
    """ "ngày mùng ba tháng mười hai năm hai nghìn không trăm hai mươi sáu"."""
    return f"ngày {day_of_month(day.day)} {month(day.month)} {year(day.year)}"


def clock_time(moment: datetime, zone: ZoneInfo = PROVINCE_ZONE) -> str:
    """A moment as the province's clock reads it: "mười bốn giờ", "tám giờ ba mươi phút"."""
    local = moment.astimezone(zone)
    hours = f"{number(local.hour)} giờ"
    return f"{hours} {number(local.minute)} phút" if local.minute else hours


def moment(at: datetime, zone: ZoneInfo = PROVINCE_ZONE) -> str:
    """ "mười bốn giờ ngày mùng ba tháng mười hai năm …" in the province's time."""
    return f"{clock_time(at, zone)} {spoken_date(at.astimezone(zone).date())}"


def period(code: str) -> str:
    """An indicators period (`2026-11`, `2026-Q4`, `2026`): "tháng mười một năm …",
    "quý bốn năm …", "năm …"."""
    year_part, _, rest = code.partition("-")
    spoken_year = year(int(year_part))
    if not rest:
        return spoken_year
    if rest.upper().startswith("Q"):
        return f"quý {number(int(rest[1:]))} {spoken_year}"
    return f"{month(int(rest))} {spoken_year}"


_SAID_AS: Final = {"KH&CN": "khoa học và công nghệ", "B2B": "bi-tu-bi", "&": " và "}
"""Abbreviations of the exchange's titles, as said on air (before digits are read)."""


def for_reading(text: str) -> str:
    """Free text (a title, a name) as a presenter reads it: abbreviations spelt out, each run
    of digits read as a number: "Techmart KH&CN 2027" → "Techmart khoa học và công nghệ hai
    nghìn không trăm hai mươi bảy"."""
    for written, said in _SAID_AS.items():
        text = text.replace(written, said)
    return _DIGIT_RUN.sub(lambda run: number(int(run.group())), " ".join(text.split()))
