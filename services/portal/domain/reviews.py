"""A reviewer's work as the pages show it: the nominations to score, and one file with its
scoring form (each criterion 0–10, with the reviewer's comment)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

SCORES = tuple(range(11))


@dataclass(frozen=True)
class Criterion:
    code: str
    name: str
    weight: int
    name_en: str = ""
    """The programme's own English name of the criterion, when it gave one."""

    def name_in(self, lang: str) -> str:
        """The programme's words: its English name for an English page, when it has one."""
        return self.name_en if lang == "en" and self.name_en else self.name


@dataclass(frozen=True)
class QueueEntry:
    nomination_id: str
    nominee: str
    category: str


@dataclass(frozen=True)
class ReviewFile:
    nomination_id: str
    nominee: str
    category: str
    narrative: str
    links: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    scores: dict[str, int]
    comments: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)


def categories_of(programme: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {str(c["category_id"]): c for c in programme.get("categories") or ()}


def queue_entry(raw: Mapping[str, Any], programme: Mapping[str, Any]) -> QueueEntry:
    category = categories_of(programme).get(str(raw.get("category_id")), {})
    return QueueEntry(
        nomination_id=str(raw["nomination_id"]),
        nominee=str((raw.get("nominee") or {}).get("name", "")),
        category=str(category.get("name", raw.get("category_id", ""))),
    )


def review_file(raw: Mapping[str, Any], programme: Mapping[str, Any]) -> ReviewFile:
    category = categories_of(programme).get(str(raw.get("category_id")), {})
    card = raw.get("my_scorecard") or {}
    return ReviewFile(
        nomination_id=str(raw["nomination_id"]),
        nominee=str((raw.get("nominee") or {}).get("name", "")),
        category=str(category.get("name", raw.get("category_id", ""))),
        narrative=str(raw.get("narrative", "")),
        links=tuple(str(link) for link in raw.get("links") or ()),
        criteria=tuple(_criterion(c) for c in category.get("criteria") or ()),
        scores={str(k): int(v) for k, v in (card.get("scores") or {}).items()},
        comments={str(k): str(v) for k, v in (card.get("comments") or {}).items()},
    )


def _criterion(raw: Mapping[str, Any]) -> Criterion:
    code = str(raw["code"])
    name, name_en = str(raw.get("name", code)), str(raw.get("name_en") or "")
    return Criterion(code, name, int(raw.get("weight", 0)), name_en)


def scorecard_body(form: Mapping[str, str], criteria: tuple[Criterion, ...]) -> dict[str, Any]:
    """Each criterion's score (a number, or as typed for the API to name) and comment."""
    scores: dict[str, Any] = {}
    comments: dict[str, str] = {}
    for criterion in criteria:
        value = form.get(f"score-{criterion.code}", "").strip()
        if value:
            scores[criterion.code] = int(value) if value.isdigit() else value
        comment = form.get(f"comment-{criterion.code}", "").strip()
        if comment:
            comments[criterion.code] = comment
    return {"scores": scores, "comments": comments}
