"""An association that registers after an award programme opened still hears of it while
nominations are open — once, and never a second time for one that already did."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from services.notifications.domain.deliveries import DeliveryIds
from services.notifications.domain.recipients import organization
from services.notifications.service.outreach import Outreach
from shared.events.organizations import AdministrativeUnit, OrganizationProfile
from shared.events.vocabulary import OrganizationKind
from shared.outbox import Tx
from tests.unit.notifications.fakes import InMemoryStores, intake_of
from tests.unit.notifications.test_meetings_and_awards import HIEP_HOI, programme

OPENED = datetime(2026, 10, 1, tzinfo=UTC)
BEFORE_CLOSE = datetime(2026, 10, 20, tzinfo=UTC)
AFTER_CLOSE = datetime(2026, 11, 2, tzinfo=UTC)  # nominations closed on 31 October
IDS = DeliveryIds(b"k" * 32)
TX = Tx(session=None, correlation_id=None, causation_id=None)  # type: ignore[arg-type]
QUANG_NGAI = AdministrativeUnit(code="51", name="Quảng Ngãi", level="province")


def association(organization_id: str) -> OrganizationProfile:
    return OrganizationProfile(
        organization_id=organization_id,
        kind=OrganizationKind.ASSOCIATION,
        name="Hội Dược liệu tỉnh Quảng Ngãi",
        province=QUANG_NGAI,
        current_province=QUANG_NGAI,
        verified=True,
        registered_at=BEFORE_CLOSE,
    )


async def opened_programme() -> InMemoryStores:
    stores = InMemoryStores({HIEP_HOI: "association"})
    event = programme()
    envelope = SimpleNamespace(id="evt_programme", time=OPENED, type=event.ce_type)
    handling = SimpleNamespace(event=event, envelope=envelope, tx=TX)
    await intake_of(stores, lambda: OPENED, IDS)._record_targeted(handling)  # type: ignore[arg-type]
    return stores


async def test_a_latecomer_association_hears_of_the_open_programme_once() -> None:
    stores = await opened_programme()
    outreach = Outreach(stores, lambda: BEFORE_CLOSE, IDS)

    for _ in range(2):  # registered, then verified
        await outreach.joined(association("org_hoi_duoc_lieu"), TX)
    await outreach.joined(association(HIEP_HOI), TX)  # already told when it opened

    told = [(d.recipient, d.template) for d in stores.deliveries.queued.values()]
    assert told == [
        (organization(HIEP_HOI), "award_programme_opened"),
        (organization("org_hoi_duoc_lieu"), "award_programme_opened"),
    ]


async def test_after_nominations_close_nobody_new_hears_of_it() -> None:
    stores = await opened_programme()

    await Outreach(stores, lambda: AFTER_CLOSE, IDS).joined(association("org_hoi_moi"), TX)

    assert len(stores.deliveries.queued) == 1  # the association known when it opened
