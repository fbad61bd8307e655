"""The programme-wide steps: submitting, closing the window, closing a round, publishing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from services.awards.domain.activity import ActivitySnapshot
from services.awards.domain.eligibility import Nominee, evaluate
from services.awards.domain.errors import ForbiddenError, StateConflictError
from services.awards.domain.nomination import Nomination, NominationStatus, Nominator
from services.awards.domain.programme import Programme
from services.awards.domain.scoring import Ranked
from shared.events.awards import AwardProgrammeClosed, NominatorKind, ReviewRoundClosed
from shared.events.base import Event
from shared.events.nominations import NominationSubmitted
from shared.events.vocabulary import OrganizationKind


def nominator_kind(nominator: Nominator, nominee: Nominee) -> NominatorKind:
    """Associations, state agencies, or the nominee itself nominate (issue 7)."""
    if nominator.organization_id == nominee.organization_id:
        return NominatorKind.SELF
    if nominator.kind is OrganizationKind.ASSOCIATION:
        return NominatorKind.ASSOCIATION
    if nominator.kind is OrganizationKind.AGENCY:
        return NominatorKind.AGENCY
    raise ForbiddenError(
        "nominator-not-allowed",
        "Nominations come from an association, a state agency or the nominee itself; the "
        f"nominating organisation is of kind {nominator.kind}.",
    )


def submit(
    *,
    nomination_id: str,
    programme: Programme,
    category_id: str,
    nominee: Nominee,
    nominator: Nominator,
    submitted_by: str,
    narrative: str,
    links: Sequence[str],
    snapshot: ActivitySnapshot,
    now: datetime,
) -> tuple[Nomination, list[Event]]:
    programme.ensure_accepting_nominations(now)
    category = programme.category(category_id)
    nomination = Nomination(
        nomination_id=nomination_id,
        programme_id=programme.programme_id,
        category_id=category.category_id,
        nominee=nominee,
        nominator_organization_id=nominator.organization_id,
        nominator_kind=nominator_kind(nominator, nominee),
        submitted_by=submitted_by,
        narrative=narrative,
        links=list(links),
        submitted_at=now,
        snapshot=snapshot,
        eligibility=evaluate(category.eligibility, nominee, snapshot),
    )
    submitted = NominationSubmitted(
        **nomination.ids(),
        nominee_name=nominee.name,
        nominator_organization_id=nominator.organization_id,
        nominator_kind=nomination.nominator_kind,
    )
    return nomination, [submitted, nomination.eligibility_checked()]


def close_window(
    programme: Programme, nominations: Sequence[Nomination], now: datetime, *, by_hand: bool
) -> list[Event]:
    """The window closes: eligible nominations enter the first round, the others stop here."""
    programme.close_nominations(now)
    standing = [n for n in nominations if n.status is NominationStatus.SUBMITTED]
    moves: list[Event] = []
    for nomination in standing:
        if nomination.eligible:
            moves += nomination.enter_review(programme.rounds[0])
        else:
            moves += nomination.reject_ineligible()
    closed = AwardProgrammeClosed(
        programme_id=programme.programme_id,
        year=programme.year,
        nominations_received=len(standing),
        nominations_in_review=sum(n.status is NominationStatus.IN_REVIEW for n in standing),
        by_hand=by_hand,
    )
    return [closed, *moves]


def close_round(
    programme: Programme,
    category_id: str,
    round_id: str,
    ranking: Sequence[Ranked],
    nominations: Mapping[str, Nomination],
    advance: int | None = None,
) -> list[Event]:
    """Advance the top N of the ranking (the round's default N unless told); the rest stop."""
    review_round, following = programme.close_round(category_id, round_id)
    top = advance or review_round.advance_count
    events: list[Event] = []
    for entry in ranking:
        nomination = nominations[entry.nomination_id]
        if entry.rank <= top:
            events += nomination.advance(review_round, following)
        else:
            events += nomination.stop_at(review_round)
    advanced = min(top, len(ranking))
    closed = ReviewRoundClosed(
        programme_id=programme.programme_id,
        year=programme.year,
        category_id=category_id,
        round_id=round_id,
        round_name=review_round.name,
        advanced=advanced,
        not_advanced=len(ranking) - advanced,
        final=following is None,
    )
    return [*events, closed]


def ensure_decided(finalists: Sequence[Nomination]) -> None:
    undecided = [n.nomination_id for n in finalists if n.decision is None]
    if undecided:
        raise StateConflictError(
            "undecided-nominations",
            "Every finalist needs a decision before results are announced; undecided: "
            f"{', '.join(undecided)}.",
        )


def publish_results(
    programme: Programme, finalists: Sequence[Nomination], now: datetime
) -> list[Event]:
    """Announce every finalist's result at once; nothing is announced while one is undecided."""
    ensure_decided(finalists)
    programme.mark_published(now)
    return [event for n in finalists for event in n.publish_decision(programme, now)]
