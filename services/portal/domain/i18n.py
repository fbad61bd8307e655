"""The public pages in English: the visitor's language, and the English words of the chrome.

Vietnamese is the default and the source: a page's text and the view models' labels are written
in Vietnamese, and `translate` gives their English when the visitor chose it. A text with no
English entry is shown as written, so a label added later stays readable rather than failing.
Dates, VND amounts and readiness levels the view models formatted the Vietnamese way are
rewritten the English way (`03/12/2026` → `3 Dec 2026`, `1.200.000.000 ₫` → `1,200,000,000 VND`):
the day is already the province's (Asia/Ho_Chi_Minh), only its writing changes.
A word with two senses in English (a state "Tạm dừng" is "Paused", the button "Pause") has an
entry keyed `"Tạm dừng|button"` for the sense a template names (`_("Tạm dừng", "button")`).
A catalogue entry may hold `{name}` placeholders (a count, a limit, an organisation's name, a
refusal worded elsewhere): a text the portal made from it is recognised, and what filled each
placeholder is translated in turn, so "Chưa hủy được đăng ký: {words}" keeps its English whole.
"""

from __future__ import annotations

import re
from typing import Final

from services.portal.domain.english import ENGLISH

LANGUAGES: Final = ("vi", "en")
DEFAULT: Final = "vi"
MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_DAY = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")
_VND = re.compile(r"(\d{1,3}(?:\.\d{3})*) ₫")
_AT_LEAST_TRL = re.compile(r"^TRL từ (\d)$")
_OCOP_STARS = re.compile(r"\(OCOP (\d) sao\)")
_RANGE_WORDS: Final = (("từ ", "from "), ("đến ", "up to "))
_PARTS = (" · ", "; ")
"""How the view models join labels: each part is translated on its own."""
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_NUMBERS: Final = frozenset(
    {"count", "days", "limit", "table", "weight", "level", "required", "percent"}
)
"""Placeholders a number fills: only a number matches them, so "{count} tổ chức." is no pattern
for any sentence that ends the same way."""
_AS_WRITTEN: Final = frozenset({"name", "nominee", "title", "terms"})
"""Placeholders an owner's words fill (an organisation's name, an event's title): as written."""


def language(chosen: str | None) -> str:
    """The language a cookie names, or Vietnamese for anything else (absent, forged, unknown)."""
    return chosen if chosen in LANGUAGES else DEFAULT


def translate(lang: str, text: str, sense: str = "") -> str:
    """`text` (Vietnamese) in `lang`: the catalogue's English (in that `sense`, when it has
    one), else with English dates and money."""
    if lang != "en" or not text:
        return text
    if sense and f"{text}|{sense}" in ENGLISH:
        return ENGLISH[f"{text}|{sense}"]
    if text in ENGLISH:
        return ENGLISH[text]
    filled = _filled_in(lang, text)
    if filled is not None:
        return filled
    for joint in _PARTS:
        if joint in text:
            return joint.join(translate(lang, part) for part in text.split(joint))
    return _english_formats(text)


def _patterns(catalogue: dict[str, str]) -> list[tuple[re.Pattern[str], str]]:
    """The entries with placeholders, each as a pattern of its Vietnamese and its English."""
    found = []
    for vietnamese, english in catalogue.items():
        pieces = _PLACEHOLDER.split(vietnamese)
        if len(pieces) == 1:
            continue
        pattern = "".join(
            _group(piece) if n % 2 else re.escape(piece) for n, piece in enumerate(pieces)
        )
        found.append((re.compile(pattern, re.DOTALL), english))
    return found


def _group(name: str) -> str:
    return f"(?P<{name}>-?\\d[\\d.,]*)" if name in _NUMBERS else f"(?P<{name}>.+?)"


_FILLED: Final = _patterns(ENGLISH)


def _filled_in(lang: str, text: str) -> str | None:
    """The English of a text made from an entry with placeholders, else None."""
    for pattern, english in _FILLED:
        match = pattern.fullmatch(text)
        if match is not None:
            values = {
                name: value if name in _AS_WRITTEN else translate(lang, value)
                for name, value in match.groupdict().items()
            }
            return english.format(**values)
    return None


def _english_formats(text: str) -> str:
    text = _DAY.sub(_english_day, text)
    text = _VND.sub(lambda m: m.group(1).replace(".", ",") + " VND", text)
    text = _AT_LEAST_TRL.sub(r"TRL \1 or higher", text)
    text = _OCOP_STARS.sub(r"(OCOP \1 stars)", text)
    text = text.replace(" (thỏa thuận)", " (negotiable)")
    for vietnamese, english in _RANGE_WORDS:
        if text.startswith(vietnamese) and text.endswith(" VND"):
            text = english + text.removeprefix(vietnamese)
    return text


def _english_day(match: re.Match[str]) -> str:
    day, month, year = match.groups()
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}"
