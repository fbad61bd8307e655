"""The brokerage use cases against in-memory ports: answering a proposal, and both sides
interested opening the introduction in the same unit of work."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.matching.domain.errors import NotAllowedError
from services.matching.domain.listings import ProjectedListing
from services.matching.domain.matches import MatchStatus
from services.matching.service.introductions import Introductions
from services.matching.service.matches import AnswerRequest, Matches
from services.matching.service.proposals import ProposalPolicy
from shared.auth import Principal, Role
from shared.clock import PROVINCE_ZONE
from tests.unit.matching.brokerage_data import (
    COOPERATIVE,
    NOW,
    UNIVERSITY,
    demand,
    offer,
    proposed,
)
from tests.unit.matching.fakes import (
    BrokerageStores,
    InMemoryListings,
    InMemoryMatches,
)
from tests.unit.unit_of_work import FakeUnitOfWork


def party(organization_id: str) -> Principal:
    return Principal(
        subject=f"{organization_id}:giam-doc",
        roles=frozenset({Role.org}),
        organization_id=organization_id,
    )


class Brokerage:
    def __init__(self) -> None:
        self.match = proposed()
        self.stores = BrokerageStores(
            listings=InMemoryListings(
                ProjectedListing(offer().listing_id, 1, offer()),
                # the demand is anonymous: matching knows its owner from the internal topic
                ProjectedListing(demand().listing_id, 2, demand(), recorded_owner=COOPERATIVE),
            ),
            matches=InMemoryMatches(self.match),
        )
        self.outbox = FakeUnitOfWork()
        clock = lambda: NOW + timedelta(days=1)  # noqa: E731 - a fixed clock
        introductions = Introductions(self.outbox, self.stores, PROVINCE_ZONE, clock)  # type: ignore[arg-type]
        policy = ProposalPolicy(top_k=10, rescore_top_k=50, ttl=timedelta(days=30))
        # The engine index is only read for a broker's manual proposal, never by answers.
        self.desk = Matches(self.outbox, self.stores, None, introductions, policy, clock)  # type: ignore[arg-type]


async def test_both_sides_interested_open_the_introduction_with_their_answers() -> None:
    b = Brokerage()
    yes = AnswerRequest(interested=True)

    await b.desk.answer(b.match.match_id, party(COOPERATIVE), yes)
    accepted = await b.desk.answer(b.match.match_id, party(UNIVERSITY), yes)

    assert accepted.status is MatchStatus.ACCEPTED
    [introduction] = b.stores.introductions.items.values()
    assert introduction.seeker_organization_id == COOPERATIVE
    assert introduction.parties.seeker_organization_id is None  # anonymous on public topics
    assert [e.ce_type for e in b.outbox.published][-1] == "stx.introduction.opened"


async def test_only_the_two_owners_answer_and_nothing_is_recorded_for_a_stranger() -> None:
    b = Brokerage()

    with pytest.raises(NotAllowedError):
        await b.desk.answer(b.match.match_id, party("org_khac"), AnswerRequest(interested=True))

    assert b.stores.matches.items[b.match.match_id] == b.match
    assert b.outbox.published == []
