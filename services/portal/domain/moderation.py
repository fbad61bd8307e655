"""A listing waiting for a broker, as the moderation page shows it, and the broker's decision
as the API reads it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.portal.domain import formatting, labels


@dataclass(frozen=True)
class QueueEntry:
    listing_id: str
    title: str
    summary: str
    kind_label: str
    sector_label: str
    owner: str
    submitted_on: str
    duplicates: tuple[str, ...]


def queue_entry(raw: Mapping[str, Any]) -> QueueEntry:
    listing = raw["listing"]
    private = listing.get("private") or {}
    submitted = private.get("submitted_at")
    return QueueEntry(
        listing_id=str(listing["listing_id"]),
        title=str(listing.get("title", "")),
        summary=str(listing.get("summary", "")),
        kind_label=labels.label(labels.KINDS, listing.get("kind")),
        sector_label=labels.label(labels.SECTORS, listing.get("sector")),
        owner=str(private.get("owner_name") or listing.get("owner_name") or ""),
        submitted_on=formatting.local_day(datetime.fromisoformat(submitted) if submitted else None),
        duplicates=tuple(str(d.get("title", "")) for d in raw.get("possible_duplicates") or ()),
    )


def score_of(form: Mapping[str, str]) -> dict[str, Any]:
    """The three 0–5 marks as the API reads them (a non-number goes as typed: the API names it)."""
    return {
        axis: int(form[axis]) if form.get(axis, "").isdigit() else form.get(axis, "")
        for axis in labels.SCORE_AXES
    }


def reasons_of(form: Mapping[str, list[str]]) -> list[str]:
    return [reason for reason in form.get("reasons", []) if reason in labels.RETURN_REASONS]
