"""The nomination window: opening and closing by date or by hand, submitting, withdrawing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.awards.domain.errors import ForbiddenError, NotFoundError, StateConflictError
from services.awards.domain.nomination import NominationStatus, Nominator
from services.awards.domain.programme import ProgrammeStatus
from services.awards.domain.stages import close_window, submit
from shared.events.awards import (
    AwardProgrammeClosed,
    AwardProgrammeOpened,
    NominatorKind,
    RejectionStage,
)
from shared.events.nominations import (
    NominationEligibilityChecked,
    NominationRejected,
    NominationSubmitted,
    NominationWithdrawn,
)
from shared.events.vocabulary import OrganizationKind
from tests.unit.awards.builders import (
    CLOSES,
    CONG_TY_CA_PHE,
    DURING_WINDOW,
    ENTERPRISE_CATEGORY,
    HTX_SAM,
    OPENS,
    contract,
    enterprise_category,
    nominate,
    open_programme,
    programme,
    snapshot,
)


def test_a_programme_opens_on_its_date_and_announces_its_categories() -> None:
    draft = programme()
    assert not draft.due_to_open(OPENS - timedelta(minutes=1))
    assert draft.due_to_open(OPENS)

    [opened] = draft.open(OPENS, by_hand=False)

    assert isinstance(opened, AwardProgrammeOpened)
    assert opened.categories[0].name == "Doanh nghiệp tiêu biểu trong đổi mới, ứng dụng công nghệ"
    assert draft.status is ProgrammeStatus.OPEN


def test_a_programme_opens_only_once() -> None:
    with pytest.raises(StateConflictError, match="opens once"):
        open_programme().open(DURING_WINDOW, by_hand=True)


def test_nominations_are_refused_before_the_programme_opens() -> None:
    with pytest.raises(StateConflictError) as refused:
        nominate(programme(), at=OPENS - timedelta(days=1))

    assert refused.value.code == "nomination-window-closed"
    assert "08:00 01/09/2026" in refused.value.message  # local time, Asia/Ho_Chi_Minh


def test_nominations_are_refused_after_the_closing_time_even_before_the_clock_closes_it() -> None:
    with pytest.raises(StateConflictError, match="accepted from"):
        nominate(open_programme(), at=CLOSES)


def test_a_programme_opened_by_hand_accepts_nominations_before_its_announced_date() -> None:
    early = programme()
    early.open(OPENS - timedelta(days=10), by_hand=True)

    assert nominate(early, at=OPENS - timedelta(days=9)).status is NominationStatus.SUBMITTED


def test_a_submission_announces_the_nomination_and_its_eligibility() -> None:
    _, events = submit(
        nomination_id="nom_1",
        programme=open_programme(),
        category_id=ENTERPRISE_CATEGORY,
        nominee=HTX_SAM,
        nominator=Nominator(organization_id=HTX_SAM.organization_id, kind=HTX_SAM.kind),
        submitted_by="htx-sam",
        narrative="Tự đề cử.",
        links=[],
        snapshot=snapshot(),
        now=DURING_WINDOW,
    )

    submitted, checked = events
    assert isinstance(submitted, NominationSubmitted)
    assert submitted.nominator_kind is NominatorKind.SELF
    assert isinstance(checked, NominationEligibilityChecked)
    assert not checked.eligible


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (OrganizationKind.ASSOCIATION, NominatorKind.ASSOCIATION),
        (OrganizationKind.AGENCY, NominatorKind.AGENCY),
    ],
)
def test_associations_and_agencies_nominate_others(
    kind: OrganizationKind, expected: NominatorKind
) -> None:
    nominator = Nominator(organization_id="org_so_khcn", kind=kind)

    assert nominate(open_programme(), nominator=nominator).nominator_kind is expected


def test_an_enterprise_cannot_nominate_another_enterprise() -> None:
    rival = Nominator(organization_id="org_cong_ty_khac", kind=OrganizationKind.ENTERPRISE)

    with pytest.raises(ForbiddenError, match="association, a state agency or the nominee itself"):
        nominate(open_programme(), nominator=rival)


def test_a_nomination_to_an_unknown_category_is_refused() -> None:
    with pytest.raises(NotFoundError, match=r"no category .khong-co."):
        open_programme().category("khong-co")


def test_new_activity_makes_a_nominee_eligible_while_the_window_is_open() -> None:
    nomination = nominate(open_programme(), CONG_TY_CA_PHE, snapshot())
    assert not nomination.eligible

    events = nomination.refresh_evidence(
        CONG_TY_CA_PHE, snapshot(contract("org_cafe_dak_ha")), enterprise_category().eligibility
    )

    assert nomination.eligible
    assert [type(e) for e in events] == [NominationEligibilityChecked]


def test_unchanged_eligibility_is_not_announced_again() -> None:
    nomination = nominate(open_programme())
    evidence = nomination.snapshot

    assert nomination.refresh_evidence(HTX_SAM, evidence, enterprise_category().eligibility) == []


def test_closing_the_window_sends_eligible_nominations_to_the_first_round_and_stops_the_rest() -> (
    None
):
    open_ = open_programme()
    eligible = nominate(open_, HTX_SAM, nomination_id="nom_1")
    ineligible = nominate(open_, CONG_TY_CA_PHE, snapshot(), nomination_id="nom_2")

    closed, rejected = close_window(open_, [eligible, ineligible], CLOSES, by_hand=False)

    assert isinstance(closed, AwardProgrammeClosed)
    assert (closed.nominations_received, closed.nominations_in_review) == (2, 1)
    assert (eligible.status, eligible.round_id) == (NominationStatus.IN_REVIEW, "so-tuyen")
    assert isinstance(rejected, NominationRejected)
    assert rejected.stage is RejectionStage.ELIGIBILITY
    assert "signed technology-transfer contract" in rejected.reason_en


def test_evidence_is_frozen_once_review_starts() -> None:
    open_ = open_programme()
    nomination = nominate(open_)
    close_window(open_, [nomination], CLOSES, by_hand=True)

    events = nomination.refresh_evidence(HTX_SAM, snapshot(), enterprise_category().eligibility)

    assert events == []
    assert nomination.eligible


def test_a_nominator_withdraws_before_review() -> None:
    nomination = nominate(open_programme())

    [withdrawn] = nomination.withdraw("Hồ sơ chưa đầy đủ.")

    assert isinstance(withdrawn, NominationWithdrawn)
    assert nomination.status is NominationStatus.WITHDRAWN


def test_withdrawal_after_review_started_is_refused() -> None:
    open_ = open_programme()
    nomination = nominate(open_)
    close_window(open_, [nomination], CLOSES, by_hand=False)

    with pytest.raises(StateConflictError) as refused:
        nomination.withdraw(None)

    assert refused.value.code == "review-started"


def test_withdrawn_nominations_are_not_counted_at_the_close() -> None:
    open_ = open_programme()
    withdrawn = nominate(open_)
    withdrawn.withdraw(None)

    closed, *others = close_window(open_, [withdrawn], CLOSES, by_hand=False)

    assert isinstance(closed, AwardProgrammeClosed)
    assert closed.nominations_received == 0
    assert others == []


def test_terms_closing_before_they_open_are_refused() -> None:
    with pytest.raises(ValueError, match="nominations_close_at must be after"):
        programme(nominations_close_at=OPENS - timedelta(days=1))


def test_repeated_category_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="repeated: doanh-nghiep-doi-moi-cong-nghe"):
        programme(categories=[enterprise_category(), enterprise_category()])
