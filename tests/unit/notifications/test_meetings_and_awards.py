"""Targeted messages of B2B meetings and awards: who is told, what they read, the `.ics`."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email import message_from_bytes, policy
from types import SimpleNamespace
from typing import Any

import pytest
from icalendar import Calendar

from services.notifications.delivery.email import compose
from services.notifications.domain.deliveries import DeliveryIds
from services.notifications.domain.recipients import organization
from services.notifications.domain.targeted import TARGETED
from shared.events.awards import AwardCategoryInfo, AwardProgrammeOpened
from shared.events.base import Event
from shared.events.connection_events import MeetingRequestSent, MeetingScheduled
from shared.events.nominations import AwardGranted
from shared.events.vocabulary import OrganizationKind
from tests.unit.notifications.fakes import InMemoryStores, intake_of
from tests.unit.notifications.test_templates import COMMON, EVIL_TITLE, renderer

VIEN, HTX, HIEP_HOI = "org_vien_duoc_lieu", "org_htx_dak_ha", "org_hiep_hoi_dn"
TITLES = {"lst_sam_ngoc_linh": EVIL_TITLE, "lst_htx_dak_ha": "Sấy lạnh sâm Ngọc Linh"}


def meeting() -> MeetingScheduled:
    return MeetingScheduled(
        meeting_id="mtg_0c8d2a4f6e1b3957",
        event_id="cev_5b2e8f0c4a7d4e19",
        seeker_organization_id=HTX,
        supplier_organization_id=VIEN,
        slot=3,
        table=7,
        starts_at=datetime(2026, 12, 3, 2, 0, tzinfo=UTC),
        ends_at=datetime(2026, 12, 3, 2, 20, tzinfo=UTC),
        score=0.82,
        requested=False,
        pinned=False,
        offer_id="lst_sam_ngoc_linh",
        demand_id="lst_htx_dak_ha",
    )


def request() -> MeetingRequestSent:
    return MeetingRequestSent(
        event_id="cev_5b2e8f0c4a7d4e19",
        request_id="mrq_7e4a1c9b2d6f0835",
        from_organization_id=VIEN,
        to_organization_id=HTX,
        expires_at=datetime(2026, 11, 28, 10, 0, tzinfo=UTC),
    )


def award(nominator: str = HIEP_HOI, **overrides: Any) -> AwardGranted:
    fields: dict[str, Any] = {
        "nomination_id": "nom_8b2d4e6f10a2c4e6",
        "programme_id": "awp_2026_3f1c9a7e",
        "category_id": "doanh-nghiep-doi-moi-cong-nghe",
        "nominee_organization_id": HTX,
        "year": 2026,
        "programme_title": "Tôn vinh tổ chức, cá nhân tiêu biểu phát triển thị trường KH&CN",
        "category_name": "Doanh nghiệp tiêu biểu trong đổi mới, ứng dụng công nghệ",
        "category_name_en": "Outstanding enterprise in technology innovation",
        "level": "award",
        "nominee_name": "Hợp tác xã Sâm Ngọc Linh Tu Mơ Rông",
        "citation": "Đã ứng dụng thành công quy trình nhân giống sâm Ngọc Linh.",
        "nominator_organization_id": nominator,
        "announced_at": datetime(2026, 12, 20, 2, 0, tzinfo=UTC),
    }
    return AwardGranted.model_validate(fields | overrides)


def programme(**overrides: Any) -> AwardProgrammeOpened:
    fields: dict[str, Any] = {
        "programme_id": "awp_2026_3f1c9a7e",
        "year": 2026,
        "title": "Tôn vinh tổ chức, cá nhân tiêu biểu phát triển thị trường KH&CN năm 2026",
        "title_en": "Honouring outstanding actors of the S&T market 2026",
        "period_start": date(2026, 1, 1),
        "period_end": date(2026, 12, 31),
        "nominations_close_at": datetime(2026, 10, 31, 17, 0, tzinfo=UTC),
        "categories": [
            AwardCategoryInfo(
                category_id="doanh-nghiep-doi-moi-cong-nghe",
                name="Doanh nghiệp tiêu biểu trong đổi mới, ứng dụng công nghệ",
                name_en="Outstanding enterprise in technology innovation",
                quota=3,
                merit_quota=5,
            )
        ],
        "by_hand": False,
    }
    return AwardProgrammeOpened.model_validate(fields | overrides)


def context(event: Event, role: str, **extra: Any) -> dict[str, Any]:
    """As the worker renders it: stored facts + role + what it resolved at sending time."""
    titles = [{"listing_id": k, "title": v} for k, v in TITLES.items()]
    facts = TARGETED[event.ce_type].facts(event) | {"listing_titles": titles, "role": role}
    return facts | COMMON | extra


# --- who receives --------------------------------------------------------------------------


def test_a_scheduled_meeting_reaches_both_sides_each_named_to_the_other_without_contacts() -> None:
    parties = TARGETED["stx.meeting.scheduled"].parties(meeting())
    assert [(p.recipient, p.role, p.named, p.counterpart) for p in parties] == [
        (organization(VIEN), "offer", organization(HTX), None),
        (organization(HTX), "demand", organization(VIEN), None),
    ]
    assert TARGETED["stx.meeting.scheduled"].listings(meeting()) == (
        "lst_sam_ngoc_linh",
        "lst_htx_dak_ha",
    )


def test_a_meeting_request_reaches_only_the_organisation_asked() -> None:
    [party] = TARGETED["stx.meeting_request.sent"].parties(request())
    assert (party.recipient, party.named, party.counterpart) == (
        organization(HTX),
        organization(VIEN),
        None,
    )


def test_an_award_reaches_the_nominee_and_its_nominator() -> None:
    parties = TARGETED["stx.award.granted"].parties(award())
    assert [(p.recipient, p.role) for p in parties] == [
        (organization(HTX), "nominee"),
        (organization(HIEP_HOI), "nominator"),
    ]


def test_a_self_nominated_winner_gets_one_message() -> None:
    parties = TARGETED["stx.award.granted"].parties(award(nominator=HTX))
    assert [(p.recipient, p.role) for p in parties] == [(organization(HTX), "nominee")]


def test_an_opened_programme_goes_to_the_associations_known_to_the_service() -> None:
    message = TARGETED["stx.award_programme.opened"]
    assert message.parties(programme()) == []  # the event names nobody ...
    assert message.audience is OrganizationKind.ASSOCIATION  # ... the projection does


# --- what they read ------------------------------------------------------------------------


def test_a_meeting_reads_in_vietnamese_with_local_time_table_and_counterpart() -> None:
    rendered = renderer.render(
        "meeting_scheduled", "vi", context(meeting(), "demand", counterpart_name="Viện Dược liệu")
    )
    assert rendered.subject == "Lịch gặp gỡ B2B: 09:00 03/12/2026, bàn số 7"
    assert "Thời gian: 09:00 03/12/2026 – 09:20 (giờ Việt Nam)" in rendered.text
    assert "Bàn số: 7" in rendered.text
    assert "Gặp: Viện Dược liệu" in rendered.text
    assert "Nhu cầu: Sấy lạnh sâm Ngọc Linh" in rendered.text
    assert "Viện Dược liệu" in rendered.html


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_meeting_with_an_unknown_counterpart_still_renders(language: str) -> None:
    rendered = renderer.render(
        "meeting_scheduled", language, context(meeting(), "offer", counterpart_name=None)
    )
    assert "None" not in rendered.text
    assert "09:00 03/12/2026" in rendered.text


@pytest.mark.parametrize(
    ("template", "event", "role", "extra"),
    [
        ("meeting_scheduled", meeting(), "offer", {"counterpart_name": EVIL_TITLE}),
        ("meeting_request_received", request(), "asked", {"counterpart_name": EVIL_TITLE}),
        ("award_granted", award(nominee_name=EVIL_TITLE, citation=EVIL_TITLE), "nominee", {}),
        ("award_granted", award(nominee_name=EVIL_TITLE), "nominator", {}),
        ("award_programme_opened", programme(title=EVIL_TITLE, title_en=EVIL_TITLE), "x", {}),
    ],
)
@pytest.mark.parametrize("language", ["vi", "en"])
def test_hostile_text_is_shown_as_text_in_html(
    template: str, event: Event, role: str, extra: dict[str, Any], language: str
) -> None:
    rendered = renderer.render(template, language, context(event, role, **extra))
    assert "<script>" not in rendered.html
    assert "<img" not in rendered.html
    assert "&lt;script&gt;" in rendered.html
    assert "{{ 7*7 }}" in rendered.html  # data, never evaluated
    assert "\n" not in rendered.subject


def test_a_meeting_request_names_who_asked_and_the_deadline() -> None:
    rendered = renderer.render(
        "meeting_request_received",
        "vi",
        context(request(), "asked", counterpart_name="Viện Dược liệu"),
    )
    assert rendered.subject == "Đề nghị gặp gỡ B2B từ Viện Dược liệu"
    assert "trước 17:00 28/11/2026" in rendered.text
    anonymous = renderer.render(
        "meeting_request_received", "vi", context(request(), "asked", counterpart_name=None)
    )
    assert anonymous.subject == "Đề nghị gặp gỡ B2B"
    assert "Một đơn vị tham gia sự kiện kết nối đề nghị" in anonymous.text


def test_an_award_congratulates_the_nominee_and_informs_the_nominator_in_vietnamese() -> None:
    to_nominee = renderer.render("award_granted", "vi", context(award(), "nominee"))
    assert "Xin chúc mừng! Quý đơn vị (Hợp tác xã Sâm Ngọc Linh Tu Mơ Rông)" in to_nominee.text
    assert "Bằng khen hạng mục" in to_nominee.text
    assert (
        "Trích dẫn: Đã ứng dụng thành công quy trình nhân giống sâm Ngọc Linh." in to_nominee.text
    )
    to_nominator = renderer.render(
        "award_granted", "vi", context(award(level="merit"), "nominator")
    )
    assert "do quý đơn vị đề cử, được trao Giấy khen" in to_nominator.text
    english = renderer.render("award_granted", "en", context(award(), "nominee"))
    assert "Outstanding enterprise in technology innovation" in english.text


def test_an_opened_programme_lists_its_categories_and_deadline() -> None:
    rendered = renderer.render("award_programme_opened", "vi", context(programme(), "association"))
    assert rendered.subject.startswith("Mở nhận hồ sơ đề cử: Tôn vinh tổ chức, cá nhân tiêu biểu")
    assert "đến hết 00:00 01/11/2026" in rendered.text
    assert "từ 01/01/2026 đến 31/12/2026" in rendered.text
    assert "• Doanh nghiệp tiêu biểu trong đổi mới, ứng dụng công nghệ (tối đa 3 bằng khen" in (
        rendered.text
    )


# --- the .ics -------------------------------------------------------------------------------


def test_a_meeting_carries_one_utc_vevent_with_a_stable_uid() -> None:
    message = TARGETED["stx.meeting.scheduled"]
    [ics] = message.attachments(message.facts(meeting()))
    assert (ics.filename, ics.maintype, ics.subtype) == ("meeting.ics", "text", "calendar")
    [event] = Calendar.from_ical(ics.content).walk("VEVENT")
    assert str(event["UID"]) == "mtg_0c8d2a4f6e1b3957@stx"
    assert event.decoded("DTSTART") == datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2026, 12, 3, 2, 20, tzinfo=UTC)
    assert str(event["SUMMARY"]) == "Gặp gỡ kết nối cung – cầu công nghệ (B2B), bàn số 7"
    assert b"DTSTART:20261203T020000Z" in ics.content


def test_messages_without_files_have_no_attachments() -> None:
    for ce_type in ("stx.meeting_request.sent", "stx.award.granted", "stx.match.proposed"):
        assert TARGETED[ce_type].attachments({}) == []


def test_an_email_keeps_both_alternatives_and_attaches_the_ics() -> None:
    message = TARGETED["stx.meeting.scheduled"]
    facts = context(meeting(), "offer", counterpart_name="HTX Dược liệu Đăk Hà")
    rendered = renderer.render("meeting_scheduled", "vi", facts)
    mail = compose(
        rendered,
        sender="STX <no-reply@stx.vn>",
        to="an@vien.vn",
        delivery_id="dlv_1",
        unsubscribe_url="https://stx.vn/u",
        attachments=message.attachments(facts),
    )
    parsed = message_from_bytes(mail.as_bytes(), policy=policy.default)
    assert parsed.get_content_type() == "multipart/mixed"
    body = parsed.get_body(("plain",))
    assert body is not None
    assert "Gặp: HTX Dược liệu Đăk Hà" in body.get_content()
    assert parsed.get_body(("html",)) is not None
    [ics] = list(parsed.iter_attachments())
    assert (ics.get_content_type(), ics.get_filename()) == ("text/calendar", "meeting.ics")
    [event] = Calendar.from_ical(ics.get_content()).walk("VEVENT")
    assert str(event["UID"]) == "mtg_0c8d2a4f6e1b3957@stx"
    assert str(event["SUMMARY"]) == "Gặp gỡ kết nối cung – cầu công nghệ (B2B), bàn số 7"


# --- the intake: the audience comes from the organisations projection ----------------------


async def test_an_opened_programme_is_queued_for_each_known_association_only() -> None:
    stores = InMemoryStores(
        {HIEP_HOI: "association", "org_hiep_hoi_duoc_lieu": "association", HTX: "cooperative"}
    )
    intake = intake_of(stores, lambda: datetime(2026, 10, 1, tzinfo=UTC), DeliveryIds(b"k" * 32))
    event = programme()
    envelope = SimpleNamespace(
        id="evt_1", time=datetime(2026, 10, 1, tzinfo=UTC), type=event.ce_type
    )
    handling = SimpleNamespace(event=event, envelope=envelope, tx=SimpleNamespace(session=None))
    await intake._record_targeted(handling)  # type: ignore[arg-type]
    assert [
        (d.recipient, d.template, d.context["role"]) for d in stores.deliveries.queued.values()
    ] == [
        (organization(HIEP_HOI), "award_programme_opened", "association"),
        (organization("org_hiep_hoi_duoc_lieu"), "award_programme_opened", "association"),
    ]


async def test_meeting_deliveries_remember_whose_name_to_show() -> None:
    stores = InMemoryStores()
    intake = intake_of(stores, lambda: datetime(2026, 11, 1, tzinfo=UTC), DeliveryIds(b"k" * 32))
    event = meeting()
    envelope = SimpleNamespace(
        id="evt_2", time=datetime(2026, 11, 1, tzinfo=UTC), type=event.ce_type
    )
    handling = SimpleNamespace(event=event, envelope=envelope, tx=SimpleNamespace(session=None))
    await intake._record_targeted(handling)  # type: ignore[arg-type]
    assert [(d.recipient, d.named, d.counterpart) for d in stores.deliveries.queued.values()] == [
        (organization(VIEN), organization(HTX), None),
        (organization(HTX), organization(VIEN), None),
    ]
