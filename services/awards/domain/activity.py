"""A nominee's market activity: facts taken from other services' events, summed per period.

Evidence comes from events, not claims: each fact is one side of one public market fact (an
offer published, a contract signed...). A fact's `organization_id` may be unknown for a while
when it concerns an anonymous demand; it is filled once the owner of `listing_id` is known.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from shared.events.nominations import ActivityEvidence


class FactKind(StrEnum):
    OFFER_PUBLISHED = "offer_published"
    DEMAND_PUBLISHED = "demand_published"
    MATCH_ACCEPTED = "match_accepted"
    INTRODUCTION_OPENED = "introduction_opened"
    MOU_SIGNED = "mou_signed"
    CONTRACT_SIGNED = "contract_signed"
    CONTRACT_REGISTERED = "contract_registered"
    DEAL_CLOSED = "deal_closed"
    CONNECTION_EVENT_ATTENDED = "connection_event_attended"


class Side(StrEnum):
    OWNER = "owner"
    SUPPLIER = "supplier"
    SEEKER = "seeker"
    ATTENDEE = "attendee"


class ActivityFact(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: FactKind
    ref: str
    """The listing, match, introduction or connection event the fact is about."""
    side: Side
    organization_id: str | None
    listing_id: str | None = None
    """The listing this side owns: how an anonymous demand's owner is found later."""
    on: date
    value_vnd: int = 0
    state_funded: bool = False

    @property
    def fact_id(self) -> str:
        """One fact per kind, subject and side: a replayed or repeated event changes nothing."""
        return f"{self.kind}:{self.ref}:{self.side}"


class Measure(StrEnum):
    """What an eligibility rule can count (the names of `ActivitySnapshot`'s counters)."""

    OFFERS_PUBLISHED = "offers_published"
    DEMANDS_PUBLISHED = "demands_published"
    MATCHES_ACCEPTED = "matches_accepted"
    INTRODUCTIONS_OPENED = "introductions_opened"
    MOUS_SIGNED = "mous_signed"
    CONTRACTS_SIGNED = "contracts_signed"
    CONTRACTS_REGISTERED = "contracts_registered"
    DEALS_CLOSED = "deals_closed"
    STATE_FUNDED_RESULTS_TRANSFERRED = "state_funded_results_transferred"
    CONNECTION_EVENTS_ATTENDED = "connection_events_attended"


class ValueMeasure(StrEnum):
    CONTRACT_VALUE_VND = "contract_value_vnd"
    DEAL_VALUE_VND = "deal_value_vnd"


_COUNTED: dict[FactKind, Measure] = {
    FactKind.OFFER_PUBLISHED: Measure.OFFERS_PUBLISHED,
    FactKind.DEMAND_PUBLISHED: Measure.DEMANDS_PUBLISHED,
    FactKind.MATCH_ACCEPTED: Measure.MATCHES_ACCEPTED,
    FactKind.INTRODUCTION_OPENED: Measure.INTRODUCTIONS_OPENED,
    FactKind.MOU_SIGNED: Measure.MOUS_SIGNED,
    FactKind.CONTRACT_SIGNED: Measure.CONTRACTS_SIGNED,
    FactKind.CONTRACT_REGISTERED: Measure.CONTRACTS_REGISTERED,
    FactKind.DEAL_CLOSED: Measure.DEALS_CLOSED,
    FactKind.CONNECTION_EVENT_ATTENDED: Measure.CONNECTION_EVENTS_ATTENDED,
}
_VALUED: dict[FactKind, ValueMeasure] = {
    FactKind.CONTRACT_SIGNED: ValueMeasure.CONTRACT_VALUE_VND,
    FactKind.DEAL_CLOSED: ValueMeasure.DEAL_VALUE_VND,
}


class ActivitySnapshot(ActivityEvidence):
    """The evidence attached to a nomination: counters over the programme period."""

    model_config = ConfigDict(frozen=True)

    period_start: date
    period_end: date

    def count(self, measure: Measure | ValueMeasure) -> int:
        value: int = getattr(self, measure.value)
        return value

    def evidence(self) -> ActivityEvidence:
        return ActivityEvidence.model_validate(
            self.model_dump(exclude={"period_start", "period_end"})
        )


def summarise(
    facts: Iterable[ActivityFact], period_start: date, period_end: date
) -> ActivitySnapshot:
    """Sum the facts dated within the period (both ends included)."""
    totals = {measure.value: 0 for measure in (*Measure, *ValueMeasure)}
    for fact in facts:
        if not period_start <= fact.on <= period_end:
            continue
        for measure, amount in _contributions(fact):
            totals[measure] += amount
    return ActivitySnapshot(period_start=period_start, period_end=period_end, **totals)


def _contributions(fact: ActivityFact) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = [(_COUNTED[fact.kind].value, 1)]
    if fact.kind in _VALUED:
        found.append((_VALUED[fact.kind].value, fact.value_vnd))
    # A state-funded result counts as transferred for its owner once a contract is signed.
    if fact.kind is FactKind.CONTRACT_SIGNED and fact.state_funded and fact.side is Side.SUPPLIER:
        found.append((Measure.STATE_FUNDED_RESULTS_TRANSFERRED.value, 1))
    return found
