"""Proposals and the parties' answers: interest, acceptance, decline with a reason, expiry,
retraction and re-scoring."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.matching.domain import matches
from services.matching.domain.errors import ConflictError, RuleBrokenError
from services.matching.domain.listings import is_ip_asset, leaving_reason
from services.matching.domain.matches import MatchStatus
from shared.events.matches import (
    MatchAccepted,
    MatchDeclined,
    MatchExpired,
    MatchInterestExpressed,
    MatchProposed,
    MatchRetracted,
    ProposedBy,
)
from shared.events.vocabulary import ListingKind
from tests.unit.matching.brokerage_data import (
    COOPERATIVE,
    NOW,
    SCORING,
    TTL,
    UNIVERSITY,
    answer_of,
    demand,
    offer,
    proposed,
)

OFFER, DEMAND = ListingKind.OFFER, ListingKind.DEMAND


class TestProposing:
    def test_a_proposal_carries_score_explanation_version_and_expiry(self) -> None:
        match, event = matches.propose(
            offer(), demand(), UNIVERSITY, SCORING, ProposedBy.ENGINE, NOW, TTL
        )

        assert isinstance(event, MatchProposed)
        assert event.match_id == match.match_id
        assert (event.score, event.engine_version) == (0.89, "stx-match-1.0")
        assert event.explanation.sentence_vi == "Cùng lĩnh vực · TRL 7 ≥ yêu cầu 6"
        assert event.expires_at == NOW + TTL

    def test_an_anonymous_demand_stays_anonymous_in_the_proposal(self) -> None:
        _, event = matches.propose(
            offer(), demand(), UNIVERSITY, SCORING, ProposedBy.ENGINE, NOW, TTL
        )

        assert event.demand_owner_organization_id is None

    def test_a_broker_may_not_pair_an_organisation_with_itself(self) -> None:
        with pytest.raises(RuleBrokenError, match="its own demand"):
            matches.check_proposable(offer(), demand(), UNIVERSITY, UNIVERSITY)

    def test_a_broker_may_only_pair_published_listings(self) -> None:
        with pytest.raises(ConflictError, match="withdrawn"):
            matches.check_proposable(offer(status="withdrawn"), demand(), UNIVERSITY, COOPERATIVE)

    def test_a_broker_names_the_offer_first(self) -> None:
        with pytest.raises(RuleBrokenError) as refused:
            matches.check_proposable(demand(), offer(), COOPERATIVE, UNIVERSITY)
        assert refused.value.rule == "offer_id"


class TestAnswering:
    def test_the_first_interest_is_expressed_and_the_proposal_stays_open(self) -> None:
        match, events = matches.answer(proposed(), DEMAND, answer_of(COOPERATIVE))

        assert match.status == MatchStatus.PROPOSED
        assert [type(e) for e in events] == [MatchInterestExpressed]
        assert events[0].side == DEMAND  # type: ignore[attr-defined]

    def test_both_interested_accept_the_match(self) -> None:
        match, _ = matches.answer(proposed(), DEMAND, answer_of(COOPERATIVE))
        match, events = matches.answer(match, OFFER, answer_of(UNIVERSITY))

        assert match.status == MatchStatus.ACCEPTED
        assert [type(e) for e in events] == [MatchAccepted]

    def test_not_interested_declines_with_the_reason_code_only(self) -> None:
        given = answer_of(UNIVERSITY, interested=False, reason="price", comment="Giá quá thấp.")
        match, events = matches.answer(proposed(), OFFER, given)

        assert match.status == MatchStatus.DECLINED
        declined = events[0]
        assert isinstance(declined, MatchDeclined)
        assert (declined.side, declined.reason) == (OFFER, "price")
        assert "comment" not in declined.model_dump()

    def test_not_interested_needs_a_reason(self) -> None:
        with pytest.raises(RuleBrokenError) as refused:
            matches.answer(proposed(), DEMAND, answer_of(COOPERATIVE, interested=False))
        assert refused.value.rule == "reason"

    def test_the_reason_other_needs_a_comment(self) -> None:
        given = answer_of(COOPERATIVE, interested=False, reason="other")
        with pytest.raises(RuleBrokenError, match="comment"):
            matches.answer(proposed(), DEMAND, given)

    def test_interest_comes_without_a_reason(self) -> None:
        with pytest.raises(RuleBrokenError, match="only when not interested"):
            matches.answer(proposed(), DEMAND, answer_of(COOPERATIVE, reason="price"))

    def test_each_side_answers_once(self) -> None:
        match, _ = matches.answer(proposed(), DEMAND, answer_of(COOPERATIVE))
        with pytest.raises(ConflictError, match="already answered"):
            matches.answer(match, DEMAND, answer_of(COOPERATIVE))

    def test_a_closed_proposal_takes_no_answer(self) -> None:
        match, _ = matches.retract(proposed(), "offer_withdrawn", NOW)
        with pytest.raises(ConflictError) as refused:
            matches.answer(match, DEMAND, answer_of(COOPERATIVE))
        assert refused.value.rule == "match.open"

    def test_an_answer_after_the_expiry_time_is_refused(self) -> None:
        late = answer_of(COOPERATIVE, answered_at=NOW + TTL)
        with pytest.raises(ConflictError, match="expired"):
            matches.answer(proposed(), DEMAND, late)


class TestClosingWithoutAnswers:
    def test_an_unanswered_proposal_expires_after_its_time(self) -> None:
        match, events = matches.expire(proposed(), NOW + TTL)

        assert match.status == MatchStatus.EXPIRED
        assert [type(e) for e in events] == [MatchExpired]

    def test_a_proposal_does_not_expire_early(self) -> None:
        match, events = matches.expire(proposed(), NOW + TTL - timedelta(seconds=1))

        assert (match.status, events) == (MatchStatus.PROPOSED, [])

    def test_a_retracted_proposal_says_why(self) -> None:
        match, events = matches.retract(proposed(), "offer_withdrawn", NOW)

        assert match.status == MatchStatus.RETRACTED
        assert isinstance(events[0], MatchRetracted)
        assert events[0].reason == "offer_withdrawn"

    def test_retracting_an_accepted_match_changes_nothing(self) -> None:
        match, _ = matches.answer(proposed(), DEMAND, answer_of(COOPERATIVE))
        match, _ = matches.answer(match, OFFER, answer_of(UNIVERSITY))

        assert matches.retract(match, "offer_fulfilled", NOW) == (match, [])

    def test_a_rescore_refreshes_an_open_proposal_silently(self) -> None:
        better = SCORING.model_copy(update={"score": 0.93})

        assert matches.rescore(proposed(), better).scoring.score == 0.93


class TestListingFacts:
    def test_a_withdrawn_offer_retracts_with_offer_withdrawn(self) -> None:
        assert leaving_reason(offer(status="withdrawn")) == "offer_withdrawn"

    def test_a_published_listing_stays(self) -> None:
        assert leaving_reason(demand()) is None

    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            ({"ip_status": "utility_solution"}, True),
            ({"ip_status": "none", "transfer_objects": ["ip_right"]}, True),
            ({"ip_status": "none", "transfer_forms": ["ip_right_transfer_or_licence"]}, True),
            ({"ip_status": "none", "transfer_objects": ["process"]}, False),
        ],
    )
    def test_an_ip_asset_is_protected_ip_or_an_ip_right_transfer(
        self, changes: dict[str, object], expected: bool
    ) -> None:
        assert is_ip_asset(offer(**changes)) is expected
