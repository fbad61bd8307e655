"""The sign-in cookie, the CSRF check, the API's refusals in Vietnamese and the form's body."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from services.portal.domain.field_errors import field_messages
from services.portal.domain.listing_form import (
    FIELDS,
    api_body,
    read_listing_form,
    read_posted_listing_form,
)
from services.portal.domain.session import Visitor, same_token, seal, unseal
from services.portal.settings import PortalSettings

NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)
SECRET = "s" * 40
VISITOR = Visitor(
    subject="htxmangden:giam-doc",
    name="Hợp tác xã Nông nghiệp Dược liệu Măng Đen",
    roles=("org",),
    organization_id="org_htx_mangden",
    expires_at=NOW + timedelta(hours=8),
)


def test_a_sealed_visitor_comes_back_whole() -> None:
    assert unseal(seal(VISITOR, SECRET), SECRET, NOW) == VISITOR


def test_a_forged_expired_or_garbled_cookie_is_nobody() -> None:
    cookie = seal(VISITOR, SECRET)
    flipped = cookie[:20] + ("A" if cookie[20] != "A" else "B") + cookie[21:]
    assert unseal(flipped, SECRET, NOW) is None
    assert unseal(cookie, "another-secret" * 3, NOW) is None
    assert unseal(cookie, SECRET, NOW + timedelta(hours=9)) is None
    assert unseal("garbage", SECRET, NOW) is None
    assert unseal(None, SECRET, NOW) is None


def test_the_cookie_does_not_show_the_identity_providers_token() -> None:
    visitor = Visitor(**{**VISITOR.__dict__, "bearer": "eyJhbGciOiJSUzI1NiJ9.secret.sig"})
    cookie = seal(visitor, SECRET)
    assert unseal(cookie, SECRET, NOW) == visitor
    assert "secret" not in base64.urlsafe_b64decode(cookie + "=" * (-len(cookie) % 4)).decode(
        "latin-1"
    )


def test_the_csrf_token_must_be_the_cookies_own() -> None:
    assert same_token("abc", "abc")
    assert not same_token("abc", "abd")
    assert not same_token(None, None)
    assert not same_token("", "")


def test_the_apis_refusals_are_worded_in_vietnamese_under_their_form_field() -> None:
    errors = [
        {"field": "body.summary", "code": "string_too_short", "limit": 10, "message": "x"},
        {"field": "body.keywords.2", "code": "string_too_long", "limit": 60, "message": "x"},
        {"field": "body.min_trl", "code": "less_than_equal", "limit": 9, "message": "x"},
        {"field": "body.desired_outcome", "code": "validation-failed", "message": "required"},
        {"field": "body.location_code", "code": "missing", "message": "x"},
        {"field": "body.title", "code": "validation-failed", "message": "a new rule"},
    ]
    assert field_messages(errors, FIELDS) == {
        "summary": "Quá ngắn: tối thiểu 10 ký tự.",
        "keywords": "Quá dài: tối đa 60 ký tự.",
        "min_trl": "Giá trị lớn nhất là 9.",
        "desired_outcome": "Đặt hàng cần nêu kết quả mong muốn.",  # the field's own rule
        "_form": "Bắt buộc nhập.",
        "title": "Không hợp lệ: a new rule",  # a rule the portal has no words for still shows
    }


def test_the_form_sends_what_was_filled_in_and_numbers_as_numbers() -> None:
    form = read_listing_form(
        {
            "kind": "demand",
            "title": " Cần máy sấy dược liệu ",
            "summary": "",
            "min_trl": "6",
            "budget_max_vnd": "500.000.000",
            "keywords": "sấy lạnh, dược liệu,",
            "anonymous": "on",
            "csrf_token": "never sent on",
        }
    )
    assert api_body(form) == {
        "kind": "demand",
        "title": "Cần máy sấy dược liệu",
        "min_trl": 6,
        "budget_max_vnd": 500_000_000,
        "keywords": ["sấy lạnh", "dược liệu"],
        "anonymous": True,
    }
    assert api_body(read_listing_form({"kind": "offer", "trl": "bảy"}))["trl"] == "bảy"


def test_an_offer_sends_every_ticked_transfer_object_and_whether_its_price_is_negotiable() -> None:
    posted = {
        "kind": ["offer"],
        "title": ["Máy sấy bơm nhiệt"],
        "transfer_objects": ["process", "equipment_with_know_how"],
        "price_negotiable": ["on"],
    }
    form = read_posted_listing_form(posted)
    assert form.chosen("transfer_objects") == {"process", "equipment_with_know_how"}
    body = api_body(form)
    assert body["transfer_objects"] == ["equipment_with_know_how", "process"]
    assert body["price_negotiable"] is True
    assert "anonymous" not in body
    assert api_body(read_posted_listing_form({"kind": ["offer"]}))["transfer_objects"] == []


def test_production_refuses_the_development_session_secret() -> None:
    with pytest.raises(ValidationError, match="STX_PORTAL_SESSION_SECRET"):
        PortalSettings(environment="prod", jwt_secret="j" * 40)
    assert PortalSettings(environment="prod", jwt_secret="j" * 40, session_secret="p" * 40)
