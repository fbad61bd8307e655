"""The awards use cases against in-memory ports: nominating, evidence arriving later, the
duplicate guard, and withdrawal by the nominator only."""

from __future__ import annotations

import pytest

from services.awards.domain.errors import ForbiddenError, StateConflictError
from services.awards.domain.nomination import Nominee
from services.awards.service.evidence import Evidence
from services.awards.service.nominations import NominationForm, Nominations
from shared.auth import Principal, Role
from shared.events.vocabulary import OrganizationKind
from shared.outbox import Tx
from tests.unit.awards.builders import (
    DURING_WINDOW,
    ENTERPRISE_CATEGORY,
    HTX_SAM,
    contract,
    open_programme,
)
from tests.unit.awards.fakes import FakeOutbox, InMemoryAwards

ASSOCIATION = Nominee(
    organization_id="org_hiep_hoi_dn_quang_ngai",
    name="Hiệp hội Doanh nghiệp tỉnh Quảng Ngãi",
    kind=OrganizationKind.ASSOCIATION,
    verified=True,
)
NOMINATOR = Principal(
    subject="hiep-hoi-01", roles=frozenset({Role.org}), organization_id=ASSOCIATION.organization_id
)
FORM = NominationForm(
    category_id=ENTERPRISE_CATEGORY,
    nominee_organization_id=HTX_SAM.organization_id,
    narrative="Hợp tác xã làm chủ quy trình nhân giống sâm Ngọc Linh bằng nuôi cấy mô.",
)


class Awards:
    def __init__(self) -> None:
        self.store = InMemoryAwards()
        self.outbox = FakeOutbox(self.store)
        self.evidence = Evidence(self.store, self.outbox, lambda: DURING_WINDOW)
        self.nominations = Nominations(
            self.store, self.outbox, self.evidence, lambda: DURING_WINDOW
        )

    async def ready(self) -> str:
        programme = open_programme()
        await self.store.insert_programme(programme, None)
        for organization in (HTX_SAM, ASSOCIATION):
            await self.store.save_organization(organization, None)
        return programme.programme_id


async def test_a_nominee_without_a_contract_becomes_eligible_when_one_arrives() -> None:
    awards = Awards()
    programme_id = await awards.ready()

    nomination = await awards.nominations.submit(programme_id, FORM, NOMINATOR)
    was_eligible = nomination.eligible

    async def signed(tx: Tx) -> None:
        await awards.evidence.record_activity(tx, [contract(HTX_SAM.organization_id)])

    await awards.outbox.unit_of_work(signed)
    now = await awards.store.nomination(nomination.nomination_id)

    assert not was_eligible
    assert now is not None
    assert now.eligible
    assert awards.outbox.types() == [
        "stx.nomination.submitted",
        "stx.nomination.eligibility_checked",  # at submission: not eligible
        "stx.nomination.eligibility_checked",  # the contract arrived: eligible
    ]


async def test_a_nominee_is_nominated_once_per_category_and_nothing_is_kept_of_a_refusal() -> None:
    awards = Awards()
    programme_id = await awards.ready()
    await awards.nominations.submit(programme_id, FORM, NOMINATOR)
    published = len(awards.outbox.published)

    with pytest.raises(StateConflictError):
        await awards.nominations.submit(programme_id, FORM, NOMINATOR)

    assert len(awards.store.nomination_items) == 1
    assert len(awards.outbox.published) == published


async def test_only_the_nominator_withdraws_a_nomination() -> None:
    awards = Awards()
    programme_id = await awards.ready()
    nomination = await awards.nominations.submit(programme_id, FORM, NOMINATOR)
    nominee = Principal(
        subject="htx-01", roles=frozenset({Role.org}), organization_id=HTX_SAM.organization_id
    )

    with pytest.raises(ForbiddenError):
        await awards.nominations.withdraw(nomination.nomination_id, None, nominee)
    withdrawn = await awards.nominations.withdraw(nomination.nomination_id, "Rút hồ sơ", NOMINATOR)

    assert withdrawn.status == "withdrawn"
