"""Closing rounds, deciding within quotas, and publishing the results once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.awards.domain.decisions import Outcome
from services.awards.domain.errors import RuleViolationError, StateConflictError
from services.awards.domain.nomination import Nomination, NominationStatus
from services.awards.domain.programme import Programme, ProgrammeStatus
from services.awards.domain.scoring import Ranked
from services.awards.domain.stages import close_round, close_window, publish_results
from shared.events.awards import AwardLevel, RejectionStage, ReviewRoundClosed
from shared.events.base import Event
from shared.events.nominations import AwardGranted, NominationAdvanced, NominationRejected
from tests.unit.awards.builders import (
    CLOSES,
    ENTERPRISE_CATEGORY,
    HTX_SAM,
    decision,
    enterprise_category,
    nominate,
    open_programme,
)

ANNOUNCED = CLOSES + timedelta(days=45)


def in_review(count: int) -> tuple[Programme, list[Nomination]]:
    programme = open_programme()
    nominees = [HTX_SAM.model_copy(update={"organization_id": f"org_{i}"}) for i in range(count)]
    nominations = [nominate(programme, n, nomination_id=f"nom_{i}") for i, n in enumerate(nominees)]
    close_window(programme, nominations, CLOSES, by_hand=True)
    return programme, nominations


def ranking(nominations: list[Nomination]) -> list[Ranked]:
    return [
        Ranked(rank=i, nomination_id=n.nomination_id, total=10.0 - i, reviewers=3)
        for i, n in enumerate(nominations, start=1)
    ]


def close(
    programme: Programme, round_id: str, nominations: list[Nomination], advance: int | None = None
) -> list[Event]:
    by_id = {n.nomination_id: n for n in nominations}
    return close_round(
        programme, ENTERPRISE_CATEGORY, round_id, ranking(nominations), by_id, advance
    )


def finalists(count: int) -> tuple[Programme, list[Nomination]]:
    programme, nominations = in_review(count)
    close(programme, "so-tuyen", nominations, advance=count)
    close(programme, "chung-khao", nominations, advance=count)
    return programme, nominations


def test_closing_a_round_advances_the_top_n_and_stops_the_others() -> None:
    programme, nominations = in_review(3)

    events = close(programme, "so-tuyen", nominations)  # the round advances 2 by default

    advanced = [e for e in events if isinstance(e, NominationAdvanced)]
    [stopped] = [e for e in events if isinstance(e, NominationRejected)]
    [closed] = [e for e in events if isinstance(e, ReviewRoundClosed)]
    assert [(e.nomination_id, e.next_round_id) for e in advanced] == [
        ("nom_0", "chung-khao"),
        ("nom_1", "chung-khao"),
    ]
    assert (stopped.nomination_id, stopped.stage, stopped.round_id) == (
        "nom_2",
        RejectionStage.REVIEW,
        "so-tuyen",
    )
    assert (closed.advanced, closed.not_advanced, closed.final) == (2, 1, False)
    assert programme.current_round(ENTERPRISE_CATEGORY).round_id == "chung-khao"  # type: ignore[union-attr]


def test_rounds_close_in_order() -> None:
    programme, nominations = in_review(2)

    with pytest.raises(StateConflictError, match="current: so-tuyen"):
        close(programme, "chung-khao", nominations)


def test_the_last_round_sends_its_top_n_to_the_decision() -> None:
    programme, nominations = finalists(2)

    assert {n.status for n in nominations} == {NominationStatus.FINALIST}
    assert programme.review_finished()


def test_an_admin_decides_within_the_category_quota() -> None:
    _, nominations = finalists(3)
    category = enterprise_category(quota=2)
    nominations[0].decide(category, decision(), [])
    nominations[1].decide(category, decision(), [("nom_0", Outcome.AWARDED)])

    with pytest.raises(RuleViolationError) as refused:
        nominations[2].decide(
            category, decision(), [("nom_0", Outcome.AWARDED), ("nom_1", Outcome.AWARDED)]
        )

    assert refused.value.code == "quota-exceeded"
    assert "already decided: nom_0, nom_1" in refused.value.message


def test_changing_a_decision_does_not_count_it_twice_against_the_quota() -> None:
    _, nominations = finalists(1)
    category = enterprise_category(quota=1)

    nominations[0].decide(category, decision(), [("nom_0", Outcome.AWARDED)])

    assert nominations[0].decision is not None


def test_merits_have_their_own_quota() -> None:
    _, nominations = finalists(2)
    category = enterprise_category(quota=0, merit_quota=1)

    nominations[0].decide(category, decision(Outcome.MERIT), [])
    with pytest.raises(RuleViolationError, match="at most 0 × awarded"):
        nominations[1].decide(category, decision(Outcome.AWARDED), [("nom_0", Outcome.MERIT)])


def test_an_award_needs_a_citation() -> None:
    _, nominations = finalists(1)

    with pytest.raises(RuleViolationError, match="citation"):
        nominations[0].decide(enterprise_category(), decision(citation=None), [])


def test_only_finalists_are_decided() -> None:
    _, nominations = in_review(1)

    with pytest.raises(
        StateConflictError, match="only nominations that passed the last review round"
    ):
        nominations[0].decide(enterprise_category(), decision(), [])


def test_results_are_not_announced_while_a_finalist_is_undecided() -> None:
    programme, nominations = finalists(2)
    nominations[0].decide(enterprise_category(), decision(), [])

    with pytest.raises(StateConflictError, match="undecided: nom_1"):
        publish_results(programme, nominations, ANNOUNCED)


def test_publishing_grants_the_awards_and_announces_the_others_as_not_awarded() -> None:
    programme, nominations = finalists(3)
    category = enterprise_category()
    nominations[0].decide(category, decision(citation="Dẫn đầu về chuyển giao công nghệ."), [])
    nominations[1].decide(category, decision(Outcome.MERIT), [])
    nominations[2].decide(category, decision(Outcome.NOT_AWARDED, citation=None), [])

    award, merit, not_awarded = publish_results(programme, nominations, ANNOUNCED)

    assert isinstance(award, AwardGranted)
    assert (award.level, award.citation) == (AwardLevel.AWARD, "Dẫn đầu về chuyển giao công nghệ.")
    assert award.nominee_name == "Hợp tác xã Sâm Ngọc Linh Tu Mơ Rông"
    assert award.nominator_organization_id == "org_hiep_hoi_dn_quang_ngai"
    assert isinstance(merit, AwardGranted)
    assert merit.level is AwardLevel.MERIT
    assert isinstance(not_awarded, NominationRejected)
    assert not_awarded.stage is RejectionStage.DECISION
    assert programme.status is ProgrammeStatus.PUBLISHED
    assert [n.status for n in nominations] == [
        NominationStatus.AWARDED,
        NominationStatus.MERIT,
        NominationStatus.NOT_AWARDED,
    ]


def test_the_announcement_can_be_scheduled_and_becomes_due_at_its_time() -> None:
    programme, _ = finalists(1)

    programme.schedule_results(ANNOUNCED, now=CLOSES)

    assert not programme.due_to_publish(ANNOUNCED - timedelta(seconds=1))
    assert programme.due_to_publish(ANNOUNCED)


def test_results_cannot_be_scheduled_before_every_round_is_closed() -> None:
    programme, _ = in_review(1)

    with pytest.raises(StateConflictError, match="Every review round"):
        programme.schedule_results(None, now=CLOSES)


def test_decisions_freeze_once_the_announcement_is_scheduled() -> None:
    programme, _ = finalists(1)
    programme.schedule_results(ANNOUNCED, now=CLOSES)

    with pytest.raises(StateConflictError, match="before results are announced"):
        programme.ensure_deciding()


def test_a_second_publication_grants_nothing_more() -> None:
    programme, nominations = finalists(1)
    nominations[0].decide(enterprise_category(), decision(), [])
    publish_results(programme, nominations, ANNOUNCED)

    assert nominations[0].publish_decision(programme, ANNOUNCED) == []
    assert not programme.due_to_publish(ANNOUNCED)
