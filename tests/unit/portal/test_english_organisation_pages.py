"""A signed-in organisation's pages in English through the ASGI app, the services' APIs faked in
memory (issue 16): its listings, the listing form, the bulk import, proposals, introductions,
nominations, its news subscriptions, a techmart's registration and meeting requests, and the
sign-up. Once the owners' text, names and places are taken out, no Vietnamese word of the
portal's own remains — states, reasons, stages and the refusals the portal words itself
included — and Vietnamese stays the default."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import jwt
import pytest

from shared import places
from tests.unit.portal.fakes import (
    InMemoryEvents,
    InMemoryListingsDirectory,
    InMemoryOwnListings,
    anonymous_demand_json,
    event_json,
    institute_json,
    offer_json,
    portal_client,
)
from tests.unit.portal.fakes_awards import InMemoryAwards, programme_json
from tests.unit.portal.fakes_event_desk import InMemoryEventDesk
from tests.unit.portal.fakes_news import InMemoryNewsDesk
from tests.unit.portal.fakes_parties import (
    InMemoryMatchDesk,
    InMemoryNominationDesk,
    InMemoryRegistry,
    introduction_json,
    match_json,
)
from tests.unit.portal.signing import sign_in
from tests.unit.portal.test_english_pages import (
    DEMO_NAMES,
    OWNERS_TEXT,
    VIETNAMESE_LETTER,
    in_english,
    texts_of,
)

ORG, OTHER, EVENT = "org_htx_mangden", "org_ttsam_ngoclinh", "evt_techmart_2026"
STATES = ("draft", "returned", "submitted", "published", "expired", "fulfilled")
OWN = {
    f"lst_{state}": {
        "listing_id": f"lst_{state}", "owner": ORG, "kind": "offer" if n % 2 else "demand",
        "status": state, "title": f"Tin {n}: sấy lạnh dược liệu", "summary": "Sấy lạnh đảng sâm.",
        "version": 1,
    }
    for n, state in enumerate(STATES)
}  # fmt: skip
OWN["lst_published"]["pending"] = {"title": "Sấy lạnh đảng sâm, bản sửa", "summary": "Mới hơn."}
PROGRAMME = programme_json(programme_id="prg_open", status="open", title="Tôn vinh 2027")
SUBSCRIPTION = {
    "subscription_id": "sub_0001", "address": "vanphong@htx-mangden.vn", "owner": ORG,
    "status": "pending_confirmation", "frequency": "weekly",
    "filters": {"kinds": ["demand"], "sectors": ["medicinal_herbs"]},
}  # fmt: skip
NOMINATION = {
    "nomination_id": "nom_1", "category_id": "doanh-nghiep", "nominator_organization_id": ORG,
    "status": "finalist", "nominee": {"organization_id": ORG, "name": "HTX Dược liệu Măng Đen"},
    "programme_id": "prg_open",
}  # fmt: skip
REQUEST = {
    "request_id": "req_1", "from_organization_id": OTHER, "to_organization_id": ORG,
    "reason": "Trao đổi về giống sâm", "status": "sent",
    "sent_at": "2026-12-02T03:00:00+00:00", "expires_at": "2026-12-09T03:00:00+00:00",
}  # fmt: skip
NAMES = (
    institute_json(organization_id=ORG, name="HTX Dược liệu Măng Đen"),
    institute_json(organization_id=OTHER, name="Trung tâm Sâm Ngọc Linh"),
)
DECLINED = match_json(
    match_id="mt_2", status="declined", demand_answer={"interested": False, "reason": "price"}
)
OPENED = introduction_json(match_json()) | {
    "stage": "mou_signed",
    "history": [
        {"stage": "opened", "recorded_at": "2026-12-02T21:00:00+00:00"},
        {"stage": "meeting_held", "recorded_at": "2026-12-05T02:00:00+00:00"},
        {"stage": "mou_signed", "recorded_at": "2026-12-09T02:00:00+00:00"},
    ],
}
PLACES = tuple(u.name for u in (*places.today_units(), *places.today_units("51")))
THEIRS = (
    OWN, PROGRAMME, SUBSCRIPTION, NOMINATION, REQUEST, NAMES, DECLINED, OPENED, OWNERS_TEXT,
    DEMO_NAMES, event_json(), offer_json(), anonymous_demand_json(), "Tiếng Việt",
)  # fmt: skip
"""Everything the fakes answer is someone's own text, shown as written; so are place names and
the names of the languages a letter may be written in (each in its own language)."""

ORGANISATION_PAGES = (
    "/to-chuc/tin?da-luu=1",
    "/to-chuc/tin?xong=sua-cho-duyet",
    "/to-chuc/tin/moi?kind=demand",
    "/to-chuc/tin/moi?kind=offer",
    "/to-chuc/tin/lst_draft/sua",
    "/to-chuc/tin/lst_published/sua",
    "/to-chuc/tin/nhap",
    "/to-chuc/de-xuat",
    "/to-chuc/ket-noi",
    "/to-chuc/de-cu",
    "/to-chuc/nhan-tin",
    f"/su-kien/{EVENT}/dang-ky",
    f"/su-kien/{EVENT}/dang-ky?da-huy=1",
    f"/to-chuc/su-kien/{EVENT}/hen-gap",
    "/dang-ky",
)


def portal_words(html: str) -> str:
    """The page without the owners' text, names, places and the switch back."""
    theirs = sorted(
        {t for raw in THEIRS for t in texts_of(raw)} | set(PLACES), key=len, reverse=True
    )
    for text in theirs:
        html = html.replace(text.replace("&", "&amp;"), "").replace(text, "")
    return html


def vietnamese_left(html: str) -> str:
    return "".join(VIETNAMESE_LETTER.findall(portal_words(html)))


@pytest.fixture
def own() -> InMemoryOwnListings:
    own = InMemoryOwnListings()
    own.items.update({k: dict(v) for k, v in OWN.items()})
    return own


@pytest.fixture
async def organisation(own: InMemoryOwnListings) -> AsyncIterator[httpx.AsyncClient]:
    """Signed in as the cooperative, with listings in each state, a proposal and a declined one,
    an introduction at its MoU, a nomination, a subscription, a seat at the techmart and a
    meeting request received."""
    matches = InMemoryMatchDesk(match_json(), DECLINED)
    matches.opened.append(OPENED)
    nominations = InMemoryNominationDesk()
    nominations.items.append(dict(NOMINATION))
    news = InMemoryNewsDesk()
    news.owned["sub_0001"] = dict(SUBSCRIPTION)
    news.owned["sub_0002"] = SUBSCRIPTION | {"subscription_id": "sub_0002", "status": "active"}
    desk = InMemoryEventDesk(events={EVENT: event_json()})
    for org in (ORG, OTHER):
        token = jwt.encode({"org_id": org, "roles": ["org"]}, "k" * 32, algorithm="HS256")
        await desk.register(EVENT, {"role": "both", "listing_ids": ["lst_published"]}, token)
    desk.requests[EVENT] = [dict(REQUEST)]
    async with portal_client(
        listings=InMemoryListingsDirectory(
            offer_json(), anonymous_demand_json(), organizations=NAMES
        ),
        own=own,
        desk=matches,
        nomination_desk=nominations,
        news_desk=news,
        event_desk=desk,
        events=InMemoryEvents(event_json()),
        awards=InMemoryAwards(PROGRAMME),
        registry=InMemoryRegistry(),
    ) as client:
        await sign_in(client, "htxmangden:giam-doc")
        yield client


@pytest.mark.parametrize("path", ORGANISATION_PAGES)
async def test_an_organisation_page_in_english_keeps_no_vietnamese_word_of_the_portal(
    organisation: httpx.AsyncClient, path: str
) -> None:
    await in_english(organisation)
    response = await organisation.get(path)
    assert response.status_code == 200, path
    assert '<html lang="en">' in response.text
    assert vietnamese_left(response.text) == "", path
    assert "My listings" in response.text
    assert 'href="/ngon-ngu/vi?tiep=' in response.text


async def test_states_reasons_and_stages_come_out_in_english(
    organisation: httpx.AsyncClient,
) -> None:
    await in_english(organisation)
    mine = (await organisation.get("/to-chuc/tin")).text
    for state in ("Draft", "Returned for changes", "Awaiting review", "Published", "Expired"):
        assert f'<td data-field="state">{state}' in mine
    assert "A revision awaits review" in mine
    proposals = (await organisation.get("/to-chuc/de-xuat")).text
    assert "Not interested: Price or budget does not fit" in proposals
    assert "Why: Same sector · Shared keywords: dược liệu" in proposals
    introductions = (await organisation.get("/to-chuc/ket-noi")).text
    assert '<span class="badge">MoU signed</span>' in introductions
    assert "<li>3 Dec 2026: Introduced to each other</li>" in introductions
    assert "Next step: Negotiate and sign the technology transfer contract." in introductions
    nominations = (await organisation.get("/to-chuc/de-cu")).text
    assert "<td>Finalist, awaiting the decision</td>" in nominations
    subscriptions = (await organisation.get("/to-chuc/nhan-tin")).text
    assert "Awaiting confirmation by e-mail" in subscriptions
    assert '<span class="badge">Receiving news</span>' in subscriptions
    assert "Pause (vanphong@htx-mangden.vn)</button>" in subscriptions
    registration = (await organisation.get(f"/su-kien/{EVENT}/dang-ky")).text
    assert "Your organisation is registered for this event: <strong>Registered</strong>" in (
        registration
    )
    assert "Cancel your organisation&#39;s registration" in registration
    meetings = (await organisation.get(f"/to-chuc/su-kien/{EVENT}/hen-gap")).text
    assert "<td>2 Dec 2026</td><td>Awaiting an answer</td>" in meetings


async def test_the_organisation_pages_stay_vietnamese_by_default(
    organisation: httpx.AsyncClient,
) -> None:
    mine = (await organisation.get("/to-chuc/tin")).text
    assert '<html lang="vi">' in mine
    assert '<td data-field="state">Bản nháp' in mine
    assert 'href="/ngon-ngu/en?tiep=/to-chuc/tin"' in mine
    proposals = (await organisation.get("/to-chuc/de-xuat")).text
    assert "Không quan tâm: Giá, kinh phí không phù hợp" in proposals
    subscriptions = (await organisation.get("/to-chuc/nhan-tin")).text
    assert "Tạm dừng (vanphong@htx-mangden.vn)</button>" in subscriptions
    registration = (await organisation.get(f"/su-kien/{EVENT}/dang-ky")).text
    assert "Đơn vị đã đăng ký sự kiện này: <strong>Đã đăng ký</strong>" in registration
