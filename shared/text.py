"""Vietnamese text at the edges: NFC normalisation and diacritic folding (DESIGN.md §4a)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})
_WORD = re.compile(r"\w+", re.UNICODE)


def nfc(text: str) -> str:
    """The composed (NFC) form: the same word typed on any keyboard compares equal."""
    return unicodedata.normalize("NFC", text)


def nfc_deep(value: Any) -> Any:
    """NFC-normalise every string inside decoded JSON (dict keys included)."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {nfc_deep(k): nfc_deep(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc_deep(v) for v in value]
    return value


def fold(text: str) -> str:
    """Lower-case and strip diacritics, for a *second* search field only.

    `đ` has no canonical decomposition, so it is mapped to `d` explicitly.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_STROKE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()


def syllables(text: str) -> list[str]:
    """Vietnamese is written one syllable per word: split on anything that is not a word char."""
    return _WORD.findall(nfc(text).casefold())


def folded_syllables(text: str) -> list[str]:
    return [fold(s) for s in syllables(text)]
