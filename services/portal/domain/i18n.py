"""The public pages in English: the visitor's language, and the English words of the chrome.

Vietnamese is the default and the source: a page's text and the view models' labels are written
in Vietnamese, and `translate` gives their English when the visitor chose it. A text with no
English entry is shown as written, so a label added later stays readable rather than failing.
Dates, VND amounts and readiness levels the view models formatted the Vietnamese way are
rewritten the English way (`03/12/2026` → `3 Dec 2026`, `1.200.000.000 ₫` → `1,200,000,000 VND`):
the day is already the province's (Asia/Ho_Chi_Minh), only its writing changes.
A word with two senses in English (a state "Tạm dừng" is "Paused", the button "Pause") has an
entry keyed `"Tạm dừng|button"` for the sense a template names (`_("Tạm dừng", "button")`).
A catalogue entry may hold slots (`"Chưa gửi duyệt được: {reason}"`): a text the portal composed
from a fixed lead-in and a part it was given is matched whole, and each part is translated too.
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
_PARTS = " · "
_SLOT = re.compile(r"\\\{(\w+)\\\}")
"""A `{name}` slot of a catalogue entry, as `re.escape` writes it."""


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
    composed = _composed(lang, text)
    if composed is not None:
        return composed
    if _PARTS in text:
        return _PARTS.join(translate(lang, part) for part in text.split(_PARTS))
    return _english_formats(text)


def _slotted(catalogue: dict[str, str]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The entries with slots, each as a pattern matching the whole text it stands for."""
    return tuple(
        (re.compile("^" + _SLOT.sub(r"(?P<\1>.+?)", re.escape(vietnamese)) + "$", re.S), english)
        for vietnamese, english in catalogue.items()
        if "{" in vietnamese
    )


_SLOTTED: Final = _slotted(ENGLISH)


def _composed(lang: str, text: str) -> str | None:
    for pattern, english in _SLOTTED:
        found = pattern.match(text)
        if found:
            parts = {name: translate(lang, part) for name, part in found.groupdict().items()}
            return english.format(**parts)
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
