"""The English of the broker console and the reviewers' pages: every label their view models
give has its entry, and a text made from an entry with placeholders (a count, a name, a refusal
worded elsewhere) comes out whole in English."""

from __future__ import annotations

import re

import pytest

from services.portal.domain import labels
from services.portal.domain.desk_refusals import RULE_WORDS
from services.portal.domain.english import ENGLISH
from services.portal.domain.event_desk import DESK_FIELDS, DONE_NOTICES
from services.portal.domain.event_form import FIELD_LABELS, PLAN_RULES
from services.portal.domain.field_errors import FIELD_RULES, MESSAGES
from services.portal.domain.i18n import translate
from services.portal.domain.pipeline import OPEN_STAGES
from services.portal.service.dossiers import CHOOSE, UNREGISTERED
from services.portal.service.reviews import SCORE_REFUSED

ORGANISATION_RULES = ("participant", "to_organization_id", "meeting_request", "request_id")
"""Rules only the organisations' meeting-request pages word (not the broker's)."""
IMPORT_CODES = ("extra_forbidden", "invalid-row")
"""Refusals only an organisation's CSV import words."""


def test_every_label_of_the_broker_console_has_its_english() -> None:
    tables = (
        labels.SCORE_AXES,
        labels.RETURN_REASONS,
        {stage: labels.STAGES[stage] for stage in OPEN_STAGES},
        labels.PARTICIPANT_ROLES,
        labels.REGISTRATION_STATES,
        labels.MEETING_OUTCOMES,
        DONE_NOTICES,
        DESK_FIELDS,
        FIELD_LABELS,
        {k: v for k, v in MESSAGES.items() if k not in IMPORT_CODES},
        {k: v for k, v in RULE_WORDS.items() if not k.startswith(ORGANISATION_RULES)},
        {"on_behalf_of": FIELD_RULES["on_behalf_of"]},
    )
    texts = [name for table in tables for name in table.values()]
    texts += [PLAN_RULES, CHOOSE, UNREGISTERED, SCORE_REFUSED]
    missing = [text for text in texts if translate("en", text) == text]
    assert missing == []


def test_a_refusal_worded_inside_another_comes_out_whole() -> None:
    cancelled = "Chưa hủy được đăng ký: Đơn vị này không còn đăng ký nào để hủy."
    assert translate("en", cancelled) == (
        "The registration was not cancelled: This organisation has no registration left to cancel."
    )
    assert translate("en", "Quá dài: tối đa 300 ký tự.") == "Too long: at most 300 characters."
    assert translate("en", "Không hợp lệ: value is not a valid URL") == (
        "Not valid: value is not a valid URL"  # the API's own words, as it wrote them
    )


def test_refusals_joined_are_translated_one_by_one() -> None:
    joined = "Bắt buộc nhập.; Giá trị lớn nhất là 5."
    assert translate("en", joined) == "Required.; The largest value is 5."


def test_a_meeting_as_the_desk_names_it_keeps_its_names_and_writes_its_day_in_english() -> None:
    choice = "09:00 10/12/2026 · bàn 2 · Trung tâm Sâm Ngọc Linh – HTX Dược liệu Măng Đen"
    assert translate("en", f"{choice} — ghi cho HTX Dược liệu Măng Đen") == (
        "09:00 10 Dec 2026 · table 2 · Trung tâm Sâm Ngọc Linh – HTX Dược liệu Măng Đen"
        " — for HTX Dược liệu Măng Đen"
    )


def test_an_owner_s_words_in_a_placeholder_stay_as_written() -> None:
    assert translate("en", "Sửa sự kiện: Hội thảo · 03/12/2026") == (
        "Change the event: Hội thảo · 03/12/2026"
    )


def test_a_placeholder_for_a_number_takes_only_a_number() -> None:
    assert translate("en", "3 tổ chức.") == "Organisations: 3."
    assert translate("en", "Chưa có tổ chức.") == "Chưa có tổ chức."


def test_the_paper_dossier_desk_s_own_words_have_their_english() -> None:
    heading = f"Nhập tin từ hồ sơ giấy: {labels.KINDS['demand'].lower()}"
    assert translate("en", heading) == "Listing from a paper dossier: technology demand"
    saved = (
        "Đã lưu bản nháp cho HTX Dược liệu Măng Đen. Tin nằm trong mục “Tin của tôi” của đơn vị, "
        "ghi rõ do Sở nhập từ hồ sơ giấy; đơn vị kiểm tra lại rồi bấm “Gửi duyệt”."
    )
    assert translate("en", saved).startswith("Saved as a draft of HTX Dược liệu Măng Đen. ")


@pytest.mark.parametrize(
    "vietnamese", [text for text in ENGLISH if "{" in text], ids=lambda text: text[:30]
)
def test_an_entry_with_placeholders_has_the_same_ones_in_english(vietnamese: str) -> None:
    placeholders = re.compile(r"\{(\w+)\}")
    assert sorted(placeholders.findall(vietnamese)) == sorted(
        placeholders.findall(ENGLISH[vietnamese])
    )
