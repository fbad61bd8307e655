"""Award programmes ("tôn vinh") and their published results, as the pages show them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.portal.domain import formatting, labels


@dataclass(frozen=True)
class ProgrammeView:
    programme_id: str
    year: int
    title: str
    state_label: str
    nominations: str
    """When nominations are accepted, in the province's days."""
    categories: tuple[str, ...]

    @property
    def url(self) -> str:
        return f"/ton-vinh/{self.programme_id}"


@dataclass(frozen=True)
class LaureateView:
    name: str
    category: str
    level: str
    citation: str
    certificate_url: str


def programme_view(raw: Mapping[str, Any]) -> ProgrammeView:
    opens = formatting.local_day(datetime.fromisoformat(raw["nominations_open_at"]))
    closes = formatting.local_day(datetime.fromisoformat(raw["nominations_close_at"]))
    return ProgrammeView(
        programme_id=str(raw["programme_id"]),
        year=int(raw.get("year", 0)),
        title=str(raw.get("title", "")),
        state_label=labels.label(labels.PROGRAMME_STATES, raw.get("status")),
        nominations=f"{opens} – {closes}",
        categories=tuple(str(c.get("name", "")) for c in raw.get("categories") or ()),
    )


def laureates(results: Mapping[str, Any], programme: Mapping[str, Any]) -> list[LaureateView]:
    names = {
        str(c["category_id"]): str(c.get("name", "")) for c in programme.get("categories") or ()
    }
    return [
        LaureateView(
            name=str(award["nominee"]["name"]),
            category=names.get(str(award["category_id"]), str(award["category_id"])),
            level=labels.label(labels.AWARD_LEVELS, award.get("level")),
            citation=str(award.get("citation", "")),
            certificate_url=f"/chung-nhan/{award['nomination_id']}.pdf",
        )
        for award in results.get("awards") or ()
    ]
