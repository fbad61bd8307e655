"""Topic terms of a listing: the topics of `vocabulary.TOPICS` its phrases name.

Each topic becomes one extra term (`topic_drying`) of the listing, on both sides of the market,
so "máy sấy nông sản mini" and "sấy bơm nhiệt cho trái cây" share `topic_drying` and
`topic_machinery` although they share few words. Topic terms are weighed by rarity like any
other term: a topic most listings name (`topic_machinery`) counts little.
"""

from __future__ import annotations

from collections.abc import Iterable

from services.matching.engine.syllables import fold_syllable, runs
from services.matching.engine.vocabulary import TOPICS

TOPIC_PREFIX = "topic_"
"""Starts every topic term; no Vietnamese or English word does."""


def _phrase_tables() -> tuple[dict[tuple[str, ...], set[str]], dict[tuple[str, ...], set[str]]]:
    exact: dict[tuple[str, ...], set[str]] = {}
    folded: dict[tuple[str, ...], set[str]] = {}
    for topic, phrases in TOPICS.items():
        for phrase in phrases:
            found = runs(phrase)
            if len(found) != 1:
                raise ValueError(f"topic phrase {phrase!r} is not one run of content syllables")
            (syllables,) = found
            exact.setdefault(tuple(syllables), set()).add(TOPIC_PREFIX + topic)
            if len(syllables) > 1:
                key = tuple(fold_syllable(s) for s in syllables)
                folded.setdefault(key, set()).add(TOPIC_PREFIX + topic)
    return exact, folded


_EXACT, _FOLDED = _phrase_tables()
_LONGEST = max(len(phrase) for phrase in (*_EXACT, *_FOLDED))


def topic_terms(text_runs: Iterable[tuple[list[str], list[str]]]) -> list[str]:
    """Sorted topic terms named in runs of (syllables as written, folded syllables)."""
    found: set[str] = set()
    for exact, folded in text_runs:
        for start in range(len(exact)):
            for end in range(start + 1, min(len(exact), start + _LONGEST) + 1):
                found |= _EXACT.get(tuple(exact[start:end]), set())
                if end - start > 1:
                    found |= _FOLDED.get(tuple(folded[start:end]), set())
    return sorted(found)
