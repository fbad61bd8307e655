"""The broker's pipeline board: every proposal waiting for an answer and every open
introduction, in a column per stage, the longest idle first; a card idle for longer than
`STALLED_AFTER` is flagged so the broker calls the parties."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from services.portal.domain import labels

STALLED_AFTER = timedelta(days=21)
"""Three weeks without a step: the Department's follow-up rhythm for an introduction."""
WAITING = "proposed"
OPEN_STAGES = ("opened", "meeting_held", "mou_signed", "contract_signed", "contract_registered")
CARDS_PER_COLUMN = 30


@dataclass(frozen=True)
class Card:
    offer_id: str
    demand_id: str
    idle_days: int
    stalled: bool
    claim_waiting: bool = False


@dataclass(frozen=True)
class Column:
    title: str
    cards: tuple[Card, ...]
    total: int
    stalled: int


def _card(offer_id: str, demand_id: str, since: datetime, now: datetime, claim: bool) -> Card:
    idle = now - since
    return Card(offer_id, demand_id, max(0, idle.days), idle > STALLED_AFTER, claim)


def _column(title: str, cards: list[Card]) -> Column:
    cards.sort(key=lambda c: (-c.idle_days, c.offer_id, c.demand_id))
    stalled = sum(1 for c in cards if c.stalled)
    return Column(title, tuple(cards[:CARDS_PER_COLUMN]), len(cards), stalled)


def board(
    matches: Sequence[Mapping[str, Any]], introductions: Sequence[Mapping[str, Any]], now: datetime
) -> list[Column]:
    waiting = [
        _card(str(m["offer_id"]), str(m["demand_id"]), _at(m["proposed_at"]), now, False)
        for m in matches
        if m.get("status") == WAITING
    ]
    by_stage: dict[str, list[Card]] = {stage: [] for stage in OPEN_STAGES}
    for i in introductions:
        stage = str(i.get("stage"))
        if stage not in by_stage:
            continue
        history = i.get("history") or ()
        last = max((_at(h["recorded_at"]) for h in history), default=_at(i["opened_at"]))
        parties = i.get("parties") or {}
        by_stage[stage].append(
            _card(str(parties.get("offer_id")), str(parties.get("demand_id")), last, now,
                  i.get("claim") is not None)
        )  # fmt: skip
    columns = [_column("Đề xuất chờ trả lời", waiting)]
    columns += [_column(labels.STAGES[s], cards) for s, cards in by_stage.items()]
    return columns


def _at(value: Any) -> datetime:
    return datetime.fromisoformat(str(value))
