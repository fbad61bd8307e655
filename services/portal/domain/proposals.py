"""Proposals and introductions as an organisation sees them: its own listing, the other side's,
why the exchange proposed them, and what is left for it to do."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.portal.domain import formatting, labels

WAITING = "proposed"


@dataclass(frozen=True)
class ProposalView:
    match_id: str
    mine_id: str
    other_id: str
    mine_is_offer: bool
    why: str
    shared_terms: tuple[str, ...]
    state_label: str
    my_answer: str
    waiting_for_other: bool
    can_answer: bool
    proposed_on: str


def other_listing_id(raw: Mapping[str, Any], organization_id: str) -> str:
    """The listing of the other party (the one to show by its public page)."""
    mine_is_offer = raw.get("offer_owner_organization_id") == organization_id
    return str(raw["demand_id"] if mine_is_offer else raw["offer_id"])


def proposal_view(raw: Mapping[str, Any], organization_id: str) -> ProposalView:
    mine_is_offer = raw.get("offer_owner_organization_id") == organization_id
    mine, other = ("offer", "demand") if mine_is_offer else ("demand", "offer")
    answer = raw.get(f"{mine}_answer")
    explanation = raw.get("explanation") or {}
    state = str(raw.get("status", ""))
    return ProposalView(
        match_id=str(raw["match_id"]),
        mine_id=str(raw[f"{mine}_id"]),
        other_id=str(raw[f"{other}_id"]),
        mine_is_offer=mine_is_offer,
        why=str(explanation.get("sentence_vi", "")),
        shared_terms=tuple(str(t) for t in explanation.get("shared_terms") or ()),
        state_label=labels.label(labels.MATCH_STATES, state),
        my_answer=_answer_words(answer),
        waiting_for_other=state == WAITING
        and answer is not None
        and raw.get(f"{other}_answer") is None,
        can_answer=state == WAITING and answer is None,
        proposed_on=_day(raw.get("proposed_at")),
    )


def _answer_words(answer: Mapping[str, Any] | None) -> str:
    if answer is None:
        return ""
    if answer.get("interested"):
        return "Quan tâm"
    return "Không quan tâm: " + labels.label(labels.DECLINE_REASONS, answer.get("reason"))


def answer_body(form: Mapping[str, str]) -> dict[str, Any]:
    """`interested` as the button said; a decline carries the chosen reason (the API refuses a
    decline without one, naming the field)."""
    interested = form.get("interested") == "yes"
    body: dict[str, Any] = {"interested": interested, "comment": form.get("comment", "").strip()}
    if not interested and form.get("reason"):
        body["reason"] = form["reason"]
    return body


@dataclass(frozen=True)
class Milestone:
    label: str
    on: str


@dataclass(frozen=True)
class IntroductionView:
    introduction_id: str
    offer_id: str
    demand_id: str
    stage_label: str
    next_step: str
    history: tuple[Milestone, ...]
    waiting_claim: bool


def introduction_view(raw: Mapping[str, Any]) -> IntroductionView:
    parties = raw.get("parties") or {}
    stage = str(raw.get("stage", ""))
    history = tuple(
        Milestone(labels.label(labels.STAGES, m.get("stage")), _day(m.get("recorded_at")))
        for m in raw.get("history") or ()
    )
    return IntroductionView(
        introduction_id=str(raw["introduction_id"]),
        offer_id=str(parties.get("offer_id", "")),
        demand_id=str(parties.get("demand_id", "")),
        stage_label=labels.label(labels.STAGES, stage),
        next_step=labels.NEXT_STEPS.get(stage, ""),
        history=history,
        waiting_claim=raw.get("claim") is not None,
    )


def _day(value: Any) -> str:
    return formatting.local_day(datetime.fromisoformat(str(value)) if value else None)
