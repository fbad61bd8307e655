"""An organisation's forms re-rendered in English with their refusals (issue 16): each refusal
the portal words itself comes out in English beside its field and in the summary, what was
typed stays as typed, and no Vietnamese word of the portal's own remains."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from services.portal.domain import labels, my_subscriptions, nominations
from services.portal.domain.catalogue import COLUMNS, catalogue_template
from services.portal.domain.english import ENGLISH
from services.portal.domain.field_errors import FIELD_RULES, MESSAGES
from services.portal.domain.i18n import translate
from services.portal.domain.listing_form import FIELD_LABELS
from services.portal.domain.meeting_requests import REQUEST_FIELDS, REQUEST_NOTICES
from tests.unit.portal.fakes import InMemoryOwnListings
from tests.unit.portal.signing import sign_in
from tests.unit.portal.test_english_organisation_pages import (
    EVENT,
    organisation,
    own,
    vietnamese_left,
)
from tests.unit.portal.test_english_pages import in_english

__all__ = ["organisation", "own"]  # the fixtures, shared with the pages' English tests

TYPED = ("Cần máy sấy lạnh dược liệu", "Ngắn", "Sấy bằng lò củi.", "HTX Dược liệu Tu Mơ Rông",
         "Bà Y Lan")  # fmt: skip
"""What the organisation typed: shown again as typed."""


def test_every_vocabulary_and_refusal_of_the_organisation_pages_has_its_english() -> None:
    tables = (
        labels.STATES, labels.TRANSFER_OBJECTS, labels.DECLINE_REASONS, labels.MATCH_STATES,
        labels.STAGES, labels.NEXT_STEPS, labels.PARTICIPANT_ROLES, labels.REGISTRATION_STATES,
        labels.NOMINATION_STATES, labels.MEETING_REQUEST_STATES, my_subscriptions.STATES,
        my_subscriptions.ACTION_LABELS, nominations.RULES, REQUEST_FIELDS, REQUEST_NOTICES,
        FIELD_LABELS, MESSAGES, FIELD_RULES, dict(COLUMNS),
    )  # fmt: skip
    missing = [name for table in tables for name in table.values() if name not in ENGLISH]
    assert missing == []


def test_a_composed_refusal_is_translated_with_its_parts() -> None:
    assert translate("en", "Quá ngắn: tối thiểu 10 ký tự.") == (
        "Too short: at least 10 characters."
    )
    assert translate("en", "Không quan tâm: Giá, kinh phí không phù hợp") == (
        "Not interested: Price or budget does not fit"
    )
    assert translate("en", "Chưa rút tin được: the listing is withdrawn") == (
        "Not withdrawn: the listing is withdrawn"  # the API's own words, as it gave them
    )
    assert translate("en", "Bắt buộc nhập.; Giá trị lớn nhất là 9.") == (
        "Required.; The largest value is 9."
    )
    assert translate("vi", "Quá ngắn: tối thiểu 10 ký tự.") == "Quá ngắn: tối thiểu 10 ký tự."


@pytest.fixture
async def english(organisation: httpx.AsyncClient) -> str:
    """The browser's CSRF token, once the organisation switched to English."""
    await in_english(organisation)
    return str(organisation.cookies["stx_csrf"])


def english_only(response: httpx.Response) -> str:
    assert response.status_code == 422
    assert '<html lang="en">' in response.text
    page = response.text
    for typed in TYPED:
        page = page.replace(typed, "")
    assert vietnamese_left(page) == ""
    return response.text


async def test_a_listing_refused_beside_its_field_in_english(
    organisation: httpx.AsyncClient, english: str
) -> None:
    form = {"csrf_token": english, "kind": "demand", "title": TYPED[0], "summary": "Ngắn",
            "description": "Sấy bằng lò củi.", "sector": "medicinal_herbs"}  # fmt: skip
    page = english_only(await organisation.post("/to-chuc/tin/moi", data=form))
    assert 'class="field-error">Too short: at least 10 characters.</small>' in page
    assert '<a href="#summary">Summary: Too short: at least 10 characters.</a>' in page
    assert "Not saved yet: please correct these fields." in page
    assert f'value="{TYPED[0]}"' in page


async def test_a_withdrawal_without_a_reason_is_explained_in_english(
    organisation: httpx.AsyncClient, english: str
) -> None:
    withdrawn = {"csrf_token": english, "reason": "x"}
    page = english_only(await organisation.post("/to-chuc/tin/lst_draft/rut", data=withdrawn))
    assert "Say why the listing is withdrawn (3 characters or more)." in page


async def test_an_import_s_bad_line_is_reported_in_english(
    organisation: httpx.AsyncClient, own: InMemoryOwnListings, english: str
) -> None:
    files = {"catalogue": ("danh-muc.csv", b"", "text/csv")}
    upload = {"csrf_token": english}
    empty = english_only(await organisation.post("/to-chuc/tin/nhap", data=upload, files=files))
    assert "Choose a CSV file with at least one listing." in empty
    own.import_errors = [{"field": "rows.3.trl", "code": "less_than_equal", "limit": 9}]
    data = catalogue_template(date(2026, 12, 3)).encode()
    files = {"catalogue": ("danh-muc.csv", data, "text/csv")}
    page = english_only(await organisation.post("/to-chuc/tin/nhap", data=upload, files=files))
    assert "Nothing imported: 1 line(s) with errors, listed below." in page
    assert (
        '<tr data-row="3"><td>3</td><td>Technology readiness level (TRL) (<code>trl</code>)</td>'
        "<td>The largest value is 9.</td></tr>"
    ) in page


async def test_a_short_nomination_is_refused_in_english(
    organisation: httpx.AsyncClient, english: str
) -> None:
    form = {"csrf_token": english, "choice": "prg_open/doanh-nghiep", "narrative": "Ngắn"}
    page = english_only(await organisation.post("/to-chuc/de-cu", data=form))
    assert 'id="narrative-error" class="field-error">Too short: at least 20 characters.' in page


async def test_a_meeting_request_without_a_reason_is_refused_in_english(
    organisation: httpx.AsyncClient, english: str
) -> None:
    form = {"csrf_token": english, "to_organization_id": "org_ttsam_ngoclinh"}
    page = english_only(await organisation.post(f"/to-chuc/su-kien/{EVENT}/hen-gap", data=form))
    assert "Not sent yet: please correct these fields." in page
    assert '<a href="#request-reason">What you want to discuss: Required.</a>' in page


async def test_an_unconfirmed_cancellation_is_refused_in_english(
    organisation: httpx.AsyncClient, english: str
) -> None:
    cancel = {"csrf_token": english}
    page = english_only(await organisation.post(f"/su-kien/{EVENT}/dang-ky/huy", data=cancel))
    assert (
        "Not cancelled: Tick the confirmation box if your organisation really wants to cancel."
    ) in page


async def test_a_registration_without_a_listing_and_a_sign_up_are_refused_in_english(
    organisation: httpx.AsyncClient,
) -> None:
    token = await sign_in(organisation, "caphe-dakha:giam-doc")
    await in_english(organisation)
    register = {"csrf_token": token, "role": "seeker"}
    page = english_only(await organisation.post(f"/su-kien/{EVENT}/dang-ky", data=register))
    assert 'id="listing_ids-error" class="field-error">At least 1 item(s) needed.' in page
    assert "Not sent yet: please correct the marked fields." in page
    token = await sign_in(organisation, "nguoi-dung-moi", name="Y Lan")
    sign_up = {
        "csrf_token": token, "kind": "cooperative", "name": "HTX Dược liệu Tu Mơ Rông",
        "tax_code": "61-ABC", "province_code": "51", "commune_code": "23425",
        "contact_name": "Bà Y Lan", "email": "ylan@htx.vn", "language": "vi",
    }  # fmt: skip
    page = english_only(await organisation.post("/dang-ky", data=sign_up))
    assert 'id="tax_code-error" class="field-error">A tax code has 10 digits' in page


async def test_a_forged_form_is_refused_on_an_english_error_page(
    organisation: httpx.AsyncClient, english: str
) -> None:
    forged = await organisation.post("/to-chuc/tin/lst_draft/gui", data={"csrf_token": "x"})
    assert forged.status_code == 403
    assert "The session expired or the form is not valid: reload the page." in forged.text
    assert vietnamese_left(forged.text) == ""
