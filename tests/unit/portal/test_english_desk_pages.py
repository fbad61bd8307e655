"""The broker console and the reviewers' pages in English through the ASGI app, the services'
APIs faked in memory: once a broker or a reviewer follows the header's switch, no Vietnamese word
of the portal's own remains — labels of the view models and refusals beside a field included —
only the owners' text, names and places; and Vietnamese stays the default."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import jwt
import pytest
from markupsafe import escape

from tests.unit.portal.fakes import (
    InMemoryEvents,
    InMemoryListingsDirectory,
    InMemoryModerationQueue,
    anonymous_demand_json,
    event_json,
    offer_json,
    portal_client,
)
from tests.unit.portal.fakes_awards import InMemoryAwards, programme_json
from tests.unit.portal.fakes_event_desk import InMemoryEventDesk
from tests.unit.portal.fakes_parties import (
    InMemoryMatchDesk,
    InMemoryRegistry,
    InMemoryReviewDesk,
    introduction_json,
    match_json,
    nomination_json,
)
from tests.unit.portal.signing import sign_in
from tests.unit.portal.test_english_pages import (
    PLACES_AND_SWITCH,
    VIETNAMESE_LETTER,
    in_english,
    texts_of,
)

EVENT = "evt_techmart_2026"
DESK = f"/moi-gioi/su-kien/{EVENT}"
FILE = "/tham-dinh/ho-so/nom_1"
SUBMITTED = {"submitted_at": "2026-12-02T20:00:00+00:00", "owner_name": "Viện Dược liệu"}
LISTINGS = (
    offer_json(status="submitted", private=SUBMITTED),
    anonymous_demand_json(status="submitted", private=SUBMITTED),
)
ORGS = {
    "org_htx_mangden": ("HTX Dược liệu Măng Đen", "seeker"),
    "org_ttsam_ngoclinh": ("Trung tâm Sâm Ngọc Linh", "supplier"),
    "org_vien_duoc_lieu": ("Viện Dược liệu", "supplier"),
}
CRITERIA = [
    {"code": "hieu-qua", "name": "Hiệu quả chuyển giao công nghệ", "weight": 60,
     "name_en": "Effect of the technology transfer"},
    {"code": "lan-toa", "name": "Sức lan tỏa trong tỉnh", "weight": 40},
]  # fmt: skip
PROGRAMME = programme_json(
    status="in_review",
    categories=[{"category_id": "doanh-nghiep", "name": "Doanh nghiệp đổi mới công nghệ",
                 "criteria": CRITERIA}],
)  # fmt: skip


def _organisation(organization_id: str, name: str, verified: bool) -> dict[str, Any]:
    return {
        "organization_id": organization_id, "kind": "cooperative", "name": name,
        "province": {"code": "51", "name": "Quảng Ngãi"},
        "registered_at": "2026-12-02T20:00:00+00:00", "verified": verified,
        "contact": {"contact_name": "Bà Y Lan", "email": "ylan@htx.vn", "tax_code": "6101234567"},
    }  # fmt: skip


REGISTERED = (
    _organisation("org_htx_tumorong", "HTX Dược liệu Tu Mơ Rông", verified=False),
    _organisation("org_htx_mangden", "HTX Dược liệu Măng Đen", verified=True),
)
OWNERS_TEXT = (
    LISTINGS, SUBMITTED, REGISTERED, event_json(), [name for name, _ in ORGS.values()],
    PROGRAMME, nomination_json(),
)  # fmt: skip
"""Everything the fakes answer is someone's own text: shown as written, never translated."""


def _token(**claims: Any) -> str:
    return jwt.encode(claims, "k" * 32, algorithm="HS256")


@pytest.fixture
async def desk() -> InMemoryEventDesk:
    """The techmart with two seats: the third organisation waits; the schedule is made."""
    desk = InMemoryEventDesk({EVENT: event_json()}, capacity=2)
    for org, (_, role) in ORGS.items():
        await desk.register(EVENT, {"role": role, "listing_ids": ["l"]}, _token(org_id=org))
    await desk.generate_schedule(EVENT, _token(roles=["broker"]))
    desk.meetings_of[EVENT][0]["outcomes"]["org_htx_mangden"] = "follow_up_wanted"
    return desk


@pytest.fixture
async def client(desk: InMemoryEventDesk) -> AsyncIterator[httpx.AsyncClient]:
    registry = InMemoryRegistry()
    registry.items = {org["organization_id"]: dict(org) for org in REGISTERED}
    matches = InMemoryMatchDesk(match_json())
    introduction = introduction_json(match_json(match_id="mt_old"))
    matches.opened.append(introduction | {"opened_at": "2026-12-02T21:00:00+00:00"})
    async with portal_client(
        listings=InMemoryListingsDirectory(offer_json(), anonymous_demand_json(),
                                           organizations=list(REGISTERED)),
        moderation=InMemoryModerationQueue(*LISTINGS),
        registry=registry,
        desk=matches,
        events=InMemoryEvents(*desk.events.values()),
        event_desk=desk,
        awards=InMemoryAwards(PROGRAMME),
        review_desk=InMemoryReviewDesk(),
    ) as client:  # fmt: skip
        yield client


def _left(html: str) -> list[str]:
    """The Vietnamese words left once the owners' words are taken out."""
    for text in (*sorted(set(texts_of(OWNERS_TEXT)), key=len, reverse=True), *PLACES_AND_SWITCH):
        html = html.replace(str(escape(text)), "").replace(text, "")
    return [word for word in html.split() if VIETNAMESE_LETTER.search(word)]


BROKER_PAGES = {
    "/moi-gioi/kiem-duyet": ("Listings awaiting moderation", "submitted 3 Dec 2026", "Clarity",
                             "Commercial relevance", "The benefit is unclear",
                             "Approve and publish"),
    "/moi-gioi/to-chuc": ("Organisations awaiting verification", "Registered 3 Dec 2026",
                          "Tax code", "Cooperative"),
    "/moi-gioi/danh-ba?q=mang+den": ("Directory of verified organisations",
                                     "Organisations matching “mang den”: 1.", "Registration"),
    "/moi-gioi/ket-noi": ("Proposals awaiting an answer", "Introduced to each other",
                          "days since the last step", "Propose a match by hand"),
    "/moi-gioi/su-kien/moi": ("Announce a connection event", "Starts (Vietnam time)",
                              'aria-label="Starts: day"', "Keep a waiting list once the seats "
                              "are taken", "Demo day", "Medicinal herbs"),
    DESK: ("Participants (2)", "Waiting list (1)", "Supplier: bringing technology offers",
           "Registered", "B2B schedule (1)", "09:00 10 Dec 2026 · table 1 · ",
           "— for HTX Dược liệu Măng Đen", "Met, wants to follow up", "Close the event"),
    "/moi-gioi/chi-so?ky=2026-Q3": ("Export the market indicators", "Full figures, not for "
                                    "publication as they are:", "Download the Excel workbook"),
    "/moi-gioi/ho-so-giay?kind=offer": ("Technology readiness level (TRL 1–9)",),
    f"{DESK}/sua": ("Change the event: Techmart Quảng Ngãi 2026", "Save the changes",
                    "← The event&#39;s desk", "Number of B2B meeting slots"),
}  # fmt: skip


@pytest.mark.parametrize("path", BROKER_PAGES)
async def test_a_broker_page_in_english_keeps_no_vietnamese_word_of_the_portal(
    client: httpx.AsyncClient, path: str
) -> None:
    await sign_in(client, "broker-01")
    await in_english(client)
    response = await client.get(path)
    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert _left(response.text) == [], path
    for english in BROKER_PAGES[path]:
        assert english in response.text, english
    assert 'href="/ngon-ngu/vi?tiep=' in response.text


async def test_an_export_of_a_period_written_wrong_is_refused_in_english(
    client: httpx.AsyncClient,
) -> None:
    await sign_in(client, "broker-01")
    await in_english(client)
    response = await client.get("/moi-gioi/chi-so.xlsx?ky=2026-Q5")
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.text
    assert _left(response.text) == []


async def test_a_reviewer_reads_the_files_and_the_programme_s_english_criteria(
    client: httpx.AsyncClient,
) -> None:
    await sign_in(client, "reviewer-01")
    await in_english(client)
    queue = (await client.get("/tham-dinh")).text
    assert _left(queue) == []
    assert "<h1>Files to review</h1>" in queue
    file = (await client.get(FILE)).text
    assert _left(file) == []
    assert "<legend>Effect of the technology transfer (weight 60%)</legend>" in file
    assert "<legend>Sức lan tỏa trong tỉnh (weight 40%)</legend>" in file  # no English given
    assert "Declare a conflict of interest" in file


async def test_refusals_beside_their_fields_are_in_english(
    client: httpx.AsyncClient, desk: InMemoryEventDesk
) -> None:
    token = await sign_in(client, "broker-01")
    await in_english(client)
    plan = {"csrf_token": token, "title": "Techmart Quảng Ngãi 2026", "kind": "techmart",
            "starts_day": "2026-12-10", "starts_time": "08:00", "ends_day": "2026-12-10",
            "ends_time": "17:00", "deadline_day": "2026-12-05", "deadline_time": "17:00",
            "venue": "Trung tâm Hội nghị tỉnh", "capacity": "0", "slot_count": "6",
            "slot_minutes": "20", "tables": "4", "waitlist": "off"}  # fmt: skip
    no_sector = await client.post("/moi-gioi/su-kien/moi", data=plan)
    assert no_sector.status_code == 422
    assert _left(no_sector.text) == []
    assert "Not announced yet: please correct the marked fields." in no_sector.text
    assert (
        '<a href="#focus_sectors">Focus sectors: At least 1 item(s) needed.</a>' in no_sector.text
    )

    changed = await client.post(f"{DESK}/sua", data=plan | {"focus_sectors": "medicinal_herbs"})
    assert changed.status_code == 422
    assert _left(changed.text) == []
    words = "The maximum of participants is 1 to 5000."
    assert f'id="capacity-error" class="field-error">{words}</small>' in changed.text

    closed = await client.post(f"{DESK}/ket-thuc", data={"csrf_token": token, "mous_signed": "2"})
    assert closed.status_code == 422
    assert _left(closed.text) == []
    assert "An event can be closed only once it started." in closed.text

    marks = {"csrf_token": token, "clarity": "9", "completeness": "3", "commercial_relevance": "3"}
    approved = await client.post("/moi-gioi/kiem-duyet/lst_sam_nuoi_cay_mo/duyet", data=marks)
    assert approved.status_code == 422
    assert _left(approved.text) == []
    assert '<p class="notice error" role="alert">The largest value is 5.</p>' in approved.text

    unknown = {"csrf_token": token, "offer_id": "xyz", "demand_id": "lst_can_may_say"}
    proposed = await client.post("/moi-gioi/ket-noi/de-xuat", data=unknown)
    assert "No published offer or demand has this id." in proposed.text


async def test_a_reviewer_s_refused_scorecard_is_explained_in_english(
    client: httpx.AsyncClient,
) -> None:
    token = await sign_in(client, "reviewer-01")
    await in_english(client)
    refused = await client.post(f"{FILE}/cham-diem", data={"csrf_token": token})
    assert refused.status_code == 422
    assert _left(refused.text) == []
    assert "Give each criterion a whole number from 0 to 10." in refused.text


async def test_the_broker_console_stays_vietnamese_by_default(
    client: httpx.AsyncClient,
) -> None:
    await sign_in(client, "broker-01")
    page = (await client.get(DESK)).text
    assert '<html lang="vi">' in page
    assert "Danh sách chờ (1)" in page
    assert "09:00 10/12/2026 · bàn 1 · " in page
    assert 'href="/ngon-ngu/en?tiep=/moi-gioi/su-kien/evt_techmart_2026"' in page
    form = (await client.get(f"{DESK}/sua")).text
    assert "Nhận vào danh sách chờ khi đã đủ chỗ" in form
    assert "Lưu thay đổi" in form
