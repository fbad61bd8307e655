"""How the engine's proposals fared with the people they were sent to: a pure tally of match events.

Interest, declines (with their reason codes), acceptances and the broker's own proposals are the
exchange's labels: an engine proposal that one side found interesting was worth sending, one both
sides declined was not, and a pair the broker proposed by hand is one the engine missed. Counted
per month of proposal (Asia/Ho_Chi_Minh) and per engine version, so the Department sees how the
precision of proposals moves over time and across engine releases.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import BaseModel, Field

from shared.clock import PROVINCE_ZONE
from shared.events.base import Event
from shared.events.matches import (
    MatchAccepted,
    MatchDeclined,
    MatchExpired,
    MatchInterestExpressed,
    MatchProposed,
    MatchRetracted,
)


@dataclass
class _Pair:
    month: str
    proposed_by: str
    engine_version: str
    score: float
    interested: bool = False
    accepted: bool = False
    declines: list[str] = field(default_factory=list)
    outcome: str = "open"


class ProposalRow(BaseModel):
    """One month × proposer × engine version."""

    month: str = Field(description="Month the proposals were made, YYYY-MM (Vietnam time).")
    proposed_by: str = Field(description="`engine` or `broker`.")
    engine_version: str
    proposed: int
    answered: int = Field(description="Proposals at least one side answered.")
    interested: int = Field(description="Proposals at least one side was interested in.")
    accepted: int = Field(description="Both sides interested: an introduction opened.")
    declined_by_both: int
    expired: int
    retracted: int
    precision: float | None = Field(
        description="interested / answered: the share of answered proposals worth sending."
    )
    mean_score: float
    decline_reasons: dict[str, int] = Field(description="Reason code → declines.")


class ProposalReport(BaseModel):
    rows: list[ProposalRow]
    events: int = Field(description="Match events read.")


def tally(events: Iterable[tuple[Event, datetime]]) -> ProposalReport:
    """The report of match events (each with its CloudEvents time), in topic order."""
    pairs: dict[str, _Pair] = {}
    count = 0
    for event, moment in events:
        count += 1
        if isinstance(event, MatchProposed):
            pairs.setdefault(
                event.match_id,
                _Pair(
                    month=moment.astimezone(PROVINCE_ZONE).strftime("%Y-%m"),
                    proposed_by=str(event.proposed_by),
                    engine_version=event.engine_version,
                    score=event.score,
                ),
            )
            continue
        pair = pairs.get(getattr(event, "match_id", ""))
        if pair is None:
            continue  # its proposal is older than the topic's retention
        if isinstance(event, MatchInterestExpressed):
            pair.interested = True
        elif isinstance(event, MatchAccepted):
            pair.interested = pair.accepted = True
        elif isinstance(event, MatchDeclined):
            pair.declines.append(str(event.reason))
        elif isinstance(event, MatchExpired):
            pair.outcome = "expired"
        elif isinstance(event, MatchRetracted):
            pair.outcome = "retracted"
    return ProposalReport(rows=_rows(pairs.values()), events=count)


def _rows(pairs: Iterable[_Pair]) -> list[ProposalRow]:
    groups: dict[tuple[str, str, str], list[_Pair]] = {}
    for pair in pairs:
        groups.setdefault((pair.month, pair.proposed_by, pair.engine_version), []).append(pair)
    rows = []
    for (month, proposed_by, version), members in sorted(groups.items()):
        answered = [p for p in members if p.interested or p.declines]
        interested = sum(1 for p in answered if p.interested)
        reasons = Counter(reason for p in members for reason in p.declines)
        rows.append(
            ProposalRow(
                month=month,
                proposed_by=proposed_by,
                engine_version=version,
                proposed=len(members),
                answered=len(answered),
                interested=interested,
                accepted=sum(1 for p in members if p.accepted),
                declined_by_both=sum(1 for p in members if len(p.declines) >= 2),
                expired=sum(1 for p in members if p.outcome == "expired"),
                retracted=sum(1 for p in members if p.outcome == "retracted"),
                precision=round(interested / len(answered), 3) if answered else None,
                mean_score=round(sum(p.score for p in members) / len(members), 3),
                decline_reasons=dict(sorted(reasons.items())),
            )
        )
    return rows
