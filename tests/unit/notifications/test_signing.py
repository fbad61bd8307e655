"""Webhook signatures: HMAC-SHA256 over `<timestamp>.<body>`."""

from __future__ import annotations

import hashlib
import hmac

from services.notifications.delivery.signing import signature, verify

SECRET = "bi-mat-cua-cong-thong-tin-dien-tu"
BODY = '{"listing_id":"lst_sam_ngoc_linh","title":"Sâm Ngọc Linh"}'.encode()


def test_the_signature_is_hmac_sha256_of_timestamp_dot_body() -> None:
    expected = hmac.new(SECRET.encode(), b"1763600000." + BODY, hashlib.sha256).hexdigest()
    assert signature(SECRET, 1763600000, BODY) == f"sha256={expected}"


def test_a_receiver_accepts_a_fresh_genuine_request() -> None:
    assert verify(SECRET, "1763600000", BODY, signature(SECRET, 1763600000, BODY), now=1763600010)


def test_a_changed_body_fails_verification() -> None:
    signed = signature(SECRET, 1763600000, BODY)
    assert not verify(SECRET, "1763600000", BODY.replace(b"Linh", b"Lin"), signed, now=1763600000)


def test_another_secret_fails_verification() -> None:
    signed = signature("bi-mat-khac", 1763600000, BODY)
    assert not verify(SECRET, "1763600000", BODY, signed, now=1763600000)


def test_a_replayed_old_request_fails_verification() -> None:
    signed = signature(SECRET, 1763600000, BODY)
    assert not verify(SECRET, "1763600000", BODY, signed, now=1763600000 + 3600)


def test_a_moved_timestamp_fails_verification() -> None:
    signed = signature(SECRET, 1763600000, BODY)
    assert not verify(SECRET, "1763600001", BODY, signed, now=1763600000)
