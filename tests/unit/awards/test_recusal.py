"""Recusal: a reviewer from the nominee's organisation, or with a declared conflict, is out."""

from __future__ import annotations

import pytest

from services.awards.domain.errors import ForbiddenError
from services.awards.domain.recusal import (
    Assignment,
    RecusalReason,
    Reviewer,
    ensure_lead,
    ensure_may_review,
)
from tests.unit.awards.builders import ENTERPRISE_CATEGORY, HTX_SAM

SAM = HTX_SAM.organization_id


def assignment(lead: bool = False, round_id: str = "so-tuyen") -> Assignment:
    return Assignment(
        programme_id="awp_2026_test",
        category_id=ENTERPRISE_CATEGORY,
        round_id=round_id,
        reviewer="pgs-hoa",
        lead=lead,
    )


def reviewer(organization_id: str | None = "org_dai_hoc_da_nang") -> Reviewer:
    return Reviewer(subject="pgs-hoa", name="PGS.TS. Trần Thị Hoa", organization_id=organization_id)


def test_a_reviewer_from_the_nominees_organisation_is_recused() -> None:
    assert reviewer(SAM).recusal(SAM) is RecusalReason.SAME_ORGANISATION


def test_a_reviewer_who_declared_a_conflict_is_recused() -> None:
    hoa = reviewer()
    hoa.declare_conflict(SAM, "Người thân làm việc tại hợp tác xã.")

    assert hoa.recusal(SAM) is RecusalReason.DECLARED_CONFLICT


def test_an_independent_reviewer_is_not_recused() -> None:
    assert reviewer().recusal(SAM) is None
    assert reviewer(None).recusal(SAM) is None


def test_a_recused_reviewer_may_not_review_the_nomination() -> None:
    with pytest.raises(ForbiddenError) as refused:
        ensure_may_review(reviewer(SAM), [assignment()], ENTERPRISE_CATEGORY, "so-tuyen", SAM)

    assert refused.value.code == "recused"


def test_a_reviewer_assigned_to_another_round_may_not_review_the_nomination() -> None:
    with pytest.raises(ForbiddenError) as refused:
        ensure_may_review(
            reviewer(), [assignment(round_id="chung-khao")], ENTERPRISE_CATEGORY, "so-tuyen", SAM
        )

    assert refused.value.code == "not-assigned"


def test_an_assigned_independent_reviewer_may_review() -> None:
    ensure_may_review(reviewer(), [assignment()], ENTERPRISE_CATEGORY, "so-tuyen", SAM)


def test_only_the_lead_of_the_round_closes_it() -> None:
    ensure_lead([assignment(lead=True)], ENTERPRISE_CATEGORY, "so-tuyen")
    with pytest.raises(ForbiddenError, match="lead reviewer"):
        ensure_lead([assignment(lead=False)], ENTERPRISE_CATEGORY, "so-tuyen")
